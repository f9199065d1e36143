import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One autocannon run: throughput and latency of one URL under a fixed number of connections. */
export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers outside 2xx, and connection errors or timeouts: a run with any is not a valid figure. */
  failures: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const AUTOCANNON = path.join(
  path.dirname(createRequire(import.meta.url).resolve('autocannon/package.json')),
  'autocannon.js',
);

/**
 * Loads `url` from a second process (autocannon's own command line), so the client's work does not
 * share the server's event loop, and returns its JSON summary.
 */
export function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const headers = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [AUTOCANNON, '--json', '-c', String(options.connections), '-d', String(options.seconds), ...headers, url],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`autocannon failed on ${url}: ${err.message}\n${stderr}`));
          return;
        }
        const r = JSON.parse(stdout) as AutocannonJson;
        resolve({
          requestsPerSec: r.requests.average,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          failures: r.non2xx + r.errors + r.timeouts,
        });
      },
    );
  });
}
