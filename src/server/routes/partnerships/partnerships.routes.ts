import type { FastifyInstance } from 'fastify';
import { audienceOf } from '../../auth';

export function partnershipRoutes(app: FastifyInstance): void {
  app.get('/api/v1/partnerships', async (req) => ({
    items: await app.readerFor(req).plans.partnerships(audienceOf(req)),
  }));
}
