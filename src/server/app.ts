import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import type { Core } from '../core/core';
import { isDatabaseUnavailable } from '../core/db/database';
import { DomainError, invalidInput } from '../core/errors';
import { NUL_REASON } from '../shared/schemas/fields';
import { MAX_INPUT_DEPTH, problem, problemFromDomainError, sendProblem, unacceptableInput } from './problem';
import { registerAuth } from './auth';
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimits } from './rate-limit';
import {
  COMPRESS_THRESHOLD,
  DEFAULT_RESPONSE_CACHE,
  registerResponseCache,
  ResponseCache,
  type ResponseCacheOptions,
} from './response-cache';
import { activityRoutes } from './routes/activities/activities.routes';
import { authRoutes } from './routes/auth/auth.routes';
import { exportRoutes } from './routes/exports/exports.routes';
import { snapshotRoutes } from './routes/snapshots/snapshots.routes';
import { importRoutes } from './routes/imports/imports.routes';
import { docsRoutes } from './routes/docs/docs.routes';
import { exchangeRateRoutes } from './routes/exchange-rates/exchange-rates.routes';
import { userRoutes } from './routes/users/users.routes';
import { organisationRoutes } from './routes/organisations/organisations.routes';
import { planRoutes } from './routes/plans/plans.routes';
import { partnershipRoutes } from './routes/partnerships/partnerships.routes';
import { planDefinitionRoutes } from './routes/plan-definitions/plan-definitions.routes';
import { crosswalkRoutes } from './routes/crosswalks/crosswalks.routes';
import { searchRoutes } from './routes/search/search.routes';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
    /**
     * The services a read should use: those on the read replica for the public (no session or token), when one
     * is configured; otherwise, and for every signed-in reader, those on the primary database.
     */
    readerFor(req: FastifyRequest): Core;
  }
}

export interface AppOptions {
  core: Core;
  /**
   * The same services on a read replica, for the public's reads (ADR 0013). Writes, sessions and every signed-in
   * reader stay on `core`.
   */
  publicCore?: Core | undefined;
  /** Folder of the built web UI; when absent the server answers the API only. */
  webDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** `true` trusts every X-Forwarded-* hop; a list trusts those addresses or ranges only. */
  trustProxy?: boolean | string[];
  /** Public address of the portal, for links in exports; by default each request's own origin. */
  publicUrl?: string | undefined;
  /** The cache of the public's API answers (ADR 0014); `maxBytes: 0` turns it off. */
  responseCache?: ResponseCacheOptions | undefined;
  /** Costly requests each caller may have answered afresh per minute (ADR 0016); 0 sets no limit. */
  rateLimits?: RateLimits | undefined;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
};

/** The largest JSON (or other non-upload) request body, in bytes; uploads have their own limit (imports). */
const BODY_LIMIT = 1024 * 1024;

/** Sent on answers over HTTPS only: over plain HTTP the header is ignored, and would pin a mistake. */
const HSTS = 'max-age=31536000; includeSubDomains';

/** Builds the HTTP application: the JSON API under /api/v1 and, when built, the web UI. */
export async function buildApp({
  core,
  publicCore,
  webDir,
  logger = false,
  trustProxy = false,
  publicUrl,
  responseCache = DEFAULT_RESPONSE_CACHE,
  rateLimits = DEFAULT_RATE_LIMITS,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A request Node's HTTP parser refuses (headers or URL over its 16 KB limit, malformed) never reaches a route:
    // it is answered here, as every API error is, with what is wrong and the fix.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return;
      const code = (err as { code?: string }).code;
      const tooLarge = code === 'HPE_HEADER_OVERFLOW';
      const body = JSON.stringify(
        tooLarge
          ? problem(
              431,
              'request_too_large',
              'The address and headers of the request are over the limit of 16 KB; shorten the query (fewer or shorter values).',
            )
          : problem(400, 'bad_request', 'The request is not valid HTTP.'),
      );
      socket.end(
        `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
          'Content-Type: application/problem+json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    genReqId: () => crypto.randomUUID(),
  });

  // Every route, for the authorization tests that must cover each write route.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });
  app.decorate('readerFor', (req: FastifyRequest) => (publicCore && !req.actor ? publicCore : core));

  // Conditional reads: JSON and CSV answers of the API carry a content hash as a weak ETag (records keep
  // their version ETag), and a matching If-None-Match gets 304 without a body.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || !req.url.startsWith('/api/v1/')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!reply.hasHeader('etag')) {
      reply.header('etag', `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`);
    }
    const etag = String(reply.getHeader('etag'));
    const wanted = req.headers['if-none-match'];
    if (etag.startsWith('W/') && wanted?.split(',').some((t) => t.trim() === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  // Text with a NUL character cannot be stored on PostgreSQL, and no input of ours nests deeply: both are refused at
  // the door, on both databases, naming where they were found.
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    // Uploads reach their routes as streams; a JSON body is parsed by then.
    const json = /\bjson\b/i.test(req.headers['content-type'] ?? '');
    for (const input of [req.query, req.params, json ? req.body : undefined]) {
      const found = unacceptableInput(input);
      if (found?.reason === 'nul') {
        throw invalidInput([{ name: found.name, reason: NUL_REASON }], 'Some input holds a NUL character; see errors.');
      }
      if (found?.reason === 'depth') {
        throw invalidInput(
          [{ name: found.name, reason: `Nest values at most ${MAX_INPUT_DEPTH} levels deep.` }],
          'The input is nested too deeply; see errors.',
        );
      }
    }
  });

  app.addHook('onSend', async (req, reply) => {
    // A route may set a stricter or narrower policy of its own (the HTML report carries its own styles).
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
    // Over HTTPS (directly, or as a trusted balancer says), browsers are told to use nothing else for a year.
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    reply.header('x-request-id', req.id);
    // Vite puts content-hashed files under /assets/: they never change. The UI shell is revalidated.
    if (req.url.startsWith('/assets/') && reply.statusCode === 200) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    } else if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('cache-control', 'no-cache');
    }
  });

  // Sign-in is resolved before the cache answers (it serves the public only), and the cache keeps answers before
  // they are compressed.
  await registerAuth(app, core);
  if (responseCache.maxBytes > 0) {
    // Changes are watched on the primary: a replica follows it.
    registerResponseCache(app, new ResponseCache(core.db.changes, responseCache));
  }
  await app.register(compress, { threshold: COMPRESS_THRESHOLD });
  // After sign-in (callers are counted as themselves) and after the cache (its answers are not counted).
  await registerRateLimits(app, rateLimits);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof DomainError) return sendProblem(reply, problemFromDomainError(err));
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(
        reply,
        problem(503, 'database_unavailable', 'The database is not reachable or too busy right now; retry shortly.'),
      );
    }
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return sendProblem(
        reply,
        problem(500, 'internal', 'Something went wrong on our side. The error was logged; please try again.'),
      );
    }
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(
        reply,
        problem(
          413,
          'body_too_large',
          `The request body is larger than the limit of ${BODY_LIMIT / 1024 / 1024} MB; send less at a time (files go through the import endpoints).`,
        ),
      );
    }
    return sendProblem(
      reply,
      problem(status, code?.toLowerCase() ?? 'bad_request', err instanceof Error ? err.message : String(err)),
    );
  });

  // For a load balancer: /healthz says the process answers (restart it when it does not); /readyz says it can
  // serve, i.e. its databases answer (send it no traffic while it does not).
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const databases = publicCore ? [core.db, publicCore.db] : [core.db];
    const down = await Promise.all(
      databases.map((d) =>
        sql`select 1`.execute(d.db).then(
          () => false,
          () => true,
        ),
      ),
    );
    if (down[0]) {
      return sendProblem(reply, problem(503, 'database_unavailable', 'The database is not reachable; retry shortly.'));
    }
    if (down[1]) {
      return sendProblem(
        reply,
        problem(503, 'database_unavailable', 'The read replica is not reachable; retry shortly.'),
      );
    }
    return { status: 'ready', database: core.db.dialect, ...(publicCore ? { replica: true } : {}) };
  });

  authRoutes(app, core);
  userRoutes(app, core);
  partnershipRoutes(app);
  planRoutes(app, core);
  crosswalkRoutes(app, core);
  activityRoutes(app, core);
  organisationRoutes(app, core);
  exchangeRateRoutes(app, core);
  exportRoutes(app, core, publicUrl);
  snapshotRoutes(app, core);
  importRoutes(app, core);
  planDefinitionRoutes(app, core);
  searchRoutes(app);
  await docsRoutes(app, publicUrl);

  const hasWeb = !!webDir && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (
      url.startsWith('/api/') ||
      !hasWeb ||
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      /\.[a-z0-9]+$/i.test(url)
    ) {
      return sendProblem(reply, problem(404, 'not_found', `Nothing is served at ${req.method} ${url}.`));
    }
    // Client-side routes: the web UI's shell answers every page URL.
    return reply.sendFile('index.html');
  });

  return app;
}
