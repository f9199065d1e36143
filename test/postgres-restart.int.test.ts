import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail } from '../src/shared/api-types';
import { seedWithEditors, serve, type ServedChild } from './support/cli';
import { Client, TEST_PASSWORD } from './support/client';
import { clusterUnavailable, startCluster, type Cluster } from './support/postgres-cluster';

/**
 * The application's PostgreSQL server is stopped (as a crash stops it) and started again while a served child is
 * under load: while it is down every request that needs it fails at once with a 503 that says to retry; once it is
 * back the application serves again by itself, with no restart.
 */

type Phase = 'up' | 'down' | 'back';

interface Answer {
  phase: Phase;
  kind: 'public' | 'ready' | 'read' | 'write';
  status: number;
  ms: number;
  type?: string;
  detail?: string;
  retryAfter: string | null;
  at: number;
  /** The record's version, as a write's answer or its conflict tells it. */
  version?: number;
}

const WORKERS = 12;
const EMAIL = 'editor.restart@example.org';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL stopped and restarted under load', { skip: clusterUnavailable() ?? false }, () => {
  let cluster: Cluster;
  let server: ServedChild;

  before(async () => {
    cluster = await startCluster();
    await seedWithEditors({ kind: 'postgres', url: cluster.url, poolSize: 5 }, [
      { email: EMAIL, displayName: 'Restart editor' },
    ]);
    server = await serve({
      ...process.env,
      DATABASE_URL: cluster.url,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      // One account sends the whole load: it stands for many callers.
      RATE_LIMIT_COMPUTE_PER_MINUTE: '0',
      RATE_LIMIT_FILES_PER_MINUTE: '0',
    });
  });
  after(async () => {
    await server?.stop();
    await cluster?.destroy();
  });

  it('answers 503 at once while it is down and serves again by itself once it is back', async (t) => {
    const client = new Client({ baseUrl: server.url });
    assert.equal((await client.signIn(EMAIL, TEST_PASSWORD)).status, 200);
    const owned: string[] = [];
    const versions = new Map<string, number>();
    for (let i = 0; i < 4; i++) {
      const created = await client.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: `restart ${i}`, fr: null },
        type: 'training',
        status: 'planned',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      owned.push(created.body.id);
      versions.set(created.body.id, created.body.version);
    }

    let phase: Phase = 'up';
    let stopping = false;
    const answers: Answer[] = [];
    const timed = async (
      kind: Answer['kind'],
      send: () => Promise<{ status: number; headers: Headers; body: unknown }>,
    ) => {
      const started = Date.now();
      const at = phase;
      const res = await send();
      const body = (res.body ?? {}) as { type?: string; detail?: string; version?: number; currentVersion?: number };
      const answer: Answer = {
        phase: at,
        kind,
        status: res.status,
        ms: Date.now() - started,
        retryAfter: res.headers.get('retry-after'),
        at: Date.now(),
        ...(res.status >= 400 ? { type: body.type, detail: body.detail } : {}),
        version: res.status === 409 ? body.currentVersion : body.version,
      };
      answers.push(answer);
      return answer;
    };
    const worker = async (w: number) => {
      for (let k = 0; !stopping; k++) {
        const pick = (w + k) % 10;
        if (pick < 5) {
          // Public reads, cached and not: a filtered list that changes with each request.
          await timed('public', () => client.request('GET', `/api/v1/activities?q=labour&page=${(k % 7) + 1}`));
        } else if (pick < 7) {
          await timed('ready', async () => {
            const res = await fetch(`${server.url}/readyz`);
            return { status: res.status, headers: res.headers, body: await res.json() };
          });
        } else if (pick < 9) {
          await timed('read', () => client.request('GET', `/api/v1/activities/${owned[w % owned.length]!}/history`));
        } else {
          // A write from the last version seen; a 409 (another worker's write to it) tells the current one.
          const id = owned[w % owned.length]!;
          const sent = await timed('write', () =>
            client.request(
              'PUT',
              `/api/v1/activities/${id}`,
              { title: { en: `restart ${w} #${k}`, fr: null }, type: 'training', status: 'planned' },
              { 'if-match': `"${versions.get(id)}"` },
            ),
          );
          if (sent.version !== undefined) versions.set(id, sent.version);
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    await sleep(1_500);
    const stopBegan = Date.now();
    phase = 'down';
    await cluster.stop('immediate');
    const stoppedAt = Date.now();
    await sleep(3_000);
    phase = 'back';
    const startedAt = Date.now();
    await cluster.start();
    // Serving again: the first answer from the database after its start.
    let resumedAt: number | null = null;
    while (resumedAt === null && Date.now() - startedAt < 30_000) {
      const ready = answers.find((a) => a.phase === 'back' && a.kind === 'ready' && a.status === 200);
      if (ready) resumedAt = ready.at;
      else await sleep(50);
    }
    await sleep(2_000);
    stopping = true;
    await load;

    const ok = (a: Answer) => a.status < 300 || (a.kind === 'write' && a.status === 409);
    assert.deepEqual(
      answers.filter((a) => a.phase === 'up' && a.at < stopBegan && !ok(a)),
      [],
      'all is well before the stop',
    );

    // Down: each answer is a cached one, or a 503 that says so at once.
    const down = answers.filter((a) => a.at > stoppedAt + 200 && a.phase === 'down');
    const refused = down.filter((a) => a.status === 503);
    assert.deepEqual(
      down.filter((a) => !ok(a) && a.status !== 503),
      [],
      'nothing but 503 while it is down',
    );
    for (const kind of ['ready', 'read', 'write'] as const) {
      assert.ok(
        refused.some((a) => a.kind === kind),
        `${kind} requests were refused while it was down`,
      );
    }
    for (const a of refused) {
      if (a.kind === 'ready') continue; // /readyz says what is not ready in its own JSON
      assert.equal(a.type, 'urn:actionline:problem:database-unavailable');
      assert.match(a.detail ?? '', /retry/i);
      assert.equal(a.retryAfter, '5');
    }
    const slowest = Math.max(...refused.map((a) => a.ms));
    t.diagnostic(
      `down ${startedAt - stoppedAt} ms: ${refused.length} refused (slowest ${slowest} ms), ${down.length - refused.length} ` +
        `answered from the cache; serving again ${resumedAt === null ? 'never' : `${resumedAt - startedAt} ms`} after the start`,
    );
    assert.ok(slowest < 2_000, `refusals are fast: the slowest took ${slowest} ms`);

    // Back: serving again by itself, and everything answered after that succeeds.
    assert.ok(resumedAt !== null, 'the application served again after PostgreSQL started');
    const afterResume = answers.filter((a) => a.at > resumedAt + 500);
    assert.ok(afterResume.length > 50, `load went on after the restart (${afterResume.length} answers)`);
    assert.deepEqual(
      afterResume.filter((a) => !ok(a)),
      [],
      'all is well once it is back',
    );
    assert.ok(
      afterResume.some((a) => a.kind === 'write' && a.status === 200),
      'writes succeed again',
    );
  });
});
