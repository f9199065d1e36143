import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type {
  CoverageRateUsed,
  ExchangeRateView,
  OrganisationDetail,
  Page,
  PlanCoverage,
  PlanSummary,
  Problem,
  SearchResults,
} from '../src/shared/api-types';
import { openDatabase } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { SearchIndexRepository } from '../src/core/repositories/search-index.repository';
import { DEFAULT_SEED_DIR, loadSeed, seedDatabase } from '../src/core/seed/seed.service';
import { TEST_PASSWORD } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A browser whose requests a load balancer sends to one instance or another: one cookie jar and
 * CSRF token, whichever instance answers.
 */
class Browser {
  cookie: string | null = null;
  csrf: string | null = null;

  async request<T = unknown>(
    server: TestServer,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await fetch(server.baseUrl + path, {
      method,
      headers: h,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const m = /al_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
    if (m) this.cookie = m[1] ? `al_session=${m[1]}` : null;
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  async signIn(server: TestServer, email: string, password = TEST_PASSWORD): Promise<Answer<Problem>> {
    const res = await this.request<Problem & { csrfToken: string }>(server, 'POST', '/api/v1/auth/sign-in', {
      email,
      password,
    });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

async function account(server: TestServer, email: string, role: 'editor' | 'admin' | 'viewer'): Promise<string> {
  await server.core.auth.createUser(null, { email, displayName: email, role, side: 'canada' }, TEST_PASSWORD);
  return email;
}

for (const target of DATABASES) {
  const skip =
    target.name === 'sqlite'
      ? 'several instances share one PostgreSQL database; an SQLite file belongs to one process'
      : false;

  describe(`several app instances on one ${target.name} database`, { skip }, () => {
    let database: TestDatabase;
    let servers: TestServer[] = [];
    let a: TestServer;
    let b: TestServer;

    before(async () => {
      database = await target.create();
      // Three instances start at once on an empty database: each migrates and seeds.
      servers = await Promise.all([startTestServer(database), startTestServer(database), startTestServer(database)]);
      [a, b] = servers as [TestServer, TestServer];
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await database?.drop();
    });

    it('all come up together on an empty database, with the schema once and the seed once', async () => {
      for (const s of servers) {
        const ready = await s.get<{ status: string; database: string }>('/readyz');
        assert.equal(ready.status, 200);
        assert.deepEqual(ready.body, { status: 'ready', database: 'postgres' });
      }
      const { db } = a.db;
      const seed = loadSeed(DEFAULT_SEED_DIR);
      const plans = await db.selectFrom('plans').select('slug').where('slug', '=', PLAN).execute();
      assert.equal(plans.length, 1);
      const activities = await db
        .selectFrom('activities')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      const seededActivities = seed.partnerships.reduce((n, p) => n + p.activities.length, 0);
      assert.equal(Number(activities.n), seededActivities);
      const rates = await db
        .selectFrom('exchange_rates')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(rates.n), seed.exchangeRates.length);
      const migrations = await sql<{ name: string; n: number }>`
        select name, count(*) as n from kysely_migration group by name having count(*) > 1`.execute(db);
      assert.deepEqual(migrations.rows, []);
      // A later start finds nothing left to seed.
      const again = await seedDatabase(a.db);
      assert.equal(
        Object.values(again.applied).reduce((n, k) => n + k, 0),
        0,
      );
    });

    it('reads through one instance what was just written through another', async () => {
      const editor = new Browser();
      assert.equal((await editor.signIn(a, await account(a, 'writer@example.org', 'editor'))).status, 200);
      const created = await editor.request<OrganisationDetail>(a, 'POST', '/api/v1/organisations', {
        name: { en: 'Mekong Institute', fr: 'Institut du Mékong' },
        type: 'research',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const onB = await editor.request<OrganisationDetail>(b, 'GET', `/api/v1/organisations/${created.body.id}`);
      assert.equal(onB.status, 200);
      assert.equal(onB.body.name.en, 'Mekong Institute');
      const list = await new Browser().request<Page<{ id: string }>>(
        b,
        'GET',
        `/api/v1/organisations?q=${encodeURIComponent('Mekong Institute')}`,
      );
      assert.ok(list.body.items.some((o) => o.id === created.body.id));
    });

    it('gives the same ETag on every instance, so a revalidation on another one still gets 304', async () => {
      const onA = await new Browser().request(a, 'GET', '/api/v1/plans');
      const etag = onA.headers.get('etag');
      assert.ok(etag);
      const onB = await new Browser().request(b, 'GET', '/api/v1/plans', undefined, { 'if-none-match': etag });
      assert.equal(onB.status, 304);
    });

    it('keeps a session opened on one instance on every other, and ends it everywhere on sign-out', async () => {
      const browser = new Browser();
      assert.equal((await browser.signIn(a, await account(a, 'roamer@example.org', 'viewer'))).status, 200);
      const me = await browser.request<{ user: { email: string }; csrfToken: string }>(b, 'GET', '/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, 'roamer@example.org');
      assert.equal(me.body.csrfToken, browser.csrf, 'the CSRF token lives with the session, not in one process');
      // A write on the third instance with the CSRF token the first one issued.
      const token = await browser.request<{ token: string }>(servers[2]!, 'POST', '/api/v1/auth/tokens', {
        name: 'laptop',
      });
      assert.equal(token.status, 201, JSON.stringify(token.body));

      const cookie = browser.cookie;
      assert.equal((await browser.request(a, 'POST', '/api/v1/auth/sign-out')).status, 204);
      browser.cookie = cookie; // as if a copy of the cookie were replayed
      assert.equal((await browser.request(b, 'GET', '/api/v1/auth/me')).status, 401);
    });

    it('counts failed sign-ins on every instance towards one limit', async () => {
      const email = await account(a, 'guessed@example.org', 'viewer');
      const attacker = new Browser();
      for (const s of [a, b, a, b, servers[2]!]) assert.equal((await attacker.signIn(s, email, 'wrong')).status, 401);
      const limited = await attacker.signIn(b, email);
      assert.equal(limited.status, 429, 'even the right password waits once the limit is hit');
      assert.match(limited.body.detail, /Too many failed sign-ins/);
    });

    it('converts with an exchange rate changed on another instance at once', async () => {
      const admin = new Browser();
      assert.equal((await admin.signIn(a, await account(a, 'rates@example.org', 'admin'))).status, 200);
      const coverageOn = async (s: TestServer) =>
        (await new Browser().request<PlanCoverage>(s, 'GET', `/api/v1/plans/${PLAN}/coverage?currency=CAD`)).body;
      const used = (await coverageOn(b)).rates.find((r) => r.from !== 'CAD' && r.exact);
      assert.ok(used, 'the seeded plan converts some funding through a stored rate');
      const path = `/api/v1/exchange-rates/${used.from}/${used.rateYear}`;
      const before = await admin.request<ExchangeRateView>(a, 'GET', path);
      assert.notEqual(before.body.cadPerUnit, '2.5');
      const put = await admin.request<ExchangeRateView>(
        a,
        'PUT',
        path,
        { cadPerUnit: '2.5', source: 'Checked against the ledger' },
        { 'if-match': `"${before.body.version}"` },
      );
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal((await new Browser().request<ExchangeRateView>(b, 'GET', path)).body.cadPerUnit, '2.5');
      const after: CoverageRateUsed | undefined = (await coverageOn(b)).rates.find(
        (r) => r.from === used.from && r.year === used.year,
      );
      assert.equal(after?.rate, '2.5');
    });

    it('gives 409 to the second of two writes based on the same version through different instances', async () => {
      const editor = new Browser();
      assert.equal((await editor.signIn(a, await account(a, 'racer@example.org', 'editor'))).status, 200);
      const created = await editor.request<OrganisationDetail>(a, 'POST', '/api/v1/organisations', {
        name: { en: 'ASEAN Foundation' },
        type: 'foundation',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const path = `/api/v1/organisations/${created.body.id}`;
      const ifMatch = { 'if-match': `"${created.body.version}"` };
      const edit = (s: TestServer, en: string) =>
        editor.request<OrganisationDetail & Partial<Problem> & { current?: OrganisationDetail }>(
          s,
          'PUT',
          path,
          { name: { en }, type: 'foundation' },
          ifMatch,
        );
      const answers = await Promise.all([edit(a, 'ASEAN Foundation (A)'), edit(b, 'ASEAN Foundation (B)')]);
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409], JSON.stringify(answers.map((r) => r.body)));
      const winner = answers.find((r) => r.status === 200)!;
      const loser = answers.find((r) => r.status === 409)!;
      // The refused writer gets the record as the other instance saved it, to merge with.
      assert.equal(loser.body.current?.name.en, winner.body.name.en);
      assert.equal(loser.body.currentVersion, created.body.version + 1);
      const now = await editor.request<OrganisationDetail>(b, 'GET', path);
      assert.equal(now.body.name.en, winner.body.name.en);
      assert.equal(now.body.version, created.body.version + 1);
    });
    it('drops its cached public answers as soon as another instance writes', async () => {
      const editor = new Browser();
      assert.equal((await editor.signIn(a, await account(a, 'cache@example.org', 'editor'))).status, 200);
      const created = await editor.request<OrganisationDetail>(a, 'POST', '/api/v1/organisations', {
        name: { en: 'Mekong River Commission' },
        type: 'multilateral',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const path = `/api/v1/organisations/${created.body.id}`;
      const publicRead = () => new Browser().request<OrganisationDetail>(b, 'GET', path);
      for (let round = 1; round <= 10; round++) {
        // B keeps the public's answer in memory…
        let cached: Answer<OrganisationDetail> | undefined;
        for (let i = 0; i < 100 && cached?.headers.get('x-cache') !== 'hit'; i++) {
          cached = await publicRead();
          if (cached.headers.get('x-cache') !== 'hit') await new Promise((r) => setTimeout(r, 20));
        }
        assert.equal(cached?.headers.get('x-cache'), 'hit', 'B answers from its cache');
        // …A changes the record, and B's very next answer has the change.
        const en = `Mekong River Commission (${round})`;
        const put = await editor.request<OrganisationDetail>(
          a,
          'PUT',
          path,
          { name: { en }, type: 'multilateral' },
          { 'if-match': `"${cached.body.version}"` },
        );
        assert.equal(put.status, 200, JSON.stringify(put.body));
        assert.equal((await publicRead()).body.name.en, en, `round ${round}`);
      }
    });
  });

  describe(`an instance with a read replica on ${target.name}`, { skip }, () => {
    let primary: TestDatabase;
    let replica: TestDatabase;
    let server: TestServer;

    before(async () => {
      primary = await target.create();
      replica = await target.create();
      // A stand-in for a streaming replica: its own database, a copy of the seed, told apart by a plan title.
      const r = openDatabase(replica.config);
      await migrateToLatest(r);
      await seedDatabase(r);
      await r.db.updateTable('plans').set({ title_en: 'As the replica has it' }).where('slug', '=', PLAN).execute();
      await r.db
        .updateTable('organisations')
        .set({ name_en: 'Replicated Foundation' })
        .where('acronym', '=', 'IDRC')
        .execute();
      await r.db.transaction().execute((trx) => new SearchIndexRepository(trx, r.dialect).rebuild());
      await r.close();
      server = await startTestServer(primary, { replica });
    });
    after(async () => {
      await server?.close();
      await primary?.drop();
      await replica?.drop();
    });

    it('answers the public from the replica and signed-in staff from the primary', async () => {
      const title = (list: PlanSummary[]) => list.find((p) => p.slug === PLAN)?.title.en;
      const pub = await new Browser().request<{ items: PlanSummary[] }>(server, 'GET', '/api/v1/plans');
      assert.equal(title(pub.body.items), 'As the replica has it');
      const staff = new Browser();
      assert.equal((await staff.signIn(server, await account(server, 'staff@example.org', 'viewer'))).status, 200);
      const seen = await staff.request<{ items: PlanSummary[] }>(server, 'GET', '/api/v1/plans');
      assert.notEqual(title(seen.body.items), 'As the replica has it');
      assert.ok(title(seen.body.items));
      // Search too: the public's on the replica's index, staff's on the primary's.
      const hits = async (b: Browser) =>
        (await b.request<SearchResults>(server, 'GET', '/api/v1/search?q=replicated&kind=organisation')).body.total;
      assert.equal(await hits(new Browser()), 1);
      assert.equal(await hits(staff), 0);
    });

    it('is ready only while both databases answer', async () => {
      const ready = await server.get<{ status: string; replica?: boolean }>('/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.replica, true);
    });
  });

  describe(`behind a load balancer on ${target.name}`, { skip }, () => {
    let database: TestDatabase;
    let trusting: TestServer;
    let direct: TestServer;

    before(async () => {
      database = await target.create();
      [trusting, direct] = await Promise.all([
        startTestServer(database, { seed: false, trustProxy: ['127.0.0.1', '::1'] }),
        startTestServer(database, { seed: false }),
      ]);
      await account(trusting, 'https@example.org', 'viewer');
    });
    after(async () => {
      await trusting?.close();
      await direct?.close();
      await database?.drop();
    });

    it('marks the session cookie Secure when the trusted balancer says the request came over HTTPS', async () => {
      const cookieOf = async (s: TestServer, headers: Record<string, string>) =>
        (
          await new Browser().request(
            s,
            'POST',
            '/api/v1/auth/sign-in',
            { email: 'https@example.org', password: TEST_PASSWORD },
            headers,
          )
        ).headers.get('set-cookie') ?? '';
      assert.match(await cookieOf(trusting, { 'x-forwarded-proto': 'https' }), /;\s*Secure/i);
      assert.doesNotMatch(await cookieOf(trusting, {}), /;\s*Secure/i);
      // Without TRUST_PROXY the header is anybody's to send and is ignored.
      assert.doesNotMatch(await cookieOf(direct, { 'x-forwarded-proto': 'https' }), /;\s*Secure/i);
    });

    it('sends Strict-Transport-Security on answers over HTTPS only', async () => {
      const hsts = async (s: TestServer, headers: Record<string, string>) =>
        (await fetch(`${s.baseUrl}/healthz`, { headers })).headers.get('strict-transport-security');
      assert.match((await hsts(trusting, { 'x-forwarded-proto': 'https' })) ?? '', /^max-age=31536000\b/);
      assert.equal(await hsts(trusting, {}), null);
      assert.equal(await hsts(direct, { 'x-forwarded-proto': 'https' }), null);
    });
  });
}
