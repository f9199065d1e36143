import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(REPO_ROOT, 'dist', 'web');
const STAMP = path.join(REPO_ROOT, 'dist', 'web-source.sha256');

/** What the UI build is made from. */
const SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'];

/** A hash of every file the UI is built from, so a checkout with changed sources rebuilds. */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((s) => {
    const abs = path.join(REPO_ROOT, s);
    if (!fs.existsSync(abs)) return [];
    if (fs.statSync(abs).isFile()) return [abs];
    return fs
      .readdirSync(abs, { recursive: true })
      .map((f) => path.join(abs, String(f)))
      .filter((f) => fs.statSync(f).isFile());
  });
  for (const f of files.sort()) hash.update(path.relative(REPO_ROOT, f)).update('\0').update(fs.readFileSync(f));
  return hash.digest('hex');
}

export function webIsBuilt(dir = WEB_DIR): boolean {
  return fs.existsSync(path.join(dir, 'index.html'));
}

/** True when the UI was never built or its sources changed since the last build. */
export function webNeedsBuild(): boolean {
  if (!webIsBuilt()) return true;
  try {
    return fs.readFileSync(STAMP, 'utf8').trim() !== webSourceHash();
  } catch {
    return true;
  }
}

/** Builds the web UI with Vite (the same as `npm run build`) and records what it was built from. */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  fs.writeFileSync(STAMP, `${webSourceHash()}\n`);
}
