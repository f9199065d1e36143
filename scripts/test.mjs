#!/usr/bin/env node
// Runs the test tiers with Node's own test runner (TypeScript through tsx):
//   unit — src/**/*.test.ts         (no database, no network)
//   int  — test/**/*.int.test.ts    (real HTTP against real SQLite and real PostgreSQL)
//   e2e  — e2e/**/*.e2e.test.ts     (real Chromium against the built web UI)
//   static — the TypeScript type check, ESLint, Prettier and `npm audit --omit=dev` (high or critical fails), before
//            any test runs
// `node scripts/test.mjs` runs all four in that order; pass tier names to pick.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const TIERS = {
  unit: {
    dir: 'src',
    match: (f) => f.endsWith('.test.ts') && !f.endsWith('.int.test.ts') && !f.endsWith('.e2e.test.ts'),
  },
  int: { dir: 'test', match: (f) => f.endsWith('.int.test.ts') },
  e2e: { dir: 'e2e', match: (f) => f.endsWith('.e2e.test.ts') },
};

function find(dir, match) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => match(f))
    .sort();
}

const STATIC = [
  ['tsc', '--noEmit', '-p', 'tsconfig.json'],
  ['eslint', '--max-warnings', '0', '.'],
  ['prettier', '--check', '--log-level', 'warn', '.'],
  ['audit', 'scripts/audit.mjs'],
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const tiers = wanted.length ? wanted : ['static', ...Object.keys(TIERS)];
let failed = false;
for (const tier of tiers) {
  if (tier === 'static') {
    for (const [bin, ...args] of STATIC) {
      console.log(`\n▶ ${bin} ${args.join(' ')}`);
      const res =
        bin === 'audit'
          ? spawnSync(process.execPath, args, { stdio: 'inherit' })
          : spawnSync(path.join('node_modules', '.bin', bin), args, { stdio: 'inherit' });
      if (res.status !== 0) failed = true;
    }
    continue;
  }
  const spec = TIERS[tier];
  if (!spec) {
    console.error(`Unknown test tier "${tier}". Use: ${Object.keys(TIERS).join(', ')}`);
    process.exit(2);
  }
  const files = find(spec.dir, spec.match);
  if (tier === 'e2e' && files.length) {
    // The browser tests run against a fresh build of the UI.
    console.log('\n▶ build the web UI');
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      failed = true;
      continue;
    }
  }
  if (files.length === 0) {
    console.error(`No ${tier} test files found under ${spec.dir}/`);
    failed = true;
    continue;
  }
  console.log(`\n▶ ${tier} tests (${files.length} files)`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', ACTIONLINE_TEST_TIER: tier },
  });
  if (res.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
