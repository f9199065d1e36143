import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ActivityDetail, ActivitySummary, Page, Problem } from '../src/shared/api-types';
import { ACTIVITY_EXPORT_COLUMNS, ACTIVITY_EXPORT_HEADERS, FUNDING_EXPORT_HEADERS } from '../src/shared/export-columns';
import { resolveText } from '../src/shared/localized';
import type { Language } from '../src/shared/vocab';
import { VOCABULARY_NAMES } from '../src/core/exports/vocab-labels';
import { ACTIVITY_SORTS, activitySelectionSchema } from '../src/shared/schemas/activity-query.schema';
import { DATABASES, type TestDatabase } from './support/databases';
import { validateIatiActivities } from './support/iati-validate';
import { signedIn, type Client } from './support/client';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

interface Download {
  status: number;
  type: string;
  disposition: string;
  cache: string;
  body: Buffer;
}

/** Every activity of a list query, through the paged list API (the reference the exports must match). */
async function listAll(server: TestServer, query: string): Promise<ActivitySummary[]> {
  const items: ActivitySummary[] = [];
  for (let page = 1; ; page++) {
    const res = await server.get<Page<ActivitySummary>>(`/api/v1/activities?${query}&pageSize=100&page=${page}`);
    assert.equal(res.status, 200);
    items.push(...res.body.items);
    if (items.length >= res.body.total) return items;
  }
}

const csvRows = (body: Buffer): string[][] => parse(body.toString('utf8'), { bom: true, relax_column_count: false });

for (const target of DATABASES) {
  describe(`open-data exports on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let draft: ActivityDetail;
    let planActivities: ActivitySummary[];

    const download = async (path: string, client?: Client): Promise<Download> => {
      // A signed-in browser sends its session cookie with a download link.
      const res = client ? await client.raw(path) : await fetch(server.baseUrl + path);
      return {
        status: res.status,
        type: res.headers.get('content-type') ?? '',
        disposition: res.headers.get('content-disposition') ?? '',
        cache: res.headers.get('cache-control') ?? '',
        body: Buffer.from(await res.arrayBuffer()),
      };
    };

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'canada');
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: 'Draft export check', fr: null },
        type: 'training',
        status: 'planned',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      draft = created.body;
      planActivities = await listAll(server, `plan=${PLAN}`);
      assert.ok(planActivities.length > 5);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    for (const lang of ['en', 'fr'] as const) {
      it(`writes a plan's activities as CSV with headers, names and text in ${lang}`, async () => {
        const res = await download(`/api/v1/exports/activities?plan=${PLAN}&format=csv&lang=${lang}`);
        assert.equal(res.status, 200);
        assert.match(res.type, /^text\/csv; charset=utf-8/);
        assert.match(
          res.disposition,
          new RegExp(`attachment; filename="actionline-activities-${PLAN}-${lang}-.*\\.csv"`),
        );
        assert.deepEqual([...res.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
        const [header, ...rows] = csvRows(res.body);
        assert.deepEqual(
          header,
          ACTIVITY_EXPORT_COLUMNS.map((c) => ACTIVITY_EXPORT_HEADERS[c][lang]),
        );
        assert.equal(rows.length, planActivities.length, 'every activity of the plan, every page');
        const col = (name: (typeof ACTIVITY_EXPORT_COLUMNS)[number]) => ACTIVITY_EXPORT_COLUMNS.indexOf(name);
        const byId = new Map(planActivities.map((a) => [a.id, a]));
        for (const row of rows) {
          const a = byId.get(row[col('id')]!);
          assert.ok(a, `row ${row[col('id')]} is an activity of the plan`);
          const title = resolveText(a.title, lang)!;
          assert.equal(row[col('title')], title.text);
          assert.equal(row[col('titleLanguage')], title.lang);
          assert.equal(row[col('status')], a.status);
          assert.equal(row[col('statusName')], VOCABULARY_NAMES[lang].activityStatus[a.status]);
          assert.equal(row[col('typeName')], VOCABULARY_NAMES[lang].activityType[a.type]);
          assert.equal(row[col('countries')], a.countries.join('; '));
          assert.equal(row[col('url')], `${server.baseUrl}/${lang}/activities/${a.id}`);
        }
        if (lang === 'fr') {
          const thai = rows.find((r) => r[col('countries')]!.split('; ').includes('TH'));
          assert.ok(thai?.[col('countryNames')]!.includes('Thaïlande'), 'country names in French');
        }
      });
    }

    it('writes the columns asked for, in the order asked for, and names a wrong column', async () => {
      const res = await download(`/api/v1/exports/activities?plan=${PLAN}&columns=statusName,title,id&lang=fr`);
      assert.equal(res.status, 200);
      const [header, first] = csvRows(res.body);
      assert.deepEqual(header, ['État', 'Titre', 'Identifiant ActionLine']);
      assert.equal(first!.length, 3);

      const bad = await fetch(`${server.baseUrl}/api/v1/exports/activities?columns=title,budget`);
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = (await bad.json()) as Problem;
      assert.equal(problem.errors?.[0]?.name, 'columns');
      assert.match(problem.errors?.[0]?.reason ?? '', /Use column names among: id, iatiIdentifier/);
    });

    it('refuses an unknown plan with a problem, before any file starts', async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/exports/activities?plan=no-such-plan&format=xlsx`);
      assert.equal(res.status, 400);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = (await res.json()) as Problem;
      assert.equal(problem.errors?.[0]?.name, 'plan');
    });

    it('gives the public published activities only, and staff their drafts too, never cached publicly', async () => {
      const query = `/api/v1/exports/activities?q=${encodeURIComponent('Draft export check')}&columns=id,workflowState`;
      const pub = await download(query);
      assert.equal(pub.status, 200);
      assert.equal(csvRows(pub.body).length, 1, 'the public file has the header only');
      assert.match(pub.cache, /^public/);
      const staff = await download(query, editor);
      assert.equal(staff.status, 200);
      assert.deepEqual(csvRows(staff.body).slice(1), [[draft.id, 'draft']]);
      assert.match(staff.cache, /private, no-store/);
    });

    it('writes the funding lines as XLSX with amounts as numbers and an About sheet in French', async () => {
      const json = await download(`/api/v1/exports/activities?plan=${PLAN}&format=json`);
      assert.equal(json.status, 200);
      const details = (JSON.parse(json.body.toString('utf8')) as { items: ActivityDetail[] }).items;
      const lines = details.flatMap((a) => a.funding.map((f) => ({ a, f })));
      assert.ok(lines.length > 0);

      const res = await download(`/api/v1/exports/funding-lines?plan=${PLAN}&format=xlsx&lang=fr`);
      assert.equal(res.status, 200);
      assert.equal(res.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Lignes de financement');
      assert.ok(sheet, 'the French sheet name');
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(
        header,
        Object.values(FUNDING_EXPORT_HEADERS).map((h) => h.fr),
      );
      assert.equal(sheet.actualRowCount - 1, lines.length, 'one row per funding line');
      const keys = Object.keys(FUNDING_EXPORT_HEADERS);
      const at = (row: number, key: string) => sheet.getRow(row).getCell(keys.indexOf(key) + 1).value;
      for (let i = 0; i < lines.length; i++) {
        const { a, f } = lines[i]!;
        assert.equal(at(i + 2, 'activityId'), a.id);
        assert.equal(typeof at(i + 2, 'amount'), 'number');
        assert.equal(at(i + 2, 'amount'), Number(f.amount));
        assert.equal(at(i + 2, 'currency'), f.currency);
        assert.equal(at(i + 2, 'typeName'), VOCABULARY_NAMES.fr.fundingType[f.type]);
      }
      const about = wb.getWorksheet('À propos');
      assert.ok(about);
      const facts = new Map<string, string>();
      about.eachRow((row) => facts.set(row.getCell(1).text, row.getCell(2).text));
      assert.equal(facts.get('Langue'), 'Français');
      assert.equal(facts.get('Sélection'), `plan=${PLAN}`);
      assert.equal(facts.get('Enregistrements'), 'activités publiées seulement');
    });

    it('reads a whole selection batch after batch in the order of the list, for every sort', async () => {
      for (const sort of ACTIVITY_SORTS) {
        const list = await server.get<Page<ActivitySummary>>(`/api/v1/activities?sort=${sort}&pageSize=100`);
        assert.ok(list.body.total > 14 && list.body.total <= 100);
        const batches = await server.core.activities.selectDetails(
          activitySelectionSchema.parse({ sort }),
          'public',
          null,
          7,
        );
        const read: string[] = [];
        for await (const batch of batches) {
          assert.ok(batch.length <= 7);
          read.push(...batch.map((a) => a.id));
        }
        assert.deepEqual(
          read,
          list.body.items.map((a) => a.id),
          sort,
        );
      }
    });

    it('writes JSON records equal to the API’s, every page', async () => {
      const res = await download(`/api/v1/exports/activities?plan=${PLAN}&format=json&sort=title`);
      assert.equal(res.status, 200);
      const body = JSON.parse(res.body.toString('utf8')) as { lang: Language; items: ActivityDetail[] };
      assert.equal(body.items.length, planActivities.length);
      const one = body.items[0]!;
      const api = await server.get<ActivityDetail>(`/api/v1/activities/${one.id}`);
      assert.deepEqual(one, api.body);
    });

    for (const lang of ['en', 'fr'] as const) {
      it(`writes IATI 2.03 XML in ${lang} that the official schema accepts, one activity per record`, async () => {
        const res = await download(`/api/v1/exports/activities?plan=${PLAN}&format=iati&lang=${lang}`);
        assert.equal(res.status, 200);
        assert.match(res.type, /^application\/xml/);
        const xml = res.body.toString('utf8');
        const result = await validateIatiActivities(xml);
        assert.deepEqual(result.errors, []);
        assert.equal(result.valid, true);
        const activities = xml.match(/<iati-activity[\s>]/g) ?? [];
        assert.equal(activities.length, planActivities.length);
        const openings = xml.match(/<iati-activity [^>]*>/g) ?? [];
        assert.ok(
          openings.every((o) => o.includes(`xml:lang="${lang}"`)),
          'each activity names the chosen language',
        );
        const narratives = xml.match(/<narrative[^>]*>/g) ?? [];
        assert.ok(narratives.length > activities.length);
        assert.ok(
          narratives.every((n) => /xml:lang="(en|fr)"/.test(n)),
          'every narrative carries xml:lang',
        );
        // Plan links travel as tags of the reporting organisation's vocabulary, naming the plan.
        const tags = xml.match(/<tag [^>]*>/g) ?? [];
        assert.ok(tags.length >= activities.length);
        assert.ok(tags.every((t) => t.includes('vocabulary="99"')));
        assert.ok(tags.some((t) => t.includes(`/api/v1/plans/${PLAN}"`)));
        // The first title narrative is in the chosen language whenever the activity has one.
        const titled = planActivities.filter((a) => a.title[lang]);
        for (const a of titled.slice(0, 5)) {
          const at = xml.indexOf(`actionline:id="${a.id}"`);
          assert.ok(at > 0, `activity ${a.id} is in the file`);
          const title = xml.slice(xml.indexOf('<title>', at), xml.indexOf('</title>', at));
          assert.match(title, new RegExp(`^<title>\\s*<narrative xml:lang="${lang}">`));
        }
      });
    }

    it('writes one activity as IATI XML', async () => {
      const one = planActivities[0]!;
      const res = await download(`/api/v1/exports/activities?id=${one.id}&format=iati&lang=fr`);
      assert.equal(res.status, 200);
      assert.match(res.disposition, new RegExp(`actionline-activities-${one.id}-fr-`));
      const xml = res.body.toString('utf8');
      assert.equal((xml.match(/<iati-activity[\s>]/g) ?? []).length, 1);
      assert.equal((await validateIatiActivities(xml)).valid, true);
    });
  });
}
