import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail, ActivitySummary, Page, PlanDetail, Problem } from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/**
 * `actionline remote …` run as a real child process against a real server, with API tokens
 * created through the API. Every output of every run is kept, to check that no token ever shows.
 */

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const outputs: string[] = [];

function remote(
  args: string[],
  options: { server: string; token?: string; stdin?: string; env?: NodeJS.ProcessEnv },
): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.ACTIONLINE_TOKEN;
  env.ACTIONLINE_SERVER = options.server;
  if (options.token !== undefined) env.ACTIONLINE_TOKEN = options.token;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'remote', ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`remote ${args.join(' ')} did not finish:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ status, stdout, stderr });
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-remote-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** A loopback address where nothing listens. */
async function closedPort(): Promise<string> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return `http://127.0.0.1:${port}`;
}

async function createToken(client: Client, name: string): Promise<{ id: string; token: string }> {
  const res = await client.request<{ id: string; token: string }>('POST', '/api/v1/auth/tokens', { name });
  assert.equal(res.status, 201);
  return res.body;
}

for (const target of DATABASES) {
  describe(`remote CLI against a server on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editorSession: Client;
    let viewerSession: Client;
    let editorToken: string;
    let aseanToken: string;
    let canadaToken: string;
    let revoked: string;
    let api: Client;
    let area11: string;
    let activityId = '';

    const draft = (title: string): ActivityInputDraft => ({
      title: { en: title, fr: null },
      summary: { en: 'Workshops for labour inspectors.', fr: null },
      type: 'training',
      status: 'planned',
      plannedStart: '2027-03',
      plannedEnd: '2028',
      countries: ['PH', 'ID'],
      links: [{ nodeId: area11, rationale: 'Rights at work.' }],
      sources: [{ title: 'Project document', url: 'https://example.org/doc', confidence: 'verified' }],
    });

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editorSession = await signedIn(server, 'editor', 'partner');
      viewerSession = await signedIn(server, 'viewer', 'canada');
      editorToken = (await createToken(editorSession, 'cli')).token;
      aseanToken = (await createToken(await signedIn(server, 'reviewer', 'asean'), 'cli')).token;
      canadaToken = (await createToken(await signedIn(server, 'reviewer', 'canada'), 'cli')).token;
      const old = await createToken(viewerSession, 'old laptop');
      assert.equal((await viewerSession.request('DELETE', `/api/v1/auth/tokens/${old.id}`)).status, 204);
      revoked = old.token;
      api = new Client(server, editorToken);
      const plan = (await api.get<PlanDetail>('/api/v1/plans/asean-canada-2010-2015')).body;
      area11 = plan.framework.flatMap((p) => p.children).find((a) => a.code === '1.1')!.id;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const as = (token: string, stdin?: string) => ({ server: server.baseUrl, token, ...(stdin ? { stdin } : {}) });

    it('says whose token it is, from the environment or from standard input', async () => {
      const [fromEnv, fromStdin] = await Promise.all([
        remote(['whoami'], as(editorToken)),
        remote(['whoami', '--token-stdin', '--json'], { server: server.baseUrl, stdin: `${aseanToken}\n` }),
      ]);
      assert.equal(fromEnv.status, 0, fromEnv.stderr);
      assert.match(fromEnv.stdout, /editor partner <editor\.partner@example\.org>/);
      assert.match(fromEnv.stdout, /role editor, partner side/);
      assert.equal(fromStdin.status, 0, fromStdin.stderr);
      const me = JSON.parse(fromStdin.stdout) as { email: string; role: string; side: string };
      assert.deepEqual([me.email, me.role, me.side], ['reviewer.asean@example.org', 'reviewer', 'asean']);
    });

    it('lists plans and filtered activities as the API does, and checks filters before sending', async () => {
      const query = 'country=ID,PH&status=completed,ongoing&yearFrom=2010&sort=title&pageSize=100';
      const [json, table, plans, bad] = await Promise.all([
        remote(
          [
            'activities',
            'list',
            '--country',
            'ID',
            '--country',
            'PH',
            '--status',
            'completed,ongoing',
            '--year-from',
            '2010',
            '--sort',
            'title',
            '--page-size',
            '100',
            '--json',
          ],
          as(editorToken),
        ),
        remote(['activities', 'list', '--plan', 'asean-canada-2010-2015', '--page-size', '5'], as(editorToken)),
        remote(['plans', 'list'], as(editorToken)),
        remote(['activities', 'list', '--year-from', '20', '--country', 'XX'], as(editorToken)),
      ]);
      assert.equal(json.status, 0, json.stderr);
      const expected = await api.get<Page<ActivitySummary>>(`/api/v1/activities?${query}`);
      assert.ok(expected.body.total > 0, 'the seed has activities for this filter');
      const listed = JSON.parse(json.stdout) as Page<ActivitySummary>;
      assert.deepEqual(
        listed.items.map((a) => a.id),
        expected.body.items.map((a) => a.id),
      );

      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, /^ID\s+START\s+STATUS\s+WORKFLOW\s+TYPE\s+TITLE/);
      assert.match(table.stdout, /1–5 of \d+ \(page 1 of \d+\)\. Next: --page 2\./);
      assert.equal(plans.status, 0, plans.stderr);
      assert.match(plans.stdout, /asean-canada-2010-2015\s+2010–2015/);

      // Refused locally, in the API's own words, naming the options.
      assert.equal(bad.status, 2);
      const problem = (await api.get<Problem>('/api/v1/activities?yearFrom=20&country=XX')).body;
      assert.equal(problem.status, 400);
      for (const e of problem.errors ?? []) {
        const option = e.name === 'yearFrom' ? '--year-from' : `--${e.name}`;
        assert.ok(bad.stderr.includes(`${option}: ${e.reason}`), `${option}: ${e.reason}\nin:\n${bad.stderr}`);
      }
      assert.equal(problem.errors?.length, 2);
    });

    it('creates, reads and updates an activity; a stale version is refused and changes nothing', async () => {
      const created = await remote(['activities', 'create', '--file', '-', '--json'], {
        ...as(editorToken),
        stdin: JSON.stringify(draft('Labour inspection in ASEAN')),
      });
      assert.equal(created.status, 0, created.stderr);
      const a = JSON.parse(created.stdout) as ActivityDetail;
      activityId = a.id;
      assert.deepEqual([a.version, a.workflowState], [1, 'draft']);

      const read = await remote(['activities', 'get', a.id, '--input'], as(editorToken));
      assert.equal(read.status, 0, read.stderr);
      assert.match(read.stderr, /Version 1: send your edit with --if-version 1/);
      const body = JSON.parse(read.stdout) as ActivityInputDraft;
      assert.deepEqual(body.countries, ['ID', 'PH']);
      const edited = writeJson(`edit-${target.name}.json`, { ...body, title: { en: 'Labour inspection, revised' } });

      const updated = await remote(
        ['activities', 'update', a.id, '--file', edited, '--if-version', '1'],
        as(editorToken),
      );
      assert.equal(updated.status, 0, updated.stderr);
      assert.match(updated.stdout, /version 1 → 2/);

      const stale = writeJson(`stale-${target.name}.json`, { ...body, title: { en: 'Overwrites the revision' } });
      const [shown, refused] = await Promise.all([
        remote(['activities', 'get', a.id], as(editorToken)),
        remote(['activities', 'update', a.id, '--file', stale, '--if-version', '1'], as(editorToken)),
      ]);
      assert.equal(shown.status, 0, shown.stderr);
      assert.match(shown.stdout, /^Labour inspection, revised\n/);
      assert.match(shown.stdout, /version\s+2\n/);
      assert.match(shown.stdout, /linked to\s+1\.1 /);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /409 Conflict: .*you edited version 1, it is now at version 2/);
      assert.match(refused.stderr, /Nothing was changed/);
      const now = await api.get<ActivityDetail>(`/api/v1/activities/${a.id}`);
      assert.deepEqual([now.body.version, now.body.title.en], [2, 'Labour inspection, revised']);
    });

    it('submits, returns, and publishes once both required sides approve', async () => {
      assert.ok(activityId, 'the activity of the previous test');
      const other = await api.request<ActivityDetail>('POST', '/api/v1/activities', draft('To be returned'));
      assert.equal(other.status, 201);
      const [published, returned] = await Promise.all([
        (async () => {
          const submit = await remote(['activities', 'submit', activityId], as(editorToken));
          assert.equal(submit.status, 0, submit.stderr);
          assert.match(submit.stdout, /submitted: it waits for review/);
          const asean = await remote(['activities', 'approve', activityId, '--if-version', '2'], as(aseanToken));
          assert.equal(asean.status, 0, asean.stderr);
          assert.match(asean.stdout, /Approved version 2 .*; submitted/);
          const canada = await remote(['activities', 'approve', activityId, '--comment', 'Agreed.', '--token-stdin'], {
            server: server.baseUrl,
            stdin: canadaToken,
          });
          assert.equal(canada.status, 0, canada.stderr);
          assert.match(canada.stdout, /published/);
          return (await api.get<ActivityDetail>(`/api/v1/activities/${activityId}`)).body;
        })(),
        (async () => {
          const id = other.body.id;
          assert.equal(
            (await api.request('POST', `/api/v1/activities/${id}/submit`, undefined, { 'if-match': '"1"' })).status,
            200,
          );
          const back = await remote(['activities', 'return', id, '--comment', 'Add the budget.'], as(aseanToken));
          assert.equal(back.status, 0, back.stderr);
          return (await api.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
        })(),
      ]);
      assert.equal(published.workflowState, 'published');
      assert.equal(published.version, 2, 'workflow steps do not change the version');
      assert.equal(returned.workflowState, 'returned');
    });

    it('answers a wrong, revoked or missing token with a 401 and exit code 1', async () => {
      const [wrong, old, none, forbidden] = await Promise.all([
        remote(['whoami'], as(`alt_${'x'.repeat(43)}`)),
        remote(['activities', 'list', '--search', 'labour'], as(revoked)),
        remote(['whoami'], { server: server.baseUrl }),
        remote(['activities', 'approve', activityId], as(editorToken)),
      ]);
      for (const res of [wrong, old]) {
        assert.equal(res.status, 1);
        assert.match(res.stderr, /^401 Unauthorized: the server refused the API token: it is wrong, was revoked/);
      }
      assert.equal(none.status, 1);
      assert.match(none.stderr, /401 Unauthorized: this needs an API token.*ACTIONLINE_TOKEN.*--token-stdin/);
      assert.equal(forbidden.status, 1);
      assert.match(forbidden.stderr, /^403 Forbidden: /);
    });

    it('never shows a token', () => {
      const all = outputs.join('\n');
      for (const token of [editorToken, aseanToken, canadaToken, revoked]) assert.ok(!all.includes(token));
      assert.doesNotMatch(all, /alt_x{10}/);
    });
  });
}

describe('remote CLI: mistakes caught before anything is sent', () => {
  it('asks for a server, names one it cannot reach, and refuses malformed tokens and input', async () => {
    const unreachable = await closedPort();
    const badFile = writeJson('bad.json', { title: { en: '' }, type: 'party', status: 'planned', colour: 'red' });
    const secret = 'alt_looks like a token';
    const [noServer, down, badToken, bothStdin, invalid, noComment] = await Promise.all([
      remote(['whoami'], { server: '' }),
      remote(['plans', 'list'], { server: unreachable }),
      remote(['whoami'], { server: unreachable, token: secret }),
      remote(['activities', 'create', '--file', '-', '--token-stdin'], { server: unreachable, stdin: '{}' }),
      remote(['activities', 'create', '--file', badFile], { server: unreachable }),
      remote(['activities', 'return', 'some-id', '--comment', ' '], { server: unreachable }),
    ]);
    assert.equal(noServer.status, 2);
    assert.match(noServer.stderr, /--server <url> or the ACTIONLINE_SERVER environment variable/);
    assert.equal(down.status, 1);
    assert.ok(down.stderr.includes(`Could not reach the ActionLine server at ${unreachable}`), down.stderr);
    assert.equal(badToken.status, 2);
    assert.match(badToken.stderr, /not an ActionLine API token/);
    assert.ok(!badToken.stderr.includes(secret) && !badToken.stdout.includes(secret));
    assert.equal(bothStdin.status, 2);
    assert.match(bothStdin.stderr, /cannot both read standard input/);
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /bad\.json is not a valid activity; nothing was sent/);
    assert.match(invalid.stderr, /\n {2}title\.en: Give a title/);
    assert.match(invalid.stderr, /\n {2}type: Choose a type/);
    assert.match(invalid.stderr, /\n {2}colour: /);
    assert.equal(noComment.status, 2);
    assert.match(noComment.stderr, /--comment: Say what needs revising/);
  });
});
