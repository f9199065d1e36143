/**
 * `npm run bench`: generates the synthetic dataset of the issue "Scale" into SQLite and PostgreSQL
 * and measures the server under load, the IATI import, the exports, the progress report and the
 * public home page. Prints a table (figure, target, pass or miss) and writes JSON under
 * bench/results/. Not part of `npm test`. See the README's "Benchmark" section.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { DatabaseConfig } from '../src/core/config';
import { createCore } from '../src/core/core';
import { openDatabase } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { seedDatabaseWith } from '../src/core/seed/seed.service';
import { crossValidate, LinkModel, type ConfirmedExample } from '../src/core/suggest/link-model';
import { loadConfirmed, loadNodes } from '../src/core/suggest/training';
import { buildApp } from '../src/server/app';
import { measureHomePage } from './browser';
import { generateDataset, type DatasetInfo } from './generate';
import { FULL_SCALE_IATI_BYTES, writeIatiFile } from './iati-file';
import { dbsOf, makeDatabase, type DbKind } from './databases';
import { load, type LoadResult } from './load';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const SECTIONS = ['http', 'import', 'export', 'report', 'browser', 'suggest'] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `Usage: npm run bench -- [--scale 1] [--db sqlite|pg|both] [--only ${SECTIONS.join('|')}] [--duration 10] [--connections 32]

  --scale        multiplies the dataset (100,000 activities, 2,000 organisations, 300,000 links,
                 1,000,000 funding lines) and the IATI file (200 MB); e.g. 0.02 while developing
  --db           which database(s) to measure (default both)
  --only         one section, or several comma-separated (default all)
  --duration     seconds of load per endpoint (default 10)
  --connections  concurrent connections of the load (default 32)
  --keep         keep the generated databases and IATI file (printed) instead of removing them
PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test names a
server where the user may create databases; the bench creates and drops actionline_bench*.`;

interface Options {
  scale: number;
  dbs: DbKind[];
  sections: Set<Section>;
  seconds: number;
  connections: number;
  keep: boolean;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      db: { type: 'string', default: 'both' },
      only: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10)) fail('--scale: give a number above 0, at most 10.');
  const dbs = dbsOf(values.db, fail);
  const only = values.only?.split(',').map((s) => s.trim()) ?? [...SECTIONS];
  for (const s of only)
    if (!(SECTIONS as readonly string[]).includes(s)) fail(`--only: ${s} is not one of ${SECTIONS.join(', ')}.`);
  const seconds = Number(values.duration);
  if (!(Number.isInteger(seconds) && seconds >= 1)) fail('--duration: give a whole number of seconds, at least 1.');
  const connections = Number(values.connections);
  if (!(Number.isInteger(connections) && connections >= 1)) fail('--connections: give a whole number, at least 1.');
  return { scale, dbs, sections: new Set(only as Section[]), seconds, connections, keep: values.keep };
}

/** One line of the table: a figure, and its target when the issue sets one. */
interface Figure {
  section: Section;
  name: string;
  value: number | null;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
  note?: string;
}

function verdict(f: Figure): 'pass' | 'miss' | '' {
  if (!f.target) return '';
  // No figure: a skipped measure has no verdict; one that could not be taken (nothing answered) missed.
  if (f.value === null) return f.note?.startsWith('skipped') ? '' : 'miss';
  return (f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value) ? 'pass' : 'miss';
}

/** What an interrupted run (Ctrl-C) must remove: its databases and temporary folders, unless --keep. */
const leftovers = new Set<() => Promise<void> | void>();
process.once('SIGINT', () => {
  console.error('\nInterrupted: removing the databases and files of this run…');
  // Dropping a database closes the connections still open on it (the server's, the load's): their errors are
  // expected now, and must not stop the removal half-way.
  process.on('uncaughtException', () => undefined);
  void Promise.allSettled([...leftovers].map(async (remove) => remove())).then(() => process.exit(130));
});

/** Runs `remove` now, and no longer on an interruption. */
async function removeNow(remove: () => Promise<void> | void): Promise<void> {
  leftovers.delete(remove);
  await remove();
}

/** A fresh, empty database of the kind, and how to remove it (also on an interruption, unless --keep). */
async function freshDatabase(
  kind: DbKind,
  name: string,
  keep = false,
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const made = await makeDatabase(kind, name);
  if (keep) return made;
  const drop = () => made.drop();
  leftovers.add(drop);
  return { config: made.config, drop: () => removeNow(drop) };
}

function runChild(script: string, args: string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(BENCH_DIR, script), ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${script} failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>);
      },
    );
  });
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function measureHttp(baseUrl: string, dataset: DatasetInfo, o: Options, figures: Figure[]): Promise<void> {
  const plan = dataset.plans[0]?.slug ?? 'bench-plan-01';
  const run = async (url: string, extra: Record<string, string> = {}): Promise<LoadResult> => {
    // Asked as a browser asks (the portal's readers): compressed answers accepted.
    const headers = { 'accept-encoding': 'gzip, deflate, br', ...extra };
    for (let i = 0; i < 5; i++) await (await fetch(url, { headers })).arrayBuffer(); // warm the caches and the JIT
    return load(url, { connections: o.connections, seconds: o.seconds, headers });
  };
  const health = await run(`${baseUrl}/healthz`);
  figures.push({ section: 'http', name: '/healthz', value: round(health.requestsPerSec), unit: 'req/s' });
  const searchProbe = await fetch(`${baseUrl}/api/v1/search?q=health`);
  const targets: { name: string; path: string; throughput: boolean; p99: number }[] = [
    { name: 'search', path: '/api/v1/search?q=maritime+security', throughput: true, p99: 30 },
    {
      name: 'search, filtered',
      path: `/api/v1/search?q=disaster&plan=${dataset.plans[0]?.id ?? ''}&country=TH`,
      throughput: true,
      p99: 30,
    },
    {
      name: 'activity list, filtered',
      path: `/api/v1/activities?plan=${plan}&country=TH&status=ongoing&yearFrom=2011&yearTo=2014`,
      throughput: true,
      p99: 30,
    },
    // What the dashboard asks (src/web/pages/DashboardPage.tsx): its main request, and one of its heat-map cells.
    {
      name: 'dashboard',
      path: `/api/v1/plans/${plan}/coverage?depth=1&breakdowns=pillar,area,country,year`,
      throughput: false,
      p99: 15,
    },
    {
      name: 'dashboard, heat-map cell',
      path: `/api/v1/plans/${plan}/coverage?from=2012&to=2012&depth=1&breakdowns=none`,
      throughput: false,
      p99: 15,
    },
    // The coverage API as asked by default: every level and every breakdown.
    { name: 'coverage, whole plan', path: `/api/v1/plans/${plan}/coverage`, throughput: false, p99: 15 },
    {
      name: 'coverage, filtered',
      path: `/api/v1/plans/${plan}/coverage?from=2011&to=2013&country=TH,VN&currency=USD`,
      throughput: false,
      p99: 15,
    },
  ];
  for (const t of targets) {
    if (t.name.startsWith('search') && searchProbe.status === 404) {
      figures.push({ section: 'http', name: t.name, value: null, unit: '', note: 'skipped: no /api/v1/search route' });
      continue;
    }
    // What the endpoint answers, so that a figure is never that of an empty answer.
    const answer = (await (await fetch(baseUrl + t.path)).json()) as {
      total?: number;
      summary?: { activityCount?: number };
    };
    const size = answer.total ?? answer.summary?.activityCount;
    // The public's repeated reads are answered from each instance's cache (ADR 0014); "afresh" asks with
    // Cache-Control: no-cache, so that every request is computed: the cost of a new query or of the first read
    // after a change.
    // The bytes a browser receives (the cached Brotli copy), which the load's client must read on every request.
    const sent = await fetch(baseUrl + t.path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    await sent.arrayBuffer();
    const bytes = Number(sent.headers.get('content-length') ?? NaN);
    if (Number.isFinite(bytes)) {
      figures.push({ section: 'http', name: `${t.name}: answer bytes as sent`, value: bytes, unit: 'B' });
    }
    // Other work on the machine comes and goes: the share is taken against /healthz measured just before.
    const beside = t.throughput ? (await run(`${baseUrl}/healthz`)).requestsPerSec : health.requestsPerSec;
    for (const fresh of [false, true]) {
      const r = await run(baseUrl + t.path, fresh ? { 'cache-control': 'no-cache' } : {});
      pushHttpFigures(figures, `${t.name}${fresh ? ', afresh' : ''}`, t, r, size, beside);
      if (!fresh && Number.isFinite(bytes)) {
        // The client reads every answer too: the same load on a bare server sending as many bytes is the floor.
        const floor = await withBytesServer(bytes, (url) => run(url));
        figures.push({
          section: 'http',
          name: `${t.name}: floor p99`,
          value: floor.p99Ms,
          unit: 'ms',
          note: `a bare server sending the same ${bytes} B`,
        });
      }
    }
    // The load's client gives up on requests still waiting when its time is over (and sends new ones), but the
    // server computes them all: the next measure waits until they are done, so that it does not pay for this one's
    // backlog.
    await untilIdle(baseUrl);
  }
}

/**
 * Waits until the server is idle: `/readyz`, which asks the database through the same pool (or, on SQLite, the same
 * connection and event loop) as the backlog, answered within 20 ms three times in a row. Gives up after ten minutes;
 * a probe that fails or times out counts as busy.
 */
async function untilIdle(baseUrl: string): Promise<void> {
  const until = Date.now() + 600_000;
  for (let quick = 0; quick < 3 && Date.now() < until;) {
    const started = performance.now();
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      quick = res.ok && performance.now() - started <= 20 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `measure` against a bare server (bench/bytes-server.ts) answering `bytes` bytes, then stops it. */
async function withBytesServer<T>(bytes: number, measure: (url: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'bytes-server.ts'), String(bytes)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(readline.createInterface({ input: child.stdout }), 'line')) as [string];
    const { port } = JSON.parse(line) as { port: number };
    return await measure(`http://127.0.0.1:${port}/`);
  } finally {
    child.kill();
  }
}

function pushHttpFigures(
  figures: Figure[],
  name: string,
  t: { throughput: boolean; p99: number },
  r: LoadResult,
  size: number | undefined,
  healthRps: number,
): void {
  if (r.requests === 0) {
    // autocannon gives up on a request after 10 s: nothing was answered in time, so there is no latency to give.
    const note = 'no request answered within 10 s';
    if (t.throughput) figures.push({ section: 'http', name, value: 0, unit: 'req/s', note });
    for (const p of ['p50', 'p99'] as const) {
      figures.push({
        section: 'http',
        name: `${name} ${p}`,
        value: null,
        unit: 'ms',
        note,
        ...(p === 'p99' ? { target: { op: '<=' as const, value: t.p99 } } : {}),
      });
    }
    return;
  }
  const note =
    [size === undefined ? '' : `${size} matches`, r.failures ? `${r.failures} failed requests` : '']
      .filter(Boolean)
      .join('; ') || undefined;
  if (t.throughput) {
    figures.push({ section: 'http', name, value: round(r.requestsPerSec), unit: 'req/s', note });
    figures.push({
      section: 'http',
      name: `${name}: share of /healthz`,
      value: round((100 * r.requestsPerSec) / healthRps),
      unit: '%',
      target: { op: '>=', value: 35 },
    });
  }
  figures.push({
    section: 'http',
    name: `${name} p50`,
    value: r.p50Ms,
    unit: 'ms',
    note: t.throughput ? undefined : note,
  });
  figures.push({
    section: 'http',
    name: `${name} p99`,
    value: r.p99Ms,
    unit: 'ms',
    target: { op: '<=', value: t.p99 },
  });
}

async function timedDownload(url: string): Promise<{ seconds: number; bytes: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  return { seconds: (performance.now() - started) / 1000, bytes: body.byteLength, status: res.status };
}

async function measureExports(baseUrl: string, dataset: DatasetInfo, figures: Figure[]): Promise<void> {
  const activities = dataset.counts.activities;
  for (const [name, query, rows] of [
    ['CSV export, every activity', 'activities?format=csv', activities],
    ['IATI export, every activity', 'activities?format=iati', activities],
    ['CSV export, every funding line', 'funding-lines?format=csv', dataset.counts.fundingLines],
  ] as const) {
    const r = await timedDownload(`${baseUrl}/api/v1/exports/${query}`);
    if (r.status !== 200) {
      figures.push({ section: 'export', name, value: null, unit: '', note: `HTTP ${r.status}` });
      continue;
    }
    figures.push({ section: 'export', name: `${name}: time`, value: round(r.seconds, 2), unit: 's' });
    figures.push({
      section: 'export',
      name: `${name}: MB/s`,
      value: round(mb(r.bytes) / r.seconds),
      unit: 'MB/s',
      note: `${round(mb(r.bytes))} MB`,
    });
    figures.push({ section: 'export', name: `${name}: rows/s`, value: Math.round(rows / r.seconds), unit: 'rows/s' });
  }
}

async function measureReports(baseUrl: string, dataset: DatasetInfo, figures: Figure[]): Promise<void> {
  const plan = dataset.plans[0]?.slug ?? 'bench-plan-01';
  for (const format of ['html', 'pdf', 'docx', 'xlsx'] as const) {
    const r = await timedDownload(`${baseUrl}/api/v1/plans/${plan}/report?format=${format}`);
    figures.push({
      section: 'report',
      name: `progress report (${format}), one plan`,
      value: r.status === 200 ? round(r.seconds, 2) : null,
      unit: 's',
      note: r.status === 200 ? `${round(r.bytes / 1024)} KB` : `HTTP ${r.status}`,
    });
  }
}

async function measureImport(kind: DbKind, o: Options, figures: Figure[], log: (s: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-bench-iati-'));
  const file = path.join(dir, 'bench-activities.xml');
  const target = await freshDatabase(kind, 'actionline_bench_import', o.keep);
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (!o.keep) leftovers.add(removeDir);
  try {
    const written = await writeIatiFile(file, Math.round(FULL_SCALE_IATI_BYTES * o.scale));
    log(`  IATI file: ${round(mb(written.bytes))} MB, ${written.activities} activities`);
    const bare = await runChild('parse-child.ts', [file]);
    const imported = await runChild('import-child.ts', [file], { BENCH_DATABASE: JSON.stringify(target.config) });
    const bareMbs = mb(written.bytes) / Number(bare.seconds);
    const importMbs = mb(written.bytes) / Number(imported.seconds);
    const counts = imported.counts as Record<string, number>;
    const note = `${imported.outcome as string}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`;
    figures.push(
      {
        section: 'import',
        name: 'bare saxes parse',
        value: round(bareMbs),
        unit: 'MB/s',
        note: `peak RSS ${round(Number(bare.maxRssMb))} MB`,
      },
      { section: 'import', name: 'IATI import', value: round(importMbs), unit: 'MB/s', note },
      {
        section: 'import',
        name: 'IATI import: share of bare parse',
        value: round((100 * importMbs) / bareMbs),
        unit: '%',
        target: { op: '>=', value: 50 },
      },
      {
        section: 'import',
        name: 'IATI import: activities/s',
        value: Math.round(written.activities / Number(imported.seconds)),
        unit: 'act/s',
      },
      {
        section: 'import',
        name: 'IATI import: peak RSS',
        value: round(Number(imported.maxRssMb)),
        unit: 'MB',
        target: { op: '<=', value: 300 },
        note: `${round(Number(imported.rssBeforeMb))} MB before the import`,
      },
      {
        section: 'import',
        name: 'IATI import: database bytes per XML byte',
        value: round(Number(imported.databaseBytesAdded) / written.bytes, 2),
        unit: '×',
        note: `${round(mb(Number(imported.databaseBytesAdded)))} MB stored; D-Portal stores about 8×`,
      },
    );
  } finally {
    if (o.keep) {
      log(`  kept ${file}`);
      log(`  kept ${JSON.stringify(target.config)}`);
    } else {
      await removeNow(removeDir);
      await target.drop();
    }
  }
}

/**
 * Link suggestions on confirmed links: 5-fold held out (each fifth ranked by a model trained, weights fitted too, on
 * the other four fifths), among every plan's nodes. Measured on the seed alone, then on the seed with the demo data
 * (seed-demo/, fictional, 160-odd activities of a second partnership), the figure given for the demo's activities
 * and for all. The synthetic dataset's links are random, so these are what is measured.
 */
/** The demo data's partnership (seed-demo/). */
const DEMO_PARTNERSHIP = 'asean-demo';

async function measureSuggestions(kind: DbKind, figures: Figure[], withDemo: boolean): Promise<void> {
  const target = await freshDatabase(kind, withDemo ? 'actionline_bench_suggest_demo' : 'actionline_bench_suggest');
  const db = openDatabase(target.config);
  try {
    await migrateToLatest(db);
    await seedDatabaseWith(db, { demo: withDemo });
    const nodes = await loadNodes(db.db);
    const examples = await loadConfirmed(db.db);
    const started = performance.now();
    const model = LinkModel.train(nodes, examples);
    const trainMs = performance.now() - started;
    const held = (name: string, cv: ReturnType<typeof crossValidate>) => {
      const note = `${cv.activities} confirmed activities held out, ${nodes.length} nodes, ${cv.folds} folds`;
      figures.push({
        section: 'suggest',
        name: `${name}: top-1 (held out)`,
        value: round(cv.top1 * 100),
        unit: '%',
        note,
      });
      figures.push({
        section: 'suggest',
        name: `${name}: top-3 (held out)`,
        value: round(cv.top3 * 100),
        unit: '%',
        target: { op: '>=', value: 80 },
        note,
      });
    };
    if (withDemo) {
      const demoPlans = new Set(
        (
          await db.db
            .selectFrom('plans as p')
            .innerJoin('partnerships as ps', 'ps.id', 'p.partnership_id')
            .select('p.id')
            .where('ps.slug', '=', DEMO_PARTNERSHIP)
            .execute()
        ).map((p) => p.id),
      );
      const planOf = new Map(nodes.map((n) => [n.id, n.planId]));
      const isDemo = (e: ConfirmedExample) => e.nodeIds.some((id) => demoPlans.has(planOf.get(id) ?? ''));
      held('link suggestions, demo data', crossValidate(nodes, examples, 5, isDemo));
      held('link suggestions, seed and demo data', crossValidate(nodes, examples, 5));
    } else {
      held('link suggestions, seed', crossValidate(nodes, examples, 5));
    }
    figures.push({
      section: 'suggest',
      name: `link model: training on every confirmed link${withDemo ? ' (seed and demo)' : ' (seed)'}`,
      value: round(trainMs),
      unit: 'ms',
      note: `weights ${JSON.stringify(model.weights)}`,
    });
  } finally {
    await db.close();
    await target.drop();
  }
}

function printTable(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    f.value === null ? '–' : `${f.value.toLocaleString('en')} ${f.unit}`,
    f.target ? `${f.target.op === '<=' ? '≤' : '≥'} ${f.target.value} ${f.unit}` : '',
    verdict(f),
    f.note ?? '',
  ]);
  const head = ['section', 'figure', 'value', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}\n${line(head)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

async function benchDatabase(kind: DbKind, o: Options): Promise<void> {
  const log = (s: string) => console.log(s);
  const figures: Figure[] = [];
  let dataset: DatasetInfo | null = null;
  const cleanups: (() => void)[] = [];
  const needsServer = ['http', 'export', 'report', 'browser'].some((s) => o.sections.has(s as Section));
  const started = new Date();
  /**
   * Writes what is measured so far to `bench/results/`, after each section and at the end (`complete`), so that a long
   * run stopped midway keeps the sections it finished.
   */
  const save = (complete: boolean): string => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // Named by the run's start, to the second: two runs on one day (a full run, then one section) keep both files.
    const stamp = started.toISOString().slice(0, 19).replace(/:/g, '-');
    const out = path.join(RESULTS_DIR, `${stamp}-${kind}.json`);
    const body = {
      at: started.toISOString(),
      savedAt: new Date().toISOString(),
      complete,
      database: kind,
      scale: o.scale,
      sections: [...o.sections],
      load: { connections: o.connections, secondsPerEndpoint: o.seconds },
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? null,
        memoryMb: Math.round(mb(os.totalmem())),
        node: process.version,
      },
      dataset: dataset ? { counts: dataset.counts, generationSeconds: round(dataset.seconds) } : null,
      figures: figures.map((f) => ({ ...f, verdict: verdict(f) || null })),
    };
    fs.writeFileSync(out, JSON.stringify(body, null, 2) + '\n');
    return out;
  };
  /** Prints a finished section's figures and saves the run so far. */
  const sectionDone = (section: Section) => {
    const mine = figures.filter((f) => f.section === section);
    for (const f of mine) log(`  ${f.name}: ${f.value ?? '–'} ${f.unit}${f.note ? ` (${f.note})` : ''}`);
    save(false);
  };
  log(`\n${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, scale ${o.scale}`);
  if (needsServer) {
    const target = await freshDatabase(kind, 'actionline_bench', o.keep);
    const db = openDatabase(target.config);
    try {
      log('Generating the dataset…');
      dataset = await generateDataset(db, o.scale, log);
      log(`  done in ${round(dataset.seconds)} s: ${JSON.stringify(dataset.counts)}`);
      save(false);
      let webDir: string | undefined;
      if (o.sections.has('browser')) {
        // Built from the current sources into a folder of its own: dist/web may be in use by a running server.
        log('Building the web UI…');
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-bench-web-'));
        webDir = dir;
        const removeWeb = () => fs.rmSync(dir, { recursive: true, force: true });
        leftovers.add(removeWeb);
        cleanups.push(() => void removeNow(removeWeb));
        await build({
          configFile: path.join(BENCH_DIR, '..', 'vite.config.ts'),
          logLevel: 'warn',
          build: { outDir: webDir, emptyOutDir: true },
        });
      }
      // No rate limits: the load comes from one address and stands for many callers.
      const app = await buildApp({ core: createCore(db), webDir, rateLimits: { compute: 0, files: 0 } });
      const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        if (o.sections.has('http')) {
          log(`Loading the API (${o.connections} connections, ${o.seconds} s per endpoint)…`);
          await measureHttp(baseUrl, dataset, o, figures);
          sectionDone('http');
        }
        if (o.sections.has('export')) {
          log('Exporting…');
          await measureExports(baseUrl, dataset, figures);
          sectionDone('export');
        }
        if (o.sections.has('report')) {
          log('Writing progress reports…');
          await measureReports(baseUrl, dataset, figures);
          sectionDone('report');
        }
        if (o.sections.has('browser')) {
          await untilIdle(baseUrl);
          log('Opening the home page in Chromium…');
          const home = await measureHomePage(baseUrl);
          if ('skipped' in home)
            figures.push({ section: 'browser', name: 'home page', value: null, unit: '', note: home.skipped });
          else
            figures.push(
              {
                section: 'browser',
                name: 'home page JS, gzip',
                value: round(home.jsGzipBytes / 1024),
                unit: 'KB',
                target: { op: '<=', value: 200 },
                note: `${home.scripts} scripts, ${round(home.jsTransferredBytes / 1024)} KB as sent`,
              },
              {
                section: 'browser',
                name: 'home page LCP',
                value: round(home.lcpMs),
                unit: 'ms',
                target: { op: '<=', value: 1000 },
              },
            );
          sectionDone('browser');
        }
      } finally {
        await app.close();
      }
    } finally {
      await db.close();
      for (const cleanup of cleanups) cleanup();
      if (o.keep) log(`  kept ${JSON.stringify(target.config)}`);
      else await target.drop();
    }
  }
  if (o.sections.has('import')) {
    log('Importing an IATI file…');
    await measureImport(kind, o, figures, log);
    sectionDone('import');
  }
  if (o.sections.has('suggest')) {
    log('Ranking link suggestions for held-out confirmed links…');
    await measureSuggestions(kind, figures, false);
    await measureSuggestions(kind, figures, true);
    sectionDone('suggest');
  }

  printTable(`${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — scale ${o.scale}, ${os.cpus().length} cores`, figures);
  log(`\nWrote ${path.relative(process.cwd(), save(true))}`);
}

const o = options();
for (const kind of o.dbs) await benchDatabase(kind, o);
