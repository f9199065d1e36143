import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { unauthenticated } from '../../../core/errors';
import type { Actor } from '../../../core/policy';
import {
  acceptLinkSchema,
  apiTokenCreateSchema,
  changePasswordSchema,
  signInSchema,
} from '../../../shared/schemas/auth.schema';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../auth';
import { parseInput } from '../../problem';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** The signed-in actor, or a 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function authRoutes(app: FastifyInstance, core: Core): void {
  app.post('/api/v1/auth/sign-in', async (req, reply) => {
    const input = parseInput(signInSchema, req.body);
    const s = await core.auth.signIn(input.email, input.password, req.ip);
    setSessionCookie(req, reply, s.token, s.expiresAt);
    return { user: s.actor, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
  });

  app.post('/api/v1/auth/sign-out', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await core.auth.signOut(token);
    clearSessionCookie(req, reply);
    return reply.code(204).send();
  });

  app.get('/api/v1/auth/me', async (req) => {
    const actor = requireActor(req);
    return { user: actor, csrfToken: req.session?.csrfToken ?? null, expiresAt: req.session?.expiresAt ?? null };
  });

  app.post('/api/v1/auth/password', async (req, reply) => {
    const input = parseInput(changePasswordSchema, req.body);
    await core.auth.changePassword(
      requireActor(req),
      req.session?.sessionId ?? null,
      input.currentPassword,
      input.newPassword,
    );
    return reply.code(204).send();
  });

  app.post('/api/v1/auth/accept', async (req, reply) => {
    const input = parseInput(acceptLinkSchema, req.body);
    const s = await core.auth.acceptLink(input.token, input.password);
    setSessionCookie(req, reply, s.token, s.expiresAt);
    return { user: s.actor, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
  });

  app.get('/api/v1/auth/tokens', async (req) => ({ items: await core.auth.listApiTokens(requireActor(req)) }));

  app.post('/api/v1/auth/tokens', async (req, reply) => {
    const input = parseInput(apiTokenCreateSchema, req.body);
    const created = await core.auth.createApiToken(requireActor(req), input.name);
    return reply.code(201).send(created);
  });

  app.delete('/api/v1/auth/tokens/:id', async (req, reply) => {
    await core.auth.revokeApiToken(requireActor(req), parseInput(idParams, req.params).id);
    return reply.code(204).send();
  });
}
