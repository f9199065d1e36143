import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import {
  carryOverInputSchema,
  crosswalkEntryInputSchema,
  crosswalkEntryUpdateSchema,
  planComparisonQuerySchema,
} from '../../../shared/schemas/crosswalk.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';
import { expectedVersion, sendVersioned } from '../../versioning';
import { requireActor } from '../auth/auth.routes';

const pairParams = z.object({ from: z.string().min(1).max(200), to: z.string().min(1).max(200) });
const entryParams = z.object({ id: z.string().min(1).max(200) });
const COMPARE_PARAMS = Object.keys(planComparisonQuerySchema.shape);

/** Crosswalks between successive plans, carry-over along them, and the two plans side by side (docs/crosswalks.md). */
export function crosswalkRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/plans/:from/crosswalk/:to', async (req) => {
    const { from, to } = parseInput(pairParams, req.params);
    return app.readerFor(req).crosswalks.get(from, to, audienceOf(req));
  });

  app.get('/api/v1/plans/:from/compare/:to', async (req) => {
    const { from, to } = parseInput(pairParams, req.params);
    return app
      .readerFor(req)
      .crosswalks.compare(from, to, parseInput(planComparisonQuerySchema, req.query, COMPARE_PARAMS), audienceOf(req));
  });

  app.post('/api/v1/plans/:from/crosswalk/:to/entries', async (req, reply) => {
    const actor = requireActor(req);
    const { from, to } = parseInput(pairParams, req.params);
    const created = await core.crosswalks.createEntry(actor, from, to, parseInput(crosswalkEntryInputSchema, req.body));
    reply.header('location', `/api/v1/crosswalk-entries/${created.id}`);
    return sendVersioned(reply, created, 201);
  });

  app.put('/api/v1/crosswalk-entries/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parseInput(entryParams, req.params);
    const input = parseInput(crosswalkEntryUpdateSchema, req.body);
    return sendVersioned(reply, await core.crosswalks.updateEntry(actor, id, expectedVersion(req), input));
  });

  app.delete('/api/v1/crosswalk-entries/:id', async (req, reply) => {
    const actor = requireActor(req);
    await core.crosswalks.deleteEntry(actor, parseInput(entryParams, req.params).id, expectedVersion(req));
    return reply.code(204).send();
  });

  app.post('/api/v1/plans/:from/crosswalk/:to/carry-over', async (req) => {
    const actor = requireActor(req);
    const { from, to } = parseInput(pairParams, req.params);
    return core.crosswalks.carryOver(actor, from, to, parseInput(carryOverInputSchema, req.body));
  });
}
