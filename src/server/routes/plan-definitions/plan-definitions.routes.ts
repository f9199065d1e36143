import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import type { Core } from '../../../core/core';
import { invalidInput } from '../../../core/errors';
import { PlanFileTooLarge, readPlanFileBytes } from '../../../core/plans/plan-definition-reader';
import { planLoadQuerySchema } from '../../../shared/schemas/plan-definition.schema';
import { parseInput, problem, sendProblem } from '../../problem';
import { requireActor } from '../auth/auth.routes';

const LOAD_PARAMS = Object.keys(planLoadQuerySchema.shape);

/**
 * `POST /api/v1/plan-definitions?partnership=…&format=yaml|csv|xlsx&dryRun=…`: a new plan and its framework from a
 * plan definition file sent as the request body (any content type; docs/plans.md, "Loading a plan"). A dry run
 * answers 200 with what would be created; a load answers 201 with the created plan; a file with problems answers 400
 * (409 when the only one is a slug in use) listing each problem where it is, with the preview as `preview`.
 * Administrators only.
 */
export function planDefinitionRoutes(app: FastifyInstance, core: Core): void {
  app.register(async (scope) => {
    // The file is read as it arrives, whatever it is labelled; the reader checks what it is.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

    scope.post('/api/v1/plan-definitions', async (req, reply) => {
      const actor = core.planLoads.authorize(requireActor(req));
      const query = parseInput(planLoadQuerySchema, req.query, LOAD_PARAMS);
      const body = req.body as Readable | undefined;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        throw invalidInput([{ name: 'file', reason: 'Send the file as the request body.' }]);
      }
      let bytes: Buffer;
      try {
        bytes = await readPlanFileBytes(body);
      } catch (e) {
        if (!(e instanceof PlanFileTooLarge)) throw e;
        // The rest of the upload is read and dropped, so that the answer reaches the caller.
        body.resume();
        return sendProblem(reply, problem(413, 'payload_too_large', e.message, [{ name: 'file', reason: e.message }]));
      }
      const answer = await core.planLoads.load(actor, bytes, query);
      if (answer.created) reply.header('location', `/api/v1/plans/${answer.created.slug}`);
      return reply.code(answer.created ? 201 : 200).send(answer);
    });
  });
}
