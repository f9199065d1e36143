import { spawn, spawnSync } from 'node:child_process';
import type { DatabaseConfig } from '../../src/core/config';
import { createCore } from '../../src/core/core';
import { openDatabase } from '../../src/core/db/database';
import { migrateToLatest } from '../../src/core/db/migrate';
import { seedDatabase } from '../../src/core/seed/seed.service';
import { TEST_PASSWORD } from './client';
import type { TestDatabase } from './databases';

/** The CLI as `npm run cli` runs it, from the repository root. */
export const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

/** The environment that points the CLI at a test database. */
export function envFor(db: Pick<TestDatabase, 'config'>): NodeJS.ProcessEnv {
  return db.config.kind === 'postgres'
    ? { ...process.env, DATABASE_URL: db.config.url, LOG_LEVEL: 'info' }
    : { ...process.env, DATABASE_URL: `sqlite:${db.config.file}`, LOG_LEVEL: 'info' };
}

/** Runs one CLI command to its end; `input` goes to its standard input. */
export function cli(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  return spawnSync(process.execPath, [...CLI, ...args], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });
}

/** A `serve` running as a child process: its address, and two ways to end it. */
export interface ServedChild {
  url: string;
  /** SIGTERM, as an orchestrator stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash or the kernel's out-of-memory killer ends it; resolves once it is gone. */
  kill(): Promise<void>;
  /** What it has printed so far. */
  output(): string;
}

/**
 * Starts `serve` as a real child process and resolves with its address once it listens. Its output is kept for
 * `output()` unless `keepOutput` is false (a long run under load), when it is read and dropped.
 */
export function serve(env: NodeJS.ProcessEnv, { keepOutput = true } = {}): Promise<ServedChild> {
  const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /ActionLine is serving (http:\/\/[^ ]+) on/.exec(output);
      if (m && !keepOutput) {
        child.stdout.removeAllListeners('data');
        child.stderr.removeAllListeners('data');
        child.stdout.resume();
        child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
      }
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          output: () => output,
        });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

/** Migrates and seeds a database for a `serve` child, with editor accounts (password TEST_PASSWORD) of its own. */
export async function seedWithEditors(
  config: DatabaseConfig,
  editors: readonly { email: string; displayName: string }[],
): Promise<void> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    await seedDatabase(db);
    const core = createCore(db);
    for (const e of editors) await core.auth.createUser(null, { ...e, role: 'editor', side: 'canada' }, TEST_PASSWORD);
  } finally {
    await db.close();
  }
}
