import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { activityListQuerySchema } from '../../../shared/schemas/activity-query.schema';
import {
  activityInputSchema,
  returnDecisionSchema,
  reviewDecisionSchema,
} from '../../../shared/schemas/activity.schema';
import {
  linkRejectionParamsSchema,
  linkSuggestionInputSchema,
  linkSuggestionQuerySchema,
} from '../../../shared/schemas/link-suggestion.schema';
import { audienceOf } from '../../auth';
import { sendActivitiesCsv, wantsCsv } from '../../list-csv';
import { parseInput } from '../../problem';
import { expectedVersion, historyVersion, sendVersioned } from '../../versioning';
import { requireActor } from '../auth/auth.routes';

const params = z.object({ id: z.string().min(1).max(200) });
const versionParams = params.extend({ version: historyVersion });
const ALLOWED = Object.keys(activityListQuerySchema.shape);
const SUGGESTION_PARAMS = Object.keys(linkSuggestionQuerySchema.shape);

export function activityRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/activities', async (req, reply) => {
    const page = await app
      .readerFor(req)
      .activities.list(parseInput(activityListQuerySchema, req.query, ALLOWED), audienceOf(req), req.actor?.id ?? null);
    return wantsCsv(req) ? sendActivitiesCsv(reply, page) : page;
  });

  app.get('/api/v1/activities/:id', async (req, reply) =>
    sendVersioned(reply, await app.readerFor(req).activities.get(parseInput(params, req.params).id, audienceOf(req))),
  );

  app.post('/api/v1/activities', async (req, reply) => {
    const actor = requireActor(req);
    const created = await core.activityWrites.create(actor, parseInput(activityInputSchema, req.body));
    reply.header('location', `/api/v1/activities/${created.id}`);
    return sendVersioned(reply, created, 201);
  });

  app.put('/api/v1/activities/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parseInput(params, req.params);
    const input = parseInput(activityInputSchema, req.body);
    return sendVersioned(reply, await core.activityWrites.update(actor, id, expectedVersion(req), input));
  });

  app.delete('/api/v1/activities/:id', async (req, reply) => {
    const actor = requireActor(req);
    await core.activityWrites.delete(actor, parseInput(params, req.params).id, expectedVersion(req));
    return reply.code(204).send();
  });

  // Suggested links: for what the editor has typed (saved or not), and for a stored activity (ADR 0017).
  app.post('/api/v1/link-suggestions', async (req) =>
    core.linkSuggestions.forDraft(requireActor(req), parseInput(linkSuggestionInputSchema, req.body)),
  );
  app.get('/api/v1/activities/:id/link-suggestions', async (req) => {
    const actor = requireActor(req);
    const { id } = parseInput(params, req.params);
    const { limit } = parseInput(linkSuggestionQuerySchema, req.query, SUGGESTION_PARAMS);
    return core.linkSuggestions.forActivity(actor, id, limit);
  });
  app.get('/api/v1/activities/:id/link-rejections', async (req) => ({
    items: await core.linkSuggestions.rejectionsOf(requireActor(req), parseInput(params, req.params).id),
  }));
  app.put('/api/v1/activities/:id/link-rejections/:nodeId', async (req) => {
    const actor = requireActor(req);
    const { id, nodeId } = parseInput(linkRejectionParamsSchema, req.params);
    return core.linkSuggestions.reject(actor, id, nodeId);
  });
  app.delete('/api/v1/activities/:id/link-rejections/:nodeId', async (req, reply) => {
    const actor = requireActor(req);
    const { id, nodeId } = parseInput(linkRejectionParamsSchema, req.params);
    await core.linkSuggestions.withdrawRejection(actor, id, nodeId);
    return reply.code(204).send();
  });

  app.get('/api/v1/activities/:id/history', async (req) => ({
    items: await core.history.list(requireActor(req), 'activity', parseInput(params, req.params).id),
  }));

  app.post('/api/v1/activities/:id/history/:version/restore', async (req, reply) => {
    const actor = requireActor(req);
    const { id, version } = parseInput(versionParams, req.params);
    return sendVersioned(reply, await core.activityWrites.restoreVersion(actor, id, version, expectedVersion(req)));
  });

  app.post('/api/v1/activities/:id/submit', async (req, reply) => {
    const actor = requireActor(req);
    return sendVersioned(
      reply,
      await core.activityWrites.submit(actor, parseInput(params, req.params).id, expectedVersion(req)),
    );
  });

  app.post('/api/v1/activities/:id/approve', async (req, reply) => {
    const actor = requireActor(req);
    const { comment } = parseInput(reviewDecisionSchema, req.body ?? {});
    const { id } = parseInput(params, req.params);
    return sendVersioned(reply, await core.activityWrites.approve(actor, id, expectedVersion(req), comment));
  });

  app.post('/api/v1/activities/:id/return', async (req, reply) => {
    const actor = requireActor(req);
    const { comment } = parseInput(returnDecisionSchema, req.body);
    const { id } = parseInput(params, req.params);
    return sendVersioned(reply, await core.activityWrites.returnForRevision(actor, id, expectedVersion(req), comment));
  });

  app.get('/api/v1/review-queue', async (req) => ({ items: await core.activityWrites.reviewQueue(requireActor(req)) }));

  app.get('/api/v1/trash', async (req) => {
    const actor = requireActor(req);
    return {
      activities: await core.activityWrites.listTrash(actor),
      organisations: await core.organisationWrites.listTrash(actor),
    };
  });

  app.post('/api/v1/trash/activities/:id/restore', async (req, reply) => {
    const actor = requireActor(req);
    return sendVersioned(reply, await core.activityWrites.restoreFromTrash(actor, parseInput(params, req.params).id));
  });
}
