import type { FastifyInstance } from 'fastify';
import { searchQuerySchema } from '../../../shared/schemas/search.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';

const ALLOWED = Object.keys(searchQuerySchema.shape);

export function searchRoutes(app: FastifyInstance): void {
  /** One search box over activities, organisations and framework nodes, with facet counts; the public's on the replica. */
  app.get('/api/v1/search', async (req) =>
    app.readerFor(req).search.search(parseInput(searchQuerySchema, req.query, ALLOWED), audienceOf(req)),
  );
}
