import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where PostgreSQL's programs are: PG_BINDIR, or the newest of Debian's installs; null when neither has `name`. */
export function pgProgram(name: string): string | null {
  const dirs = process.env.PG_BINDIR
    ? [process.env.PG_BINDIR]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const dir = dirs.find((d) => fs.existsSync(path.join(d, name)));
  return dir ? path.join(dir, name) : null;
}

/** Why a private PostgreSQL server cannot be made here, or null when it can. */
export function clusterUnavailable(): string | null {
  return pgProgram('initdb') && pgProgram('pg_ctl')
    ? null
    : 'PostgreSQL server programs (initdb, pg_ctl) not found: set PG_BINDIR to their folder';
}

/** A PostgreSQL server of the test's own, which it may stop and start again as it likes. */
export interface Cluster {
  url: string;
  /** Stops the server: `immediate` as a crash or a power cut does, `fast` as an administrator does. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a throwaway PostgreSQL server (initdb, then pg_ctl) on a free loopback port, with trust
 * authentication and durability off (its data is thrown away). PostgreSQL refuses to run as root, so as root its
 * programs run as the `postgres` user.
 */
export async function startCluster(): Promise<Cluster> {
  const initdb = pgProgram('initdb');
  const pgCtl = pgProgram('pg_ctl');
  if (!initdb || !pgCtl) throw new Error(clusterUnavailable() ?? 'no PostgreSQL');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', program, ...args]) : run(program, args);
  const data = path.join(dir, 'data');
  await as(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let running = false;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await as(pgCtl, ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode = 'immediate') {
      await as(pgCtl, ['-D', data, '-m', mode, '-w', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
