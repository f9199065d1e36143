import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/core';
import type { Audience } from '../core/audience';
import { can, type Actor } from '../core/policy';
import type { SessionInfo } from '../core/services/auth.service';
import { problem, sendProblem } from './problem';

export const SESSION_COOKIE = 'al_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null for the public. */
    actor: Actor | null;
    /** The cookie session, when the request came with one. */
    session: SessionInfo | null;
    authMethod: 'session' | 'token' | null;
  }
}

/** The methods that write, and so need a CSRF token with a session. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that establish a session rather than use one. */
const NO_CSRF = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/accept']);

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
}

/**
 * Resolves who is calling: an API token (`Authorization: Bearer alt_…`) or a session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`.
 */
export async function registerAuth(app: FastifyInstance, core: Core): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('authMethod', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = m ? await core.auth.actorForApiToken(m[1]!) : null;
      if (!actor) {
        return sendProblem(
          reply,
          problem(
            401,
            'unauthenticated',
            'The API token is not valid or was revoked. Create a new one in your account.',
          ),
        );
      }
      req.actor = actor;
      req.authMethod = 'token';
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await core.auth.sessionFor(token);
    if (!session) {
      clearSessionCookie(req, reply);
      return;
    }
    req.actor = session.actor;
    req.session = session;
    req.authMethod = 'session';
    const path = req.url.split('?')[0] ?? '';
    if (UNSAFE_METHODS.has(req.method) && !NO_CSRF.has(path)) {
      const sent = req.headers[CSRF_HEADER];
      if (!core.auth.csrfMatches(session, typeof sent === 'string' ? sent : undefined)) {
        return sendProblem(
          reply,
          problem(
            403,
            'csrf',
            `Send the session's CSRF token in the ${CSRF_HEADER} header (GET /api/v1/auth/me gives it).`,
          ),
        );
      }
    }
  });
}

/** Staff (any signed-in role) also read drafts; everyone else reads what is published. */
export function audienceOf(req: FastifyRequest): Audience {
  return can(req.actor, 'drafts:read') ? 'staff' : 'public';
}
