/**
 * `npm run bench:load`: a minute of mixed traffic against the served application (a child process, as in
 * production), on SQLite and on PostgreSQL: 90% public reads, 10% signed-in writes, 32 connections. It reports
 * errors (target 0), p50/p99 latency of reads and writes, and a final check that every acknowledged write is
 * there and that no version conflict was lost. Prints a table and writes JSON under bench/results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ActivityDetail, Page } from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { envFor, seedWithEditors, serve } from '../test/support/cli';
import { Client, TEST_PASSWORD } from '../test/support/client';
import { dbsOf, makeDatabase, type DbKind } from './databases';
import { Prng } from './prng';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const PLAN = 'asean-canada-2010-2015';
const EDITORS = 8;
const SHARED = 4;

const USAGE = `Usage: npm run bench:load -- [--db sqlite|pg|both] [--duration 60] [--connections 32] [--writes 0.1]`;

interface Options {
  dbs: DbKind[];
  seconds: number;
  connections: number;
  writeShare: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '32' },
      writes: { type: 'string', default: '0.1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const fail = (m: string): never => {
    console.error(`${m}\n${USAGE}`);
    process.exit(2);
  };
  const dbs = dbsOf(values.db, fail);
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const writeShare = Number(values.writes);
  if (!(seconds > 0)) fail('--duration: give seconds, e.g. 60.');
  if (!Number.isInteger(connections) || connections < 1) fail('--connections: give a whole number, e.g. 32.');
  if (!(writeShare >= 0 && writeShare <= 1)) fail('--writes: give a share from 0 to 1, e.g. 0.1.');
  return { dbs, seconds, connections, writeShare };
}

const draft = (title: string): ActivityInputDraft => ({
  title: { en: title, fr: null },
  summary: { en: 'Regional workshops for labour inspectors.', fr: 'Ateliers régionaux pour inspecteurs du travail.' },
  type: 'training',
  status: 'planned',
  plannedStart: '2027-03',
  countries: ['PH', 'ID'],
});

/** What the load learned of each record it wrote: the last acknowledged state. */
interface Ledger {
  owned: Map<string, { title: string; version: number }>;
  created: Set<string>;
  /** Shared records: their version before the run, and the updates acknowledged on them. */
  shared: Map<string, { start: number; acks: number; lastTitle: string | null }>;
}

interface Tally {
  reads: number[];
  writes: number[];
  conflicts: number;
  errors: Map<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Public reads, weighted as the portal's visitors ask them (the dashboard, lists, search, records). */
function readPaths(activityIds: string[], rng: Prng): () => string {
  const countries = ['TH', 'VN', 'ID', 'PH', 'MY', 'KH', 'LA', 'MM', 'SG', 'BN'];
  const words = [
    'women',
    'trade',
    'labour',
    'migration',
    'disaster',
    'droits',
    'commerce',
    'health',
    'youth',
    'energy',
  ];
  const table: [number, () => string][] = [
    [5, () => '/api/v1/plans'],
    [10, () => `/api/v1/plans/${PLAN}`],
    [10, () => `/api/v1/plans/${PLAN}/coverage?depth=1&breakdowns=pillar,area,country,year`],
    [5, () => `/api/v1/plans/${PLAN}/coverage?depth=1&breakdowns=none&country=${rng.pick(countries)}`],
    [20, () => `/api/v1/activities?plan=${PLAN}&country=${rng.pick(countries)}&page=${rng.int(1, 3)}`],
    [20, () => `/api/v1/search?q=${rng.pick(words)}`],
    [25, () => `/api/v1/activities/${rng.pick(activityIds)}`],
    [5, () => `/api/v1/organisations?q=${rng.pick(['asean', 'canada', 'un', 'foundation'])}`],
  ];
  const total = table.reduce((n, [w]) => n + w, 0);
  return () => {
    let r = rng.int(0, total - 1);
    for (const [w, make] of table) {
      if (r < w) return make();
      r -= w;
    }
    return '/api/v1/plans';
  };
}

async function runOne(kind: DbKind, o: Options) {
  const database = await makeDatabase(kind, 'actionline_load');
  await seedWithEditors(
    database.config,
    Array.from({ length: EDITORS }, (_, e) => ({
      email: `editor${e}.load@example.org`,
      displayName: `Load editor ${e}`,
    })),
  );

  const env = {
    ...envFor(database),
    SEED_ON_START: 'false',
    // The load comes from one address and stands for many callers.
    RATE_LIMIT_COMPUTE_PER_MINUTE: '0',
    RATE_LIMIT_FILES_PER_MINUTE: '0',
  };
  const server = await serve(env, { keepOutput: false });
  try {
    const where = { baseUrl: server.url };
    const editors: Client[] = [];
    for (let e = 0; e < EDITORS; e++) {
      const c = new Client(where);
      const res = await c.signIn(`editor${e}.load@example.org`, TEST_PASSWORD);
      if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
      editors.push(c);
    }
    const publicClient = new Client(where);
    const list = await publicClient.get<Page<{ id: string }>>(`/api/v1/activities?plan=${PLAN}&pageSize=100`);
    const activityIds = list.body.items.map((a) => a.id);
    const ledger: Ledger = { owned: new Map(), created: new Set(), shared: new Map() };
    // Each connection owns an activity; a few are shared by all, so that writers meet.
    const owned: string[] = [];
    for (let w = 0; w < o.connections + SHARED; w++) {
      const title = `load ${w} #0`;
      const res = await editors[w % EDITORS]!.request<ActivityDetail>('POST', '/api/v1/activities', draft(title));
      if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
      if (w < o.connections) {
        owned.push(res.body.id);
        ledger.owned.set(res.body.id, { title, version: res.body.version });
      } else {
        ledger.shared.set(res.body.id, { start: res.body.version, acks: 0, lastTitle: null });
      }
    }
    const sharedIds = [...ledger.shared.keys()];

    const tally: Tally = { reads: [], writes: [], conflicts: 0, errors: new Map() };
    const error = (what: string) => tally.errors.set(what, (tally.errors.get(what) ?? 0) + 1);
    const deadline = Date.now() + o.seconds * 1000;

    const worker = async (w: number) => {
      const rng = new Prng(1000 + w);
      const nextRead = readPaths(activityIds, rng);
      const editor = editors[w % EDITORS]!;
      const mine = owned[w]!;
      for (let k = 1; Date.now() < deadline; k++) {
        const started = performance.now();
        try {
          if (rng.next() >= o.writeShare) {
            const url = nextRead();
            const res = await fetch(`${server.url}${url}`, { headers: { 'accept-encoding': 'gzip' } });
            await res.arrayBuffer();
            tally.reads.push(performance.now() - started);
            if (res.status !== 200) error(`GET ${url.split('?')[0]} ${res.status}`);
            continue;
          }
          const pick = rng.next();
          if (pick < 0.6) {
            const t = ledger.owned.get(mine)!;
            const title = `load ${w} #${k}`;
            const res = await editor.request<ActivityDetail>('PUT', `/api/v1/activities/${mine}`, draft(title), {
              'if-match': `"${t.version}"`,
            });
            tally.writes.push(performance.now() - started);
            if (res.status === 200) ledger.owned.set(mine, { title, version: res.body.version });
            else error(`PUT own ${res.status}`);
          } else if (pick < 0.8) {
            // A contended record: read its version, write from it; another writer may have been first (409).
            const id = rng.pick(sharedIds);
            const read = await editor.get<ActivityDetail>(`/api/v1/activities/${id}`);
            if (read.status !== 200) {
              error(`GET shared ${read.status}`);
              continue;
            }
            const title = `shared by ${w} #${k}`;
            const res = await editor.request<ActivityDetail>('PUT', `/api/v1/activities/${id}`, draft(title), {
              'if-match': `"${read.body.version}"`,
            });
            tally.writes.push(performance.now() - started);
            if (res.status === 200) {
              const s = ledger.shared.get(id)!;
              s.acks++;
              s.lastTitle = title;
            } else if (res.status === 409) tally.conflicts++;
            else error(`PUT shared ${res.status}`);
          } else {
            const res = await editor.request<ActivityDetail>('POST', '/api/v1/activities', draft(`new by ${w} #${k}`));
            tally.writes.push(performance.now() - started);
            if (res.status === 201) ledger.created.add(res.body.id);
            else error(`POST ${res.status}`);
          }
        } catch (err) {
          error(`network: ${(err as Error).message}`);
        }
      }
    };
    const began = Date.now();
    await Promise.all(Array.from({ length: o.connections }, (_, w) => worker(w)));
    const elapsed = (Date.now() - began) / 1000;

    // The final check: every acknowledged write is there, and each shared record's version counts every
    // acknowledged update once (an update lost to another writer would leave it short).
    const problems: string[] = [];
    const checker = editors[0]!;
    for (const [id, t] of ledger.owned) {
      const res = await checker.get<ActivityDetail>(`/api/v1/activities/${id}`);
      if (res.body.version !== t.version || res.body.title.en !== t.title) {
        problems.push(
          `${id}: stored v${res.body.version} "${res.body.title.en}", acknowledged v${t.version} "${t.title}"`,
        );
      }
    }
    for (const id of ledger.created) {
      const res = await checker.get(`/api/v1/activities/${id}`);
      if (res.status !== 200) problems.push(`${id}: created, acknowledged, and now ${res.status}`);
    }
    for (const [id, s] of ledger.shared) {
      const res = await checker.get<ActivityDetail>(`/api/v1/activities/${id}`);
      if (res.body.version !== s.start + s.acks) {
        problems.push(`${id}: v${res.body.version} after ${s.acks} acknowledged updates from v${s.start}`);
      } else if (s.lastTitle !== null && res.body.title.en !== s.lastTitle) {
        problems.push(`${id}: the last acknowledged update is not the one stored`);
      }
    }

    const reads = tally.reads.sort((a, b) => a - b);
    const writes = tally.writes.sort((a, b) => a - b);
    const errors = [...tally.errors.values()].reduce((n, v) => n + v, 0);
    return {
      db: kind,
      seconds: Math.round(elapsed * 10) / 10,
      connections: o.connections,
      requests: reads.length + writes.length,
      requestsPerSec: Math.round((reads.length + writes.length) / elapsed),
      writeShare: Math.round((writes.length / Math.max(1, reads.length + writes.length)) * 1000) / 1000,
      errors,
      errorKinds: Object.fromEntries(tally.errors),
      reads: { count: reads.length, p50Ms: round(percentile(reads, 50)), p99Ms: round(percentile(reads, 99)) },
      writes: { count: writes.length, p50Ms: round(percentile(writes, 50)), p99Ms: round(percentile(writes, 99)) },
      conflicts: tally.conflicts,
      acknowledged: {
        updates:
          [...ledger.owned.values()].reduce((n, t) => n + t.version - 1, 0) +
          [...ledger.shared.values()].reduce((n, s) => n + s.acks, 0),
        creates: ledger.created.size,
      },
      finalCheck: { passed: problems.length === 0, problems: problems.slice(0, 20) },
    };
  } finally {
    await server.stop();
    await database.drop();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function main() {
  const o = options();
  const results = [];
  for (const kind of o.dbs) {
    console.error(`Loading ${kind} for ${o.seconds} s (${o.connections} connections, ${o.writeShare * 100}% writes)…`);
    results.push(await runOne(kind, o));
  }
  const rows = results.map((r) => [
    r.db,
    String(r.requests),
    String(r.requestsPerSec),
    String(r.errors),
    `${r.reads.p50Ms} / ${r.reads.p99Ms}`,
    `${r.writes.p50Ms} / ${r.writes.p99Ms}`,
    `${r.acknowledged.updates + r.acknowledged.creates} (${r.conflicts} conflicts)`,
    r.finalCheck.passed ? 'pass' : 'FAIL',
  ]);
  const head = [
    'db',
    'requests',
    'req/s',
    'errors',
    'reads p50 / p99 ms',
    'writes p50 / p99 ms',
    'writes acknowledged',
    'final check',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  for (const r of results) {
    if (r.errors) console.log(`${r.db} errors: ${JSON.stringify(r.errorKinds)}`);
    for (const p of r.finalCheck.problems) console.log(`${r.db} final check: ${p}`);
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ when: new Date().toISOString(), options: o, results }, null, 2)}\n`);
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
  // Errors or a failed check make a failed run; latency is reported, not judged here.
  if (results.some((r) => r.errors > 0 || !r.finalCheck.passed)) process.exitCode = 1;
}

await main();
