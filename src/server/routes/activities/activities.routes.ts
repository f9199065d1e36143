import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { activityListQuerySchema } from '../../../shared/schemas/activity-query.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';

const params = z.object({ id: z.string().min(1).max(200) });
const ALLOWED = Object.keys(activityListQuerySchema.shape);

export function activityRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/activities', async (req) =>
    core.activities.list(parseInput(activityListQuerySchema, req.query, ALLOWED), audienceOf(req)),
  );

  app.get('/api/v1/activities/:id', async (req) =>
    core.activities.get(parseInput(params, req.params).id, audienceOf(req)),
  );
}
