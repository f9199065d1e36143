import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';

const idParams = z.object({ idOrSlug: z.string().min(1).max(200) });
const nodeParams = z.object({ id: z.string().min(1).max(200) });

export function planRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/plans', async (req) => ({ items: await core.plans.list(audienceOf(req)) }));

  app.get('/api/v1/plans/:idOrSlug', async (req) =>
    core.plans.get(parseInput(idParams, req.params).idOrSlug, audienceOf(req)),
  );

  app.get('/api/v1/framework-nodes/:id', async (req) =>
    core.plans.getNode(parseInput(nodeParams, req.params).id, audienceOf(req)),
  );
}
