#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { z } from 'zod';
import { loggerOptions } from '../server/logging';
import { acceptLinkPath } from '../shared/links';
import { newPasswordSchema, userCreateSchema, userUpdateSchema } from '../shared/schemas/auth.schema';
import { REPORT_FORMATS, reportQuerySchema } from '../shared/schemas/report-query.schema';
import {
  ACTIVITY_EXPORT_FORMATS,
  activityExportQuerySchema,
  fundingExportQuerySchema,
} from '../shared/schemas/export-query.schema';
import { IMPORT_FORMATS, IMPORT_MODES, importOptionsSchema } from '../shared/schemas/import.schema';
import {
  MAX_PLAN_FILE_BYTES,
  PLAN_DEFINITION_FORMATS,
  planLoadQuerySchema,
} from '../shared/schemas/plan-definition.schema';
import { ROLES, SIDES } from '../shared/vocab';
import { ConfigError, loadConfig, type AppConfig } from '../core/config';
import type { Db } from '../core/db/database';
import { DomainError } from '../core/errors';
import { buildWeb, WEB_DIR, webIsBuilt, webNeedsBuild } from './build-web';
import { EXIT_FAILURE, EXIT_PARTIAL, EXIT_USAGE } from './exit-codes';
import { importSummary } from './import-summary';
import { planLoadSummary } from './plan-load-summary';
import { progressLine } from './progress';
import { registerRemoteCommands } from './remote-commands';
import { readStdin } from './stdin';

/**
 * The database, domain and server modules, loaded only by the commands that use them: the remote
 * commands never open a database and start about twice as fast without them.
 */
async function local() {
  const [core, database, migrate, seed, app] = await Promise.all([
    import('../core/core'),
    import('../core/db/database'),
    import('../core/db/migrate'),
    import('../core/seed/seed.service'),
    import('../server/app'),
  ]);
  return {
    createCore: core.createCore,
    openDatabase: database.openDatabase,
    migrateToLatest: migrate.migrateToLatest,
    seedDatabase: seed.seedDatabase,
    seedDatabaseWith: seed.seedDatabaseWith,
    buildApp: app.buildApp,
  };
}

function config(): AppConfig {
  return loadConfig(process.env);
}

const hidePassword = (url: string) => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1@');

function describeDb(cfg: AppConfig): string {
  return cfg.database.kind === 'sqlite'
    ? `SQLite ${cfg.database.file}`
    : `PostgreSQL ${hidePassword(cfg.database.url)}`;
}

async function withDb<T>(cfg: AppConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = (await local()).openDatabase(cfg.database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('Give a port number from 0 to 65535.');
  return n;
}

const program = new Command()
  .name('actionline')
  .description('ActionLine: plan, track, report and publish the implementation of Plans of Action.')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE));

program
  .command('serve')
  .description(
    'Migrate, seed (unless SEED_ON_START=false; with the demonstration data when SEED_DEMO=1) and serve the web UI and API.',
  )
  .option('-p, --port <port>', 'port to listen on (default: PORT or 8080)', port)
  .option('--host <host>', 'address to listen on (default: HOST or 0.0.0.0)')
  .option('--build-if-missing', 'build the web UI first when it is not built yet or its sources changed')
  .action(async (opts: { port?: number; host?: string; buildIfMissing?: boolean }) => {
    const cfg = config();
    if (opts.buildIfMissing && webNeedsBuild()) {
      console.log('Building the web UI…');
      await buildWeb();
    }
    const { openDatabase, migrateToLatest, seedDatabaseWith, buildApp, createCore } = await local();
    const db = openDatabase(cfg.database);
    await migrateToLatest(db);
    if (cfg.seedOnStart) await seedDatabaseWith(db, { demo: cfg.seedDemo });
    // The public's reads go to the replica when there is one; it follows the primary's schema and data.
    const replica = cfg.replica ? openDatabase(cfg.replica) : undefined;
    const app = await buildApp({
      core: createCore(db, { iatiPublisher: cfg.iatiPublisher }),
      publicCore: replica ? createCore(replica, { iatiPublisher: cfg.iatiPublisher }) : undefined,
      publicUrl: cfg.publicUrl,
      webDir: webIsBuilt() ? WEB_DIR : undefined,
      logger: loggerOptions(cfg.logLevel),
      trustProxy: cfg.trustProxy,
      responseCache: cfg.responseCache,
      rateLimits: cfg.rateLimits,
    });
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await app.close();
      await db.close();
      await replica?.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    const address = await app.listen({ port: opts.port ?? cfg.port, host: opts.host ?? cfg.host });
    if (!webIsBuilt()) app.log.warn('The web UI is not built: run `npm run build` (serving the API only).');
    const replicaNote = cfg.replica?.kind === 'postgres' ? `, public reads from ${hidePassword(cfg.replica.url)}` : '';
    app.log.info(`ActionLine is serving ${address} on ${describeDb(cfg)}${replicaNote}`);
  });

program
  .command('build')
  .description('Build the web UI into dist/web.')
  .action(async () => {
    await buildWeb();
    console.log(`Built the web UI into ${WEB_DIR}`);
  });

program
  .command('migrate')
  .description('Bring the database schema to the latest version.')
  .action(async () => {
    const cfg = config();
    const { migrateToLatest } = await local();
    const results = await withDb(cfg, migrateToLatest);
    console.log(results.length ? results.map((r) => `applied ${r.migrationName}`).join('\n') : 'Schema is up to date.');
    console.log(`Database: ${describeDb(cfg)}`);
  });

program
  .command('seed')
  .description('Load the seed plans, organisations and activities; records applied before are never changed.')
  .option('--dir <dir>', 'seed folder (default: the repository’s seed/)')
  .option('--demo', 'also load the fictional demonstration partnership of seed-demo/ (docs/demo-data.md)')
  .action(async (opts: { dir?: string; demo?: boolean }) => {
    const cfg = config();
    const { migrateToLatest, seedDatabase, seedDatabaseWith } = await local();
    if (opts.dir && opts.demo) {
      console.error('Give either --dir or --demo, not both.');
      process.exit(EXIT_USAGE);
    }
    const report = await withDb(cfg, async (db) => {
      await migrateToLatest(db);
      return opts.dir ? seedDatabase(db, { dir: opts.dir }) : seedDatabaseWith(db, { demo: opts.demo === true });
    });
    const added = Object.entries(report.applied).filter(([, n]) => n > 0);
    console.log(added.length ? added.map(([k, n]) => `added ${n} ${k}`).join('\n') : 'Nothing new to seed.');
    console.log(`${report.skipped} seed records were applied before and left as they are.`);
  });

program
  .command('reindex')
  .description('Rebuild the search index from the records (it is kept up to date by every write; this is for repairs).')
  .action(async () => {
    const cfg = config();
    const { migrateToLatest } = await local();
    const { SearchIndexRepository } = await import('../core/repositories/search-index.repository');
    const counts = await withDb(cfg, async (db) => {
      await migrateToLatest(db);
      return db.db.transaction().execute((trx) => new SearchIndexRepository(trx, db.dialect).rebuild());
    });
    console.log(`Indexed ${counts.documents} records and ${counts.words} words for search.`);
  });

program
  .command('report')
  .description(
    'Write the progress report of a plan for a period (cover, summary, pillars and areas, funding annex) from the local database.',
  )
  .requiredOption('--plan <slug>', 'plan slug or id, e.g. asean-canada-2010-2015')
  .option('--from <date>', 'first year or day of the period (YYYY, YYYY-MM or YYYY-MM-DD)')
  .option('--to <date>', 'last year or day of the period')
  .option('--format <format>', `one of: ${REPORT_FORMATS.join(', ')}`, 'pdf')
  .option('--lang <lang>', 'en or fr', 'en')
  .option('--currency <code>', 'reporting currency: CAD (default) or USD')
  .option('--pillar <ids>', 'comma-separated pillar ids')
  .option('--organisation <ids>', 'comma-separated organisation ids')
  .option('--country <codes>', 'comma-separated country codes, ASEAN for region-wide activities')
  .option('--status <statuses>', 'comma-separated activity statuses')
  .option('--type <types>', 'comma-separated activity types')
  .option('--include-unpublished', 'include drafts and activities under review (an internal report)')
  .option('--out <file>', 'file to write (default: the report’s own file name, in the current folder)')
  .action(
    async (opts: {
      plan: string;
      from?: string;
      to?: string;
      format: string;
      lang: string;
      currency?: string;
      pillar?: string;
      organisation?: string;
      country?: string;
      status?: string;
      type?: string;
      includeUnpublished?: boolean;
      out?: string;
    }) => {
      const { plan, out, includeUnpublished, ...rest } = opts;
      const query = parseCliInput(reportQuerySchema, {
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        includeUnpublished: includeUnpublished === true,
      });
      const { migrateToLatest, createCore } = await local();
      const report = await withDb(config(), async (db) => {
        await migrateToLatest(db);
        // The local database is the staff's own: an internal report may include unpublished records.
        return createCore(db).reports.render(plan, query, includeUnpublished ? 'staff' : 'public');
      });
      const file = out ?? report.fileName;
      fs.writeFileSync(file, report.body);
      console.log(`Wrote ${file} (${report.body.length} bytes).`);
    },
  );

program
  .command('export')
  .description(
    'Export activities (csv, xlsx, json or IATI 2.03 XML) or, with --funding-lines, their funding lines (csv, xlsx) from the local database.',
  )
  .argument('<format>', `one of: ${ACTIVITY_EXPORT_FORMATS.join(', ')}`)
  .option('--plan <slug>', 'only activities linked to this plan (slug or id)')
  .option('--node <ids>', 'comma-separated framework node ids (with their descendants)')
  .option('--pillar <ids>', 'comma-separated pillar ids')
  .option('--organisation <ids>', 'comma-separated organisation ids')
  .option('--country <codes>', 'comma-separated country codes, ASEAN for region-wide activities')
  .option('--status <statuses>', 'comma-separated activity statuses')
  .option('--type <types>', 'comma-separated activity types')
  .option('--year-from <year>', 'activities running in or after this year')
  .option('--year-to <year>', 'activities running in or before this year')
  .option('--q <text>', 'search text')
  .option('--id <ids>', 'comma-separated activity ids')
  .option('--columns <keys>', 'comma-separated columns of a csv or xlsx file, in order (default: all)')
  .option('--lang <lang>', 'language of headers, names and text: en or fr', 'en')
  .option('--funding-lines', 'one row per funding line instead of one per activity (csv, xlsx)')
  .option('--include-unpublished', 'include drafts and activities under review')
  .option('--base-url <url>', 'address of the portal, for links (default: PUBLIC_URL or http://localhost:8080)')
  .option('--out <file>', 'file to write, - for standard output (default: the export’s own file name)')
  .action(async (format: string, opts: Record<string, string | boolean | undefined>) => {
    const { fundingLines, includeUnpublished, baseUrl, out, yearFrom, yearTo, ...filters } = opts;
    const input = {
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      ...(yearFrom !== undefined ? { yearFrom } : {}),
      ...(yearTo !== undefined ? { yearTo } : {}),
      format,
    };
    const cfg = config();
    const base = String(baseUrl ?? cfg.publicUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
    const audience = includeUnpublished === true ? 'staff' : 'public';
    const { migrateToLatest, createCore } = await local();
    await withDb(cfg, async (db) => {
      await migrateToLatest(db);
      const core = createCore(db, { iatiPublisher: cfg.iatiPublisher });
      const file =
        fundingLines === true
          ? await core.exports.fundingFile(parseCliInput(fundingExportQuerySchema, input), audience, null, base)
          : await core.exports.activityFile(parseCliInput(activityExportQuerySchema, input), audience, null, base);
      const target = typeof out === 'string' ? out : file.fileName;
      if (target === '-') {
        await pipeline(file.body, process.stdout);
        return;
      }
      const progress = progressLine(`Writing ${target}`, null, null);
      let written = 0;
      const count = new Transform({
        transform(chunk: Buffer | string, _encoding, done) {
          written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
          progress.update(written, 0);
          done(null, chunk);
        },
      });
      await pipeline(file.body, count, fs.createWriteStream(target));
      progress.done();
      console.log(`Wrote ${target} (${fs.statSync(target).size} bytes).`);
    });
  });

program
  .command('import')
  .description(
    "Import an IATI activity file (versions 2.01 to 2.03), or a CSV or XLSX spreadsheet in the activity export's columns, into the local database: activities are matched by IATI identifier (spreadsheets: ActionLine ID first); new ones are added as drafts.",
  )
  .argument('<format>', `one of: ${IMPORT_FORMATS.join(', ')}`)
  .argument('<file>', 'the file to read')
  .requiredOption('--as <email>', 'the account (editor or above) the import is recorded under')
  .option(
    '--mode <mode>',
    `${IMPORT_MODES.join(', ')}: add new activities only, update existing ones only, or both`,
    'both',
  )
  .option('--dry-run', 'report what the import would do, and write nothing')
  .option('--lang <lang>', "language of a spreadsheet's text columns: en or fr", 'en')
  .option('--json', 'print the full report as JSON')
  .action(
    async (
      format: string,
      file: string,
      opts: { as: string; mode: string; lang: string; dryRun?: boolean; json?: boolean },
    ) => {
      if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
        console.error(`format: Use one of: ${IMPORT_FORMATS.join(', ')}.`);
        process.exit(EXIT_USAGE);
      }
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        console.error(`file: ${file} cannot be read; check the path.`);
        process.exit(EXIT_USAGE);
      }
      const options = parseCliInput(importOptionsSchema, {
        mode: opts.mode,
        lang: opts.lang,
        dryRun: opts.dryRun === true,
        fileName: path.basename(file),
      });
      const cfg = config();
      const { migrateToLatest, createCore } = await local();
      const report = await withDb(cfg, async (db) => {
        await migrateToLatest(db);
        const core = createCore(db);
        const actor = await core.auth.actorForLocalCommand(opts.as);
        const progress = progressLine(options.dryRun ? 'Previewing' : 'Importing', size, 'activities');
        const onProgress = (p: { bytes: number; activities: number }) => progress.update(p.bytes, p.activities);
        const stream = fs.createReadStream(file);
        const result =
          format === 'iati'
            ? await core.imports.importIati(actor, stream, options, onProgress)
            : await core.imports.importSheet(actor, stream, format === 'csv' ? 'csv' : 'xlsx', options, onProgress);
        progress.done();
        return result;
      });
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else console.log(importSummary(report));
      if (report.outcome === 'refused') process.exit(EXIT_FAILURE);
      if (report.counts.rejected > 0) process.exit(EXIT_PARTIAL);
    },
  );

const plan = program.command('plan').description('Plans of Action.');

plan
  .command('load')
  .description(
    "Load a new plan and its framework into a partnership of the local database from a plan definition file (YAML, CSV or XLSX, as a plan's definition is exported; docs/plans.md). A CSV file holds the framework only: give the plan's slug, title and period as options.",
  )
  .argument('<file>', 'the file to read')
  .requiredOption('--partnership <slug>', 'the partnership the plan belongs to, e.g. asean-canada')
  .requiredOption('--as <email>', 'the administrator the plan is recorded under')
  .option('--format <format>', `${PLAN_DEFINITION_FORMATS.join(', ')} (default: from the file's extension)`)
  .option('--dry-run', 'print what would be created and every problem, and write nothing')
  .option('--slug <slug>', "the plan's slug (replaces the file's)")
  .option('--title-en <text>', "the plan's title in English")
  .option('--title-fr <text>', "the plan's title in French")
  .option('--short-title-en <text>', "the plan's short title in English")
  .option('--short-title-fr <text>', "the plan's short title in French")
  .option('--period-start <year>', 'the first year of the plan')
  .option('--period-end <year>', 'the last year of the plan')
  .option('--status <status>', "the plan's status: draft, active, completed or superseded")
  .option('--json', 'print the answer as JSON')
  .action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
    const { as, json, dryRun, format, ...details } = opts;
    const ext = path.extname(file).slice(1).toLowerCase();
    const query = parseCliInput(planLoadQuerySchema, {
      ...Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)),
      format: format ?? (ext === 'yml' ? 'yaml' : ext),
      dryRun: dryRun === true,
      fileName: path.basename(file),
    });
    let bytes: Buffer;
    try {
      if (fs.statSync(file).size > MAX_PLAN_FILE_BYTES) {
        console.error(
          `file: ${file} is larger than ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB; check that it is the right file.`,
        );
        process.exit(EXIT_USAGE);
      }
      bytes = fs.readFileSync(file);
    } catch {
      console.error(`file: ${file} cannot be read; check the path.`);
      process.exit(EXIT_USAGE);
    }
    const { migrateToLatest, createCore } = await local();
    const answer = await withDb(config(), async (db) => {
      await migrateToLatest(db);
      const core = createCore(db);
      const actor = await core.auth.actorForLocalCommand(String(as));
      return core.planLoads.load(actor, bytes, query);
    });
    console.log(json ? JSON.stringify(answer, null, 2) : planLoadSummary(answer));
  });

program
  .command('backup')
  .description(
    'Write a consistent copy of the whole database (gzip-compressed JSON lines) while it runs; it restores into SQLite or PostgreSQL. It holds password and token hashes: keep it safe.',
  )
  .option(
    '--out <file>',
    'file to write, - for standard output',
    `actionline-backup-${new Date().toISOString().slice(0, 10)}.jsonl.gz`,
  )
  .action(async (opts: { out: string }) => {
    const cfg = config();
    const { migrateToLatest } = await local();
    const { backupDatabase } = await import('../core/backup');
    const summary = await withDb(cfg, async (db) => {
      await migrateToLatest(db);
      return backupDatabase(db, opts.out === '-' ? process.stdout : fs.createWriteStream(opts.out));
    });
    const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    const where = opts.out === '-' ? 'standard output' : `${opts.out} (${fs.statSync(opts.out).size} bytes)`;
    console.error(
      `Backed up ${describeDb(cfg)}: ${rows} rows in ${Object.keys(summary.counts).length} tables to ${where}.`,
    );
  });

program
  .command('restore')
  .description(
    'Restore a backup into an empty database (DATABASE_URL names it; it is migrated first, and must hold no data).',
  )
  .argument('<file>', 'a file written by backup, - for standard input')
  .action(async (file: string) => {
    const cfg = config();
    const { migrateToLatest } = await local();
    const { restoreDatabase, BackupError } = await import('../core/backup');
    try {
      const summary = await withDb(cfg, async (db) => {
        await migrateToLatest(db);
        return restoreDatabase(db, file === '-' ? process.stdin : fs.createReadStream(file));
      });
      const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      console.log(`Restored ${rows} rows into ${describeDb(cfg)} from the backup of ${summary.createdAt}.`);
    } catch (e) {
      if (e instanceof BackupError) {
        console.error(`${e.message} Nothing was restored.`);
        process.exit(EXIT_FAILURE);
      }
      throw e;
    }
  });

const user = program.command('user').description('Manage workspace accounts.');

user
  .command('create')
  .description(
    'Create an account. With --password-stdin the password is read from standard input; otherwise an invitation link is printed.',
  )
  .requiredOption('--email <email>', 'e-mail address, used to sign in')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
  .requiredOption('--side <side>', `one of: ${SIDES.join(', ')}`)
  .option('--organisation <id>', 'organisation id the person belongs to')
  .option('--partnership <id>', 'partnership id the person works for (a reviewer signs off its activities only)')
  .option('--password-stdin', 'read the password from standard input (never from the command line)')
  .option('--base-url <url>', 'address of the server, for the invitation link', 'http://localhost:8080')
  .action(
    async (opts: {
      email: string;
      name: string;
      role: string;
      side: string;
      organisation?: string;
      partnership?: string;
      passwordStdin?: boolean;
      baseUrl: string;
    }) => {
      const input = parseCliInput(userCreateSchema, {
        email: opts.email,
        displayName: opts.name,
        role: opts.role,
        side: opts.side,
        ...(opts.organisation ? { organisationId: opts.organisation } : {}),
        ...(opts.partnership ? { partnershipId: opts.partnership } : {}),
      });
      const password = opts.passwordStdin ? parseCliInput(newPasswordSchema, await readStdin(), 'password') : undefined;
      const { migrateToLatest, createCore } = await local();
      await withDb(config(), async (db) => {
        await migrateToLatest(db);
        const core = createCore(db);
        const created = await core.auth.createUser(null, input, password);
        console.log(`Created ${created.role} ${created.email} (${created.side}), id ${created.id}.`);
        if (!password) {
          const link = await core.auth.issueLink(null, created.id, 'invite');
          console.log(`Invitation link (valid until ${link.expiresAt}; shown once):`);
          console.log(`${opts.baseUrl.replace(/\/$/, '')}${acceptLinkPath('en', link.token)}`);
        }
      });
    },
  );

user
  .command('list')
  .description('List the accounts: e-mail, name, role, side, organisation and status.')
  .option('--json', 'print the accounts as JSON')
  .action(async (opts: { json?: boolean }) => {
    const { migrateToLatest, createCore } = await local();
    await withDb(config(), async (db) => {
      await migrateToLatest(db);
      const users = await createCore(db).auth.listUsers(null);
      if (opts.json) {
        console.log(JSON.stringify(users, null, 2));
        return;
      }
      if (!users.length) {
        console.log('No accounts yet. Create the first administrator with: user create --role admin …');
        return;
      }
      const rows = users.map((u) => [u.email, u.displayName, u.role, u.side, u.organisationId ?? '–', u.status]);
      const header = ['E-mail', 'Name', 'Role', 'Side', 'Organisation', 'Status'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      for (const r of [header, ...rows])
        console.log(
          r
            .map((c, i) => (c ?? '').padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd(),
        );
    });
  });

user
  .command('update')
  .description(
    'Change an account: name, role, side or organisation, or disable or enable it. Disabling ends its sessions and revokes its API tokens; the last active administrator stays one.',
  )
  .requiredOption('--email <email>', 'e-mail address of the account')
  .option('--name <name>', 'new display name')
  .option('--role <role>', `new role, one of: ${ROLES.join(', ')}`)
  .option('--side <side>', `new side, one of: ${SIDES.join(', ')}`)
  .option('--organisation <id>', 'organisation id the person belongs to, or "none"')
  .option('--partnership <id>', 'partnership id the person works for, or "none" for every partnership')
  .option('--disable', 'disable the account')
  .option('--enable', 'enable a disabled account')
  .action(
    async (opts: {
      email: string;
      name?: string;
      role?: string;
      side?: string;
      organisation?: string;
      partnership?: string;
      disable?: boolean;
      enable?: boolean;
    }) => {
      if (opts.disable && opts.enable) {
        console.error('--disable and --enable: choose one.');
        process.exit(EXIT_USAGE);
      }
      const { migrateToLatest, createCore } = await local();
      await withDb(config(), async (db) => {
        await migrateToLatest(db);
        const auth = createCore(db).auth;
        const current = await auth.userByEmail(opts.email);
        const organisation = opts.organisation === 'none' ? null : (opts.organisation ?? current.organisationId);
        const partnership = opts.partnership === 'none' ? null : (opts.partnership ?? current.partnershipId);
        const input = parseCliInput(userUpdateSchema, {
          displayName: opts.name ?? current.displayName,
          role: opts.role ?? current.role,
          side: opts.side ?? current.side,
          organisationId: organisation,
          partnershipId: partnership,
          disabled: opts.disable ? true : opts.enable ? false : current.status === 'disabled',
        });
        const updated = await auth.updateUser(null, current.id, current.version, input);
        console.log(
          `Updated ${updated.email}: ${updated.role}, ${updated.side}, organisation ${updated.organisationId ?? 'none'}, partnership ${updated.partnershipId ?? 'every one'}, ${updated.status}.`,
        );
      });
    },
  );

user
  .command('reset-link')
  .description('Print a one-time link with which the person sets a new password (also for an invitation not yet used).')
  .requiredOption('--email <email>', 'e-mail address of the account')
  .option('--base-url <url>', 'address of the server, for the link', 'http://localhost:8080')
  .action(async (opts: { email: string; baseUrl: string }) => {
    const { migrateToLatest, createCore } = await local();
    await withDb(config(), async (db) => {
      await migrateToLatest(db);
      const auth = createCore(db).auth;
      const account = await auth.userByEmail(opts.email);
      const link = await auth.issueLink(null, account.id, account.status === 'invited' ? 'invite' : 'reset');
      console.log(`Link for ${account.email} (valid until ${link.expiresAt}; shown once):`);
      console.log(`${opts.baseUrl.replace(/\/$/, '')}${acceptLinkPath('en', link.token)}`);
    });
  });

/** Validates CLI input with the shared schema; prints every problem and exits 2. */
function parseCliInput<S extends z.ZodType>(schema: S, input: unknown, name?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) console.error(`${name ?? issue.path.join('.')}: ${issue.message}`);
  process.exit(EXIT_USAGE);
}

registerRemoteCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(EXIT_USAGE);
  }
  if (err instanceof DomainError) {
    console.error([err.message, ...err.issues.map((i) => `  ${i.name}: ${i.reason}`)].join('\n'));
    process.exit(err.code === 'invalid_input' || err.code === 'invalid_reference' ? EXIT_USAGE : EXIT_FAILURE);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(EXIT_FAILURE);
});
