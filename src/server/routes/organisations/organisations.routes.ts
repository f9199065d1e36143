import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { organisationListQuerySchema } from '../../../shared/schemas/activity-query.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';

const params = z.object({ id: z.string().min(1).max(200) });
const ALLOWED = Object.keys(organisationListQuerySchema.shape);

export function organisationRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/organisations', async (req) =>
    core.organisations.list(parseInput(organisationListQuerySchema, req.query, ALLOWED), audienceOf(req)),
  );

  app.get('/api/v1/organisations/:id', async (req) =>
    core.organisations.get(parseInput(params, req.params).id, audienceOf(req)),
  );
}
