import { spawnSync } from 'node:child_process';
import type { TestDatabase } from './databases';

/** The CLI as `npm run cli` runs it, from the repository root. */
export const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

/** The environment that points the CLI at a test database. */
export function envFor(db: TestDatabase): NodeJS.ProcessEnv {
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
