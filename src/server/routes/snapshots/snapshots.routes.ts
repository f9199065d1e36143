import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { snapshotCompareQuerySchema, snapshotInputSchema } from '../../../shared/schemas/snapshot.schema';
import { parseInput } from '../../problem';
import { expectedVersion, sendVersioned } from '../../versioning';
import { audienceOf } from '../../auth';
import { requireActor } from '../auth/auth.routes';

const planParams = z.object({ idOrSlug: z.string().min(1).max(200) });
const snapshotParams = planParams.extend({ id: z.string().min(1).max(200) });
const COMPARE_PARAMS = Object.keys(snapshotCompareQuerySchema.shape);

/**
 * Coverage snapshots of a plan: public reads (they hold published activities only), creation by
 * reviewers and administrators, withdrawal by administrators, and comparisons.
 */
export function snapshotRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/plans/:idOrSlug/snapshots', async (req) => ({
    items: await app.readerFor(req).snapshots.list(parseInput(planParams, req.params).idOrSlug, audienceOf(req)),
  }));

  app.post('/api/v1/plans/:idOrSlug/snapshots', async (req, reply) => {
    const actor = requireActor(req);
    const { idOrSlug } = parseInput(planParams, req.params);
    const created = await core.snapshots.create(actor, idOrSlug, parseInput(snapshotInputSchema, req.body));
    reply.header('location', `/api/v1/plans/${encodeURIComponent(idOrSlug)}/snapshots/${created.id}`);
    return sendVersioned(reply, created, 201);
  });

  app.get('/api/v1/plans/:idOrSlug/snapshots/compare', async (req) =>
    app
      .readerFor(req)
      .snapshots.compare(
        parseInput(planParams, req.params).idOrSlug,
        parseInput(snapshotCompareQuerySchema, req.query, COMPARE_PARAMS),
        audienceOf(req),
      ),
  );

  app.get('/api/v1/plans/:idOrSlug/snapshots/:id', async (req, reply) => {
    const { idOrSlug, id } = parseInput(snapshotParams, req.params);
    return sendVersioned(reply, await app.readerFor(req).snapshots.get(idOrSlug, id, audienceOf(req)));
  });

  app.delete('/api/v1/plans/:idOrSlug/snapshots/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { idOrSlug, id } = parseInput(snapshotParams, req.params);
    await core.snapshots.withdraw(actor, idOrSlug, id, expectedVersion(req));
    return reply.code(204).send();
  });
}
