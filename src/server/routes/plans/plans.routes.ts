import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { parseInput } from '../../problem';

const idParams = z.object({ idOrSlug: z.string().min(1).max(200) });
const nodeParams = z.object({ id: z.string().min(1).max(200) });

export function planRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/plans', async () => ({ items: await core.plans.list() }));

  app.get('/api/v1/plans/:idOrSlug', async (req) => core.plans.get(parseInput(idParams, req.params).idOrSlug));

  app.get('/api/v1/framework-nodes/:id', async (req) => core.plans.getNode(parseInput(nodeParams, req.params).id));
}
