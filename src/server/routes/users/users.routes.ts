import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { acceptLinkPath } from '../../../shared/links';
import { userCreateSchema, userUpdateSchema, userLinkSchema } from '../../../shared/schemas/auth.schema';
import { parseInput } from '../../problem';
import { expectedVersion, sendVersioned } from '../../versioning';
import { requireActor } from '../auth/auth.routes';

const idParams = z.object({ id: z.string().min(1).max(100) });

export function userRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/users', async (req) => ({ items: await core.auth.listUsers(requireActor(req)) }));

  app.post('/api/v1/users', async (req, reply) => {
    const input = parseInput(userCreateSchema, req.body);
    return reply.code(201).send(await core.auth.createUser(requireActor(req), input));
  });

  /** Changes a person's name, role, side, organisation, or disables the account; If-Match names the version edited. */
  app.put('/api/v1/users/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parseInput(idParams, req.params);
    const input = parseInput(userUpdateSchema, req.body);
    return sendVersioned(reply, await core.auth.updateUser(actor, id, expectedVersion(req), input));
  });

  app.get('/api/v1/users/:id/history', async (req) => ({
    items: await core.history.list(requireActor(req), 'user', parseInput(idParams, req.params).id),
  }));

  /** An invitation or reset link, shown once: the server keeps only its hash. */
  app.post('/api/v1/users/:id/links', async (req, reply) => {
    const { id } = parseInput(idParams, req.params);
    const { kind } = parseInput(userLinkSchema, req.body);
    const link = await core.auth.issueLink(requireActor(req), id, kind);
    return reply.code(201).send({ ...link, path: acceptLinkPath('en', link.token) });
  });
}
