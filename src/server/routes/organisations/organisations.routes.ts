import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { organisationListQuerySchema } from '../../../shared/schemas/activity-query.schema';
import { audienceOf } from '../../auth';
import { sendOrganisationsCsv, wantsCsv } from '../../list-csv';
import { parseInput } from '../../problem';
import { expectedVersion, historyVersion, sendVersioned } from '../../versioning';
import { requireActor } from '../auth/auth.routes';
import { organisationInputSchema, organisationMergeSchema } from '../../../shared/schemas/organisation.schema';

const params = z.object({ id: z.string().min(1).max(200) });
const versionParams = params.extend({ version: historyVersion });
const ALLOWED = Object.keys(organisationListQuerySchema.shape);

export function organisationRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/organisations', async (req, reply) => {
    const page = await app
      .readerFor(req)
      .organisations.list(parseInput(organisationListQuerySchema, req.query, ALLOWED), audienceOf(req));
    return wantsCsv(req) ? sendOrganisationsCsv(reply, page) : page;
  });

  app.get('/api/v1/organisations/:id', async (req, reply) =>
    sendVersioned(
      reply,
      await app.readerFor(req).organisations.get(parseInput(params, req.params).id, audienceOf(req)),
    ),
  );

  app.post('/api/v1/organisations', async (req, reply) => {
    const created = await core.organisationWrites.create(
      requireActor(req),
      parseInput(organisationInputSchema, req.body),
    );
    reply.header('location', `/api/v1/organisations/${created.id}`);
    return sendVersioned(reply, created, 201);
  });

  app.put('/api/v1/organisations/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parseInput(params, req.params);
    const input = parseInput(organisationInputSchema, req.body);
    return sendVersioned(reply, await core.organisationWrites.update(actor, id, expectedVersion(req), input));
  });

  app.delete('/api/v1/organisations/:id', async (req, reply) => {
    const actor = requireActor(req);
    await core.organisationWrites.delete(actor, parseInput(params, req.params).id, expectedVersion(req));
    return reply.code(204).send();
  });

  /** Merges this (duplicate) organisation into `into`; If-Match names the duplicate's version. */
  app.post('/api/v1/organisations/:id/merge', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parseInput(params, req.params);
    const { into } = parseInput(organisationMergeSchema, req.body);
    return sendVersioned(reply, await core.organisationWrites.merge(actor, id, expectedVersion(req), into));
  });

  app.post('/api/v1/organisations/:id/history/:version/restore', async (req, reply) => {
    const actor = requireActor(req);
    const { id, version } = parseInput(versionParams, req.params);
    return sendVersioned(reply, await core.organisationWrites.restoreVersion(actor, id, version, expectedVersion(req)));
  });

  app.post('/api/v1/trash/organisations/:id/restore', async (req, reply) => {
    const actor = requireActor(req);
    return sendVersioned(
      reply,
      await core.organisationWrites.restoreFromTrash(actor, parseInput(params, req.params).id),
    );
  });

  app.get('/api/v1/organisations/:id/history', async (req) => ({
    items: await core.history.list(requireActor(req), 'organisation', parseInput(params, req.params).id),
  }));
}
