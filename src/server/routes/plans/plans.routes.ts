import { planDefinitionQuerySchema } from '../../../shared/schemas/plan-definition.schema';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { coverageApiQuerySchema } from '../../../shared/schemas/coverage-query.schema';
import { frameworkNodeInputSchema, planInputSchema, planListQuerySchema } from '../../../shared/schemas/plan.schema';
import { reportQuerySchema } from '../../../shared/schemas/report-query.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';
import { expectedVersion, historyVersion, sendVersioned } from '../../versioning';
import { requireActor } from '../auth/auth.routes';

const idParams = z.object({ idOrSlug: z.string().min(1).max(200) });
const nodeParams = z.object({ id: z.string().min(1).max(200) });
const planVersionParams = idParams.extend({ version: historyVersion });
const nodeVersionParams = nodeParams.extend({ version: historyVersion });
const COVERAGE_PARAMS = Object.keys(coverageApiQuerySchema.shape);
const REPORT_PARAMS = Object.keys(reportQuerySchema.shape);
const DEFINITION_PARAMS = Object.keys(planDefinitionQuerySchema.shape);
const PLAN_LIST_PARAMS = Object.keys(planListQuerySchema.shape);

export function planRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/plans', async (req) => ({
    items: await app
      .readerFor(req)
      .plans.list(audienceOf(req), parseInput(planListQuerySchema, req.query, PLAN_LIST_PARAMS)),
  }));

  app.get('/api/v1/plans/:idOrSlug', async (req, reply) =>
    sendVersioned(
      reply,
      await app.readerFor(req).plans.get(parseInput(idParams, req.params).idOrSlug, audienceOf(req)),
    ),
  );

  app.get('/api/v1/plans/:idOrSlug/coverage', async (req) =>
    app
      .readerFor(req)
      .coverage.answer(
        parseInput(idParams, req.params).idOrSlug,
        parseInput(coverageApiQuerySchema, req.query, COVERAGE_PARAMS),
        audienceOf(req),
      ),
  );

  app.get('/api/v1/plans/:idOrSlug/report', async (req, reply) => {
    const report = await app
      .readerFor(req)
      .reports.render(
        parseInput(idParams, req.params).idOrSlug,
        parseInput(reportQuerySchema, req.query, REPORT_PARAMS),
        audienceOf(req),
      );
    const inline = report.contentType.startsWith('text/html');
    // The HTML report is self-contained: its one style sheet is inline, and it runs no script.
    if (inline)
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return reply
      .header('content-type', report.contentType)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${report.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(report.body);
  });

  app.get('/api/v1/plans/:idOrSlug/definition', async (req, reply) => {
    const { format } = parseInput(planDefinitionQuerySchema, req.query, DEFINITION_PARAMS);
    const file = await app
      .readerFor(req)
      .plans.definition(parseInput(idParams, req.params).idOrSlug, format, audienceOf(req));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body);
  });

  app.put('/api/v1/plans/:idOrSlug', async (req, reply) => {
    const actor = requireActor(req);
    const { idOrSlug } = parseInput(idParams, req.params);
    const input = parseInput(planInputSchema, req.body);
    return sendVersioned(reply, await core.frameworkWrites.updatePlan(actor, idOrSlug, expectedVersion(req), input));
  });

  app.get('/api/v1/plans/:idOrSlug/history', async (req) => {
    const plan = await core.plans.requirePlan(parseInput(idParams, req.params).idOrSlug);
    return { items: await core.history.list(requireActor(req), 'plan', plan.id) };
  });

  app.post('/api/v1/plans/:idOrSlug/history/:version/restore', async (req, reply) => {
    const actor = requireActor(req);
    const { idOrSlug, version } = parseInput(planVersionParams, req.params);
    return sendVersioned(
      reply,
      await core.frameworkWrites.restorePlanVersion(actor, idOrSlug, version, expectedVersion(req)),
    );
  });

  app.post('/api/v1/plans/:idOrSlug/nodes', async (req, reply) => {
    const actor = requireActor(req);
    const { idOrSlug } = parseInput(idParams, req.params);
    const created = await core.frameworkWrites.createNode(
      actor,
      idOrSlug,
      parseInput(frameworkNodeInputSchema, req.body),
    );
    reply.header('location', `/api/v1/framework-nodes/${created.id}`);
    return sendVersioned(reply, created, 201);
  });

  app.get('/api/v1/framework-nodes/:id', async (req, reply) =>
    sendVersioned(
      reply,
      await app.readerFor(req).plans.getNode(parseInput(nodeParams, req.params).id, audienceOf(req)),
    ),
  );

  app.put('/api/v1/framework-nodes/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parseInput(nodeParams, req.params);
    const input = parseInput(frameworkNodeInputSchema, req.body);
    return sendVersioned(reply, await core.frameworkWrites.updateNode(actor, id, expectedVersion(req), input));
  });

  for (const [action, status] of [
    ['retire', 'retired'],
    ['reinstate', 'active'],
  ] as const) {
    app.post(`/api/v1/framework-nodes/:id/${action}`, async (req, reply) => {
      const actor = requireActor(req);
      const { id } = parseInput(nodeParams, req.params);
      return sendVersioned(reply, await core.frameworkWrites.setNodeStatus(actor, id, expectedVersion(req), status));
    });
  }

  app.get('/api/v1/framework-nodes/:id/history', async (req) => ({
    items: await core.history.list(requireActor(req), 'framework_node', parseInput(nodeParams, req.params).id),
  }));

  app.post('/api/v1/framework-nodes/:id/history/:version/restore', async (req, reply) => {
    const actor = requireActor(req);
    const { id, version } = parseInput(nodeVersionParams, req.params);
    return sendVersioned(
      reply,
      await core.frameworkWrites.restoreNodeVersion(actor, id, version, expectedVersion(req)),
    );
  });
}
