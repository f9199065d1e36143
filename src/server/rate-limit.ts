import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors';
import { OPERATIONS } from './openapi';

/** Classes of answers that cost real work (see `cost` in the OpenAPI list). */
export type Cost = 'compute' | 'files';

/** Requests of each class a caller may have answered afresh per minute; 0 sets no limit. */
export type RateLimits = Record<Cost, number>;

/**
 * Far above what a person does in the portal or the workspace (a dashboard asks about 20 coverage questions, most
 * from the cache), far below what a scraper or a loop does.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { compute: 600, files: 60 };

const WINDOW_MS = 60_000;

const WHAT: Record<Cost, string> = {
  compute: 'searches, coverage and filtered lists',
  files: 'exports, reports and imports',
};

/** The class of each limited route, as Fastify names it (`GET /api/v1/search`). */
const COST_OF_ROUTE = new Map<string, Cost>(
  OPERATIONS.flatMap((o) => (o.cost ? [[`${o.method} ${o.route}`, o.cost] as const] : [])),
);

export function costOf(req: FastifyRequest): Cost | undefined {
  return COST_OF_ROUTE.get(`${req.method} ${req.routeOptions.url ?? ''}`);
}

/** A signed-in caller is counted as the person (officers may share an office's address); the public by address. */
function callerOf(req: FastifyRequest): string {
  return req.actor ? `user:${req.actor.id}` : `ip:${req.ip}`;
}

/**
 * Limits, per caller and per minute, the requests of each costly class that reach their route: answers served from
 * the response cache are answered before this hook and never counted. Each instance counts on its own (the store is
 * in memory), so behind a balancer a caller may get up to N times the limit; the limit is a guard against loops and
 * scrapers, not a quota (ADR 0016).
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, { global: false });
  const checks = Object.fromEntries(
    (Object.keys(limits) as Cost[])
      .filter((cost) => limits[cost] > 0)
      .map((cost) => [
        cost,
        app.createRateLimit({
          max: limits[cost],
          timeWindow: WINDOW_MS,
          keyGenerator: (req) => `${cost}:${callerOf(req)}`,
        }),
      ]),
  ) as Partial<Record<Cost, ReturnType<FastifyInstance['createRateLimit']>>>;

  app.addHook('preHandler', async (req, reply) => {
    const cost = costOf(req);
    const check = cost && checks[cost];
    if (!cost || !check) return;
    const result = await check(req);
    if (result.isAllowed) return;
    reply.header('ratelimit-limit', String(result.max));
    reply.header('ratelimit-remaining', String(result.remaining));
    reply.header('ratelimit-reset', String(result.ttlInSeconds));
    if (!result.isExceeded) return;
    reply.header('retry-after', String(result.ttlInSeconds));
    throw new DomainError(
      'rate_limited',
      `Too many ${WHAT[cost]} from ${req.actor ? 'this account' : 'this address'}: at most ${result.max} a minute ` +
        `are worked out afresh for each caller. Retry in ${result.ttlInSeconds} s; answers already made are still served.`,
    );
  });
}
