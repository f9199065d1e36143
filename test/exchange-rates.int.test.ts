import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ExchangeRateList, ExchangeRateView, Problem } from '../src/shared/api-types';
import { DEFAULT_SEED_DIR, loadSeed, seedDatabase } from '../src/core/seed/seed.service';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const seeded = loadSeed(DEFAULT_SEED_DIR).exchangeRates;
const BOC = 'https://www.bankofcanada.ca/rates/exchange/annual-average-exchange-rates/';

interface HistoryItem {
  version: number;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

type Answer = ExchangeRateView & Partial<Problem>;

for (const target of DATABASES) {
  describe(`exchange rates on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let pub: Client;
    const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
    const put = (path: string, body: unknown, headers: Record<string, string> = {}, as: Client = admin) =>
      as.request<Answer>('PUT', `/api/v1/exchange-rates/${path}`, body, headers);
    const del = (path: string, headers: Record<string, string> = {}) =>
      admin.request<Problem | null>('DELETE', `/api/v1/exchange-rates/${path}`, undefined, headers);
    const names = (p: Partial<Problem>) => (p.errors ?? []).map((e) => e.name).sort();

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      admin = await signedIn(server, 'admin');
      pub = new Client(server);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('lists the seeded rates to the public, by currency then year', async () => {
      const res = await pub.get<ExchangeRateList>('/api/v1/exchange-rates');
      assert.equal(res.status, 200);
      assert.equal(res.body.base, 'CAD');
      assert.equal(res.body.items.length, seeded.length);
      assert.ok(res.body.items.length > 100);
      const keys = res.body.items.map((r) => `${r.currency} ${r.year}`);
      assert.deepEqual(
        keys,
        [...keys].sort((a, b) => a.localeCompare(b)),
      );
      const usd = res.body.items.find((r) => r.currency === 'USD' && r.year === 2024);
      assert.ok(usd);
      const { createdAt, updatedAt, ...rest } = usd;
      assert.ok(createdAt && updatedAt === createdAt);
      assert.deepEqual(rest, {
        currency: 'USD',
        year: 2024,
        cadPerUnit: '1.3698',
        source: BOC,
        note: 'Bank of Canada annual average of daily rates.',
        version: 1,
      });
      assert.deepEqual(
        [...new Set(res.body.items.map((r) => r.currency))],
        ['AUD', 'EUR', 'GBP', 'IDR', 'JPY', 'MYR', 'PHP', 'SGD', 'THB', 'USD'],
      );
    });

    it('gives one rate with its ETag, and names a bad currency or year', async () => {
      const one = await pub.get<ExchangeRateView>('/api/v1/exchange-rates/PHP/2021');
      assert.equal(one.status, 200);
      assert.equal(one.headers.get('etag'), '"1"');
      assert.equal(one.body.cadPerUnit, '0.02544');

      const missing = await pub.get<Problem>('/api/v1/exchange-rates/USD/1995');
      assert.equal(missing.status, 404);
      assert.match(missing.body.detail, /USD 1995/);

      const bad = await pub.get<Problem>('/api/v1/exchange-rates/usd/20x4');
      assert.equal(bad.status, 400);
      assert.deepEqual(names(bad.body), ['currency', 'year']);
    });

    it('converts through the table the core builds from the stored rates', async () => {
      const table = await server.core.rates.table();
      // 100.00 USD in 2023 at 1.3497 = 134.97 CAD
      assert.deepEqual(table.convert(100_00, 'USD', 2023, 'CAD'), {
        amountMinor: 134_97,
        currency: 'CAD',
        rate: '1.3497',
        rateYear: 2023,
        exact: true,
      });
      // VND has no rate: nothing is converted.
      assert.equal(table.convert(1_000_000, 'VND', 2023, 'CAD'), null);
    });

    it('lets an admin create a rate without If-Match', async () => {
      const created = await put('VND/2024', { cadPerUnit: '0.0000539', source: 'Admin entry', note: 'Checked' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.get('location'), '/api/v1/exchange-rates/VND/2024');
      assert.equal(created.headers.get('etag'), '"1"');
      const { createdAt: _c, updatedAt: _u, ...body } = created.body;
      assert.deepEqual(body, {
        currency: 'VND',
        year: 2024,
        cadPerUnit: '0.0000539',
        source: 'Admin entry',
        note: 'Checked',
        version: 1,
      });
      const read = await pub.get<ExchangeRateView>('/api/v1/exchange-rates/VND/2024');
      assert.equal(read.body.cadPerUnit, '0.0000539');
      assert.equal((await server.core.rates.table()).convert(1_000_000, 'VND', 2024, 'CAD')?.amountMinor, 5_390);
    });

    it('updates only with the version in If-Match: 428 without it, 409 when stale', async () => {
      const body = { cadPerUnit: '0.0000540', source: 'Admin entry, revised' };
      const without = await put('VND/2024', body);
      assert.equal(without.status, 428);
      assert.match(without.body.detail ?? '', /If-Match/);

      const malformed = await put('VND/2024', body, { 'if-match': 'latest' });
      assert.equal(malformed.status, 428);

      const updated = await put('VND/2024', body, ifMatch(1));
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.headers.get('etag'), '"2"');
      assert.equal(updated.body.version, 2);
      assert.equal(updated.body.note, null);
      assert.equal(updated.headers.get('location'), null);

      const stale = await put('VND/2024', { ...body, cadPerUnit: '0.00006' }, ifMatch(1));
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, 2);
      assert.equal((stale.body.current as ExchangeRateView).cadPerUnit, '0.0000540');

      const history = await admin.get<{ items: HistoryItem[] }>('/api/v1/exchange-rates/VND/2024/history');
      assert.equal(history.status, 200);
      assert.deepEqual(
        history.body.items.map((h) => [h.version, h.action]),
        [
          [2, 'update'],
          [1, 'create'],
        ],
      );
      assert.deepEqual(
        history.body.items[0]?.changes.map((c) => c.field),
        ['cadPerUnit', 'source', 'note'],
      );
    });

    it('deletes only with the current version; a create with If-Match finds it gone', async () => {
      assert.equal((await del('VND/2024')).status, 428);
      const stale = await del('VND/2024', ifMatch(1));
      assert.equal(stale.status, 409);
      assert.equal(stale.body?.currentVersion, 2);
      assert.equal((await del('VND/2024', ifMatch(2))).status, 204);
      assert.equal((await pub.get('/api/v1/exchange-rates/VND/2024')).status, 404);
      assert.equal((await del('VND/2024', ifMatch(2))).status, 404);

      const recreate = await put('VND/2024', { cadPerUnit: '0.000054', source: 'Again' }, ifMatch(2));
      assert.equal(recreate.status, 409);
      assert.match(recreate.body.detail ?? '', /deleted/);

      const history = await admin.get<{ items: HistoryItem[] }>('/api/v1/exchange-rates/VND/2024/history');
      assert.deepEqual(
        history.body.items.map((h) => h.action),
        ['delete', 'update', 'create'],
      );
    });

    it('creates a rate once when two admins create it at the same time', async () => {
      const body = { cadPerUnit: '0.0000530', source: 'Race' };
      const answers = await Promise.all([put('VND/2023', body), put('VND/2023', body)]);
      const statuses = answers.map((a) => a.status).sort();
      assert.equal(statuses[0], 201, JSON.stringify(answers.map((a) => a.body)));
      // The other finds the rate there: it must send its version (428) or merge (409), never fail.
      assert.ok([409, 428].includes(statuses[1]!), JSON.stringify(answers.map((a) => a.body)));
    });

    it('refuses writes to every role below admin, and to the public', async () => {
      const body = { cadPerUnit: '1.5', source: 'Someone' };
      assert.equal((await put('USD/2030', body, {}, pub)).status, 401);
      for (const role of ['viewer', 'editor', 'reviewer'] as const) {
        const client = await signedIn(server, role);
        const res = await put('USD/2030', body, {}, client);
        assert.equal(res.status, 403, `${role}: ${JSON.stringify(res.body)}`);
        assert.match(res.body.detail ?? '', /needs admin/);
        const gone = await client.request<Problem>('DELETE', '/api/v1/exchange-rates/USD/2024', undefined, ifMatch(1));
        assert.equal(gone.status, 403, role);
      }
      assert.equal((await pub.get('/api/v1/exchange-rates/USD/2030')).status, 404);
    });

    it('names every bad field and how to fix it', async () => {
      const res = await put('cad/1850', { cadPerUnit: 1.3, source: ' ', colour: 'red' });
      assert.equal(res.status, 400);
      const byName = new Map((res.body.errors ?? []).map((e) => [e.name, e.reason]));
      assert.match(byName.get('currency') ?? '', /three capital letters, such as USD/);
      assert.match(byName.get('year') ?? '', /from 1990 to 2100/);
      // The path is checked first: its problems are reported before the body's.
      assert.equal(byName.size, 2);

      const body = await put('USD/2030', { cadPerUnit: 1.3, source: ' ', colour: 'red' });
      assert.equal(body.status, 400);
      const reasons = new Map((body.body.errors ?? []).map((e) => [e.name, e.reason]));
      assert.deepEqual([...reasons.keys()].sort(), ['cadPerUnit', 'colour', 'source']);
      assert.match(reasons.get('cadPerUnit') ?? '', /decimal in quotes with up to 8 decimals, such as "1\.3698"/);
      assert.match(reasons.get('source') ?? '', /where the rate comes from/);

      const cad = await put('CAD/2024', { cadPerUnit: '1', source: 'x' });
      assert.equal(cad.status, 400);
      assert.match(cad.body.errors?.[0]?.reason ?? '', /CAD is the base currency/);

      const zero = await put('USD/2030', { cadPerUnit: '0.000', source: 'x' });
      assert.deepEqual(
        zero.body.errors?.map((e) => [e.name, e.reason]),
        [['cadPerUnit', 'The rate must be greater than zero.']],
      );
      const precise = await put('USD/2030', { cadPerUnit: '1.123456789', source: 'x' });
      assert.deepEqual(names(precise.body), ['cadPerUnit']);
    });

    it('keeps an edited seeded rate, and a deleted one deleted, when the seed runs again', async () => {
      const usd = await pub.get<ExchangeRateView>('/api/v1/exchange-rates/USD/2024');
      const edited = await put(
        'USD/2024',
        { cadPerUnit: '1.37', source: usd.body.source, note: 'Rounded' },
        ifMatch(1),
      );
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal((await del('EUR/2008', ifMatch(1))).status, 204);

      const history = await admin.get<{ items: HistoryItem[] }>('/api/v1/exchange-rates/USD/2024/history');
      assert.deepEqual(
        history.body.items.map((h) => [h.version, h.action]),
        [
          [2, 'update'],
          [1, 'baseline'],
        ],
      );

      const report = await seedDatabase(server.db);
      assert.equal(report.applied.exchange_rates, 0);

      const after = await pub.get<ExchangeRateView>('/api/v1/exchange-rates/USD/2024');
      assert.equal(after.body.cadPerUnit, '1.37');
      assert.equal(after.body.note, 'Rounded');
      assert.equal(after.body.version, 2);
      assert.equal((await pub.get('/api/v1/exchange-rates/EUR/2008')).status, 404);
      // The nearest year stands in for the deleted one, and says so.
      const eur = (await server.core.rates.table()).convert(100_00, 'EUR', 2008, 'CAD');
      assert.equal(eur?.rateYear, 2009);
      assert.equal(eur?.exact, false);
    });
  });
}
