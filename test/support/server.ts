import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createCore, type Core } from '../../src/core/core';
import type { AuthSettings } from '../../src/core/services/auth.service';
import { openDatabase, type Db } from '../../src/core/db/database';
import { migrateToLatest } from '../../src/core/db/migrate';
import { seedDatabaseWith } from '../../src/core/seed/seed.service';
import { buildApp } from '../../src/server/app';
import type { RateLimits } from '../../src/server/rate-limit';
import type { TestDatabase } from './databases';

export interface TestServer {
  baseUrl: string;
  db: Db;
  core: Core;
  app: FastifyInstance;
  /** GET a path and parse the JSON body. */
  get<T = unknown>(path: string): Promise<{ status: number; contentType: string; body: T }>;
  close(): Promise<void>;
}

/**
 * Starts the real application over real HTTP on a free loopback port, on a migrated and
 * seeded database.
 */
export async function startTestServer(
  target: TestDatabase,
  options: {
    webDir?: string;
    seed?: boolean;
    /** Seed the fictional demonstration partnership too (seed-demo/); off by default. */
    demo?: boolean;
    auth?: Partial<AuthSettings>;
    /** A database (migrated by the caller) that answers the public's reads, as a read replica would. */
    replica?: TestDatabase;
    trustProxy?: boolean | string[];
    /** Costly requests per caller and minute; none by default (the rate-limit suite and the browser tests set them). */
    rateLimits?: RateLimits;
    /** The server's logger, as `serve` sets it up (none by default). */
    logger?: FastifyServerOptions['logger'];
  } = {},
): Promise<TestServer> {
  const db = openDatabase(target.config);
  await migrateToLatest(db);
  if (options.seed !== false) await seedDatabaseWith(db, { demo: options.demo === true });
  const core = createCore(db, { auth: options.auth ?? {} });
  const replica = options.replica ? openDatabase(options.replica.config) : undefined;
  const publicCore = replica ? createCore(replica, { auth: options.auth ?? {} }) : undefined;
  const app = await buildApp({
    core,
    publicCore,
    webDir: options.webDir,
    trustProxy: options.trustProxy ?? false,
    logger: options.logger ?? false,
    rateLimits: options.rateLimits ?? { compute: 0, files: 0 },
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    db,
    core,
    app,
    async get<T>(path: string) {
      const res = await fetch(baseUrl + path);
      const contentType = res.headers.get('content-type') ?? '';
      const text = await res.text();
      return { status: res.status, contentType, body: (text ? JSON.parse(text) : null) as T };
    },
    async close() {
      await app.close();
      await db.close();
      await replica?.close();
    },
  };
}
