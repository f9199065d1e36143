import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/core';
import { searchQuerySchema } from '../../../shared/schemas/search.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';

const ALLOWED = Object.keys(searchQuerySchema.shape);

export function searchRoutes(app: FastifyInstance, core: Core): void {
  /** One search box over activities, organisations and framework nodes, with facet counts. */
  app.get('/api/v1/search', async (req) =>
    core.search.search(parseInput(searchQuerySchema, req.query, ALLOWED), audienceOf(req)),
  );
}
