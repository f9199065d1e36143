import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read from the environment once, at start-up, into a typed object.
 * A bad configuration fails listing every problem at once.
 */
/** An address, a CIDR range, or one of proxy-addr's names for reserved ranges. */
const TRUSTED_PROXY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres|postgresql):\/\//.test(v) || v.startsWith('sqlite:') || v === '', {
      message: 'use postgres://user@host:port/db for PostgreSQL or sqlite:PATH for an SQLite file',
    })
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** An optional PostgreSQL read replica that answers the public's (anonymous) reads. */
  DATABASE_REPLICA_URL: z
    .string()
    .refine((v) => v === '' || /^(postgres|postgresql):\/\//.test(v), {
      message: 'use postgres://user@host:port/db (a read replica of the PostgreSQL database in DATABASE_URL)',
    })
    .optional(),
  /** How long to wait for a PostgreSQL connection (a new one, or a free one of the pool) before failing. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** PostgreSQL statement_timeout of the app's connections; 0 lets a statement run as long as it takes. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(0),
  /** Memory for each instance's cache of the public's API answers (ADR 0014), in MB; 0 turns it off. */
  RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(16_384).default(256),
  /** Longest life of a cached answer, in seconds (changes drop answers at once; this bounds a replica's lag). */
  RESPONSE_CACHE_TTL_S: z.coerce.number().int().min(1).max(86_400).default(30),
  /** Searches, coverage and filtered lists each caller may have worked out afresh per minute; 0 sets no limit. */
  RATE_LIMIT_COMPUTE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Exports, reports and imports each caller may have made per minute; 0 sets no limit. */
  RATE_LIMIT_FILES_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const t = v.trim();
      if (['true', '1'].includes(t)) return true;
      if (['false', '0', ''].includes(t)) return false;
      const list = t.split(',').map((a) => a.trim());
      if (list.every((a) => TRUSTED_PROXY.test(a))) return list;
      ctx.addIssue({
        code: 'custom',
        message:
          "use true, false, or the load balancer's addresses (comma-separated addresses, CIDR ranges, loopback, linklocal, uniquelocal)",
      });
      return z.NEVER;
    }),
  /** Public address of the portal (links in exports and invitations); by default the request's own. */
  PUBLIC_URL: z.url({ message: 'give the portal address, e.g. https://actionline.example.org' }).optional(),
  /** The IATI organisation identifier of the publisher of this installation's IATI files. */
  IATI_REPORTING_ORG_REF: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'give an IATI organisation identifier, e.g. XM-DAC-301-2')
    .optional(),
  /** Its IATI OrganisationType code (80, other public sector, by default). */
  IATI_REPORTING_ORG_TYPE: z
    .string()
    .regex(/^\d{2}$/, 'give an IATI OrganisationType code, e.g. 40')
    .default('80'),
  /** Its name (the identifier by default). */
  IATI_REPORTING_ORG_NAME: z.string().min(1).optional(),
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Also seed the fictional demonstration partnership (seed-demo/, docs/demo-data.md) on start; off by default. */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      poolSize: number;
      /** Wait for a connection at most this long (ms); by default without limit. */
      connectTimeoutMs?: number;
      /** statement_timeout of every connection (ms); absent or 0: none. */
      statementTimeoutMs?: number;
    };

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** A read replica for the public's reads (PostgreSQL only), when configured. */
  replica: DatabaseConfig | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** The cache of the public's API answers: its memory in bytes (0: off) and the longest life of an entry. */
  responseCache: { maxBytes: number; ttlMs: number };
  /** Costly requests per caller and minute, by class (0: no limit). */
  rateLimits: { compute: number; files: number };
  seedOnStart: boolean;
  /** With seedOnStart, also load the fictional demonstration partnership (`SEED_DEMO`). */
  seedDemo: boolean;
  /**
   * Behind a reverse proxy: trust X-Forwarded-Proto/-For/-Host, so cookies are Secure over HTTPS and limits see real
   * addresses. `true` trusts every hop; a list trusts only those addresses or ranges (the load balancer's).
   */
  trustProxy: boolean | string[];
  /** Public address of the portal without a trailing slash, when configured. */
  publicUrl: string | undefined;
  /** The `reporting-org` of IATI exports, when configured (`IATI_REPORTING_ORG_REF`). */
  iatiPublisher: { ref: string; type: string; name: { en: string; fr: string } } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const url = e.DATABASE_URL ?? '';
  const postgres = (u: string): DatabaseConfig => ({
    kind: 'postgres',
    url: u,
    poolSize: e.DB_POOL_SIZE,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  });
  const isPostgres = /^postgres(ql)?:\/\//.test(url);
  if (e.DATABASE_REPLICA_URL && !isPostgres) {
    throw new ConfigError(['DATABASE_REPLICA_URL: a read replica needs DATABASE_URL to name its PostgreSQL primary']);
  }
  const database: DatabaseConfig = isPostgres
    ? postgres(url)
    : {
        kind: 'sqlite',
        file: url.startsWith('sqlite:')
          ? path.resolve(url.slice('sqlite:'.length))
          : path.join(dataDir, 'actionline.sqlite'),
      };
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    replica: e.DATABASE_REPLICA_URL ? postgres(e.DATABASE_REPLICA_URL) : undefined,
    logLevel: e.LOG_LEVEL,
    responseCache: { maxBytes: e.RESPONSE_CACHE_MB * 1024 * 1024, ttlMs: e.RESPONSE_CACHE_TTL_S * 1000 },
    rateLimits: { compute: e.RATE_LIMIT_COMPUTE_PER_MINUTE, files: e.RATE_LIMIT_FILES_PER_MINUTE },
    seedOnStart: e.SEED_ON_START,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    iatiPublisher: e.IATI_REPORTING_ORG_REF
      ? {
          ref: e.IATI_REPORTING_ORG_REF,
          type: e.IATI_REPORTING_ORG_TYPE,
          name: {
            en: e.IATI_REPORTING_ORG_NAME ?? e.IATI_REPORTING_ORG_REF,
            fr: e.IATI_REPORTING_ORG_NAME ?? e.IATI_REPORTING_ORG_REF,
          },
        }
      : undefined,
  };
}
