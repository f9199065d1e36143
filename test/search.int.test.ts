import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ActivityDetail,
  OrganisationDetail,
  PlanDetail,
  Problem,
  SearchHit,
  SearchResults,
} from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/** The marked words of a hit's title and snippets. */
const marked = (hit: SearchHit) =>
  [...hit.titleRuns, ...hit.snippets.flatMap((s) => s.runs)].filter((r) => r.match).map((r) => r.text);

/**
 * A small hand-made corpus, created through the API on the seeded database, in English and French
 * with accents: its words appear nowhere in the seed, so every count below is the corpus's own.
 */
for (const target of DATABASES) {
  describe(`search on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let admin: Client;
    let publicClient: Client;
    let reviewers: Client[];
    const ids: Record<string, string> = {};
    const versions: Record<string, number> = {};

    const search = async (client: Client, query: string) => {
      const res = await client.get<SearchResults>(`/api/v1/search?${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const hitIds = (r: SearchResults): (string | undefined)[] => r.items.map((h) => h.id);

    const activity = (over: Partial<ActivityInputDraft>): ActivityInputDraft => ({
      title: { en: 'Untitled', fr: null },
      type: 'project',
      status: 'ongoing',
      plannedStart: '2021-01',
      plannedEnd: '2022-12',
      countries: ['VN'],
      participants: [{ organisationId: ids.org!, role: 'implementer' }],
      ...over,
    });

    const create = async (key: string, input: ActivityInputDraft, publish = true) => {
      const res = await editor.request<ActivityDetail>('POST', '/api/v1/activities', input);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      let a = res.body;
      if (publish) {
        const step = async (c: Client, action: string) => {
          const r = await c.request<ActivityDetail>('POST', `/api/v1/activities/${a.id}/${action}`, undefined, {
            'if-match': `"${a.version}"`,
          });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          a = r.body;
        };
        await step(editor, 'submit');
        for (const r of reviewers) if (a.workflowState !== 'published') await step(r, 'approve');
        assert.equal(a.workflowState, 'published');
      }
      ids[key] = a.id;
      versions[key] = a.version;
    };

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'asean');
      admin = await signedIn(server, 'admin', 'canada');
      publicClient = new Client(server);
      reviewers = [await signedIn(server, 'reviewer', 'asean'), await signedIn(server, 'reviewer', 'canada')];

      const org = await editor.request<OrganisationDetail>('POST', '/api/v1/organisations', {
        name: { en: 'Quillfeather Foundation', fr: 'Fondation Quillfeather' },
        acronym: 'QFF',
        type: 'foundation',
      });
      assert.equal(org.status, 201, JSON.stringify(org.body));
      ids.org = org.body.id;
      versions.org = org.body.version;

      const plan = (await publicClient.get<PlanDetail>('/api/v1/plans/asean-canada-2010-2015')).body;
      const pillar = plan.framework.find((p) => p.code === '3')!;
      ids.pillar = pillar.id;
      ids.plan = plan.id;
      const node = await admin.request<{ id: string }>('POST', '/api/v1/plans/asean-canada-2010-2015/nodes', {
        parentId: pillar.id,
        code: '3.99',
        kind: 'area',
        title: { en: 'Coral Reef Stewardship', fr: 'Gestion des récifs coralliens' },
      });
      assert.equal(node.status, 201, JSON.stringify(node.body));
      ids.node = node.body.id;

      await create(
        'fish',
        activity({
          title: { en: 'Zebrafish Workshops for Women Entrepreneurs', fr: 'Ateliers zébrafish pour les femmes' },
          summary: {
            en: 'Coastal mangrove restoration in Việt Nam’s Quảng Ninh province.',
            fr: 'Restauration des mangroves côtières dans la province de Quảng Ninh, au Viêt Nam.',
          },
          description: { en: null, fr: 'Développement de la pisciculture durable.' },
          type: 'training',
          links: [{ nodeId: ids.node }],
        }),
      );
      await create(
        'title',
        activity({
          title: { en: 'Xylophone Ensembles for Schools', fr: null },
          status: 'completed',
          plannedStart: '2015-02',
          plannedEnd: '2016-06',
          countries: ['TH'],
        }),
      );
      await create(
        'body',
        activity({
          title: { en: 'Music Teacher Exchange', fr: null },
          description: {
            en: 'Teachers bring instruments home, among them a xylophone, drums and flutes.',
            fr: null,
          },
          status: 'completed',
          plannedStart: '2016-01',
          plannedEnd: '2016-12',
          countries: ['TH'],
        }),
      );
      await create('draft', activity({ title: { en: 'Nebulosity Mapping Draft', fr: null } }), false);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('matches accents, case and word beginnings alike, and marks the matching words', async () => {
      for (const q of [
        'zebrafish',
        'ZÉBRAFISH',
        'zebraf',
        'quang ninh',
        'Quảng',
        'viet nam',
        'Việt Nam',
        'zebrafish work',
      ]) {
        const r = await search(publicClient, `q=${encodeURIComponent(q)}`);
        assert.ok(hitIds(r).includes(ids.fish), `${q} finds the activity`);
      }
      const r = await search(publicClient, 'q=zebraf%20work');
      assert.equal(r.total, 1);
      assert.deepEqual(r.items[0]!.titleRuns, [
        { text: 'Zebrafish', match: true },
        { text: ' ', match: false },
        { text: 'Workshops', match: true },
        { text: ' for Women Entrepreneurs', match: false },
      ]);
      const accents = await search(publicClient, 'q=viet%20nam%20quang');
      assert.deepEqual(marked(accents.items[0]!).slice(0, 3), ['Việt', 'Nam', 'Quảng']);
    });

    it('searches French text, preferring the asked language and saying when a text falls back', async () => {
      const fr = await search(publicClient, `q=${encodeURIComponent('développement pisciculture')}&lang=fr`);
      assert.deepEqual(hitIds(fr), [ids.fish]);
      assert.deepEqual(fr.items[0]!.snippets[0]!.field, 'description');
      assert.equal(fr.items[0]!.snippets[0]!.lang, 'fr');
      assert.equal(fr.items[0]!.snippets[0]!.fallback, false);
      const en = await search(publicClient, 'q=developpement&lang=en');
      assert.deepEqual(
        hitIds(en).filter((id) => id === ids.fish),
        [ids.fish],
      );
      const snippet = en.items.find((h) => h.id === ids.fish)!.snippets[0]!;
      assert.deepEqual([snippet.lang, snippet.fallback], ['fr', true]);
      assert.deepEqual(
        snippet.runs.filter((r) => r.match).map((r) => r.text),
        ['Développement'],
      );
      const title = await search(publicClient, 'q=ateliers%20zebrafish&lang=fr');
      assert.equal(title.items[0]!.titleRuns.map((r) => r.text).join(''), 'Ateliers zébrafish pour les femmes');
    });

    it('ranks a title match above a description-only match', async () => {
      const r = await search(publicClient, 'q=xylophone');
      assert.deepEqual(hitIds(r), [ids.title, ids.body]);
      assert.ok(r.items[0]!.score > r.items[1]!.score);
      assert.equal(r.items[1]!.snippets[0]!.field, 'description');
    });

    it('corrects a misspelt word to the closest indexed word, and leaves known beginnings alone', async () => {
      const typo = await search(publicClient, 'q=zebrafsh');
      assert.deepEqual(typo.corrections, [{ from: 'zebrafsh', to: 'zebrafish' }]);
      assert.deepEqual(hitIds(typo), [ids.fish]);
      const two = await search(publicClient, 'q=womn%20mangorve');
      assert.deepEqual(two.corrections, [
        { from: 'womn', to: 'women' },
        { from: 'mangorve', to: 'mangrove' },
      ]);
      assert.ok(hitIds(two).includes(ids.fish));
      const prefix = await search(publicClient, 'q=mangrov');
      assert.deepEqual(prefix.corrections, []);
      assert.deepEqual(hitIds(prefix), [ids.fish]);
      const nothing = await search(publicClient, 'q=qqqqqqqqqq');
      assert.deepEqual([nothing.total, nothing.corrections], [0, []]);
    });

    it('finds activities by a partner name and by an area name, and the organisation and the node themselves', async () => {
      const partner = await search(publicClient, 'q=quillfeather');
      const byKind = (r: SearchResults, kind: string) => r.items.filter((h) => h.kind === kind).map((h) => h.id);
      assert.deepEqual(byKind(partner, 'organisation'), [ids.org]);
      assert.deepEqual(byKind(partner, 'activity').sort(), [ids.fish, ids.title, ids.body].sort());
      assert.equal(partner.items[0]!.kind, 'organisation', 'the name in the title ranks first');
      assert.deepEqual(partner.items[0]!.organisation, { acronym: 'QFF', type: 'foundation' });
      const acronym = await search(publicClient, 'q=qff&kind=activity');
      assert.equal(acronym.total, 3);

      const area = await search(publicClient, 'q=coral%20reef%20stewardship');
      assert.deepEqual(byKind(area, 'node'), [ids.node]);
      assert.deepEqual(byKind(area, 'activity'), [ids.fish]);
      const node = area.items.find((h) => h.kind === 'node')!;
      assert.equal(node.node?.code, '3.99');
      assert.equal(node.node?.plan.slug, 'asean-canada-2010-2015');
      const fr = await search(publicClient, 'q=recifs%20coralliens&lang=fr');
      assert.equal(fr.total, 2);
      const snippet = fr.items.find((h) => h.kind === 'activity')!.snippets.find((s) => s.field === 'areas')!;
      assert.equal(snippet.lang, 'fr');
    });

    it('counts facets among the hits, each under the other facets’ choices, with labels', async () => {
      const all = await search(publicClient, 'q=quillfeather');
      const counts = (values: { value: string; count: number }[]) =>
        Object.fromEntries(values.map((v) => [v.value, v.count]));
      assert.deepEqual(counts(all.facets.kind), { activity: 3, organisation: 1 });
      assert.deepEqual(counts(all.facets.status), { completed: 2, ongoing: 1 });
      assert.deepEqual(counts(all.facets.country), { TH: 2, VN: 1 });
      assert.deepEqual(counts(all.facets.partner), { [ids.org!]: 3 });
      assert.equal(all.facets.partner[0]!.label?.en, 'Quillfeather Foundation');
      assert.deepEqual(counts(all.facets.area), { [ids.node!]: 1 });
      assert.equal(all.facets.area[0]!.label?.fr, '3.99 Gestion des récifs coralliens');
      assert.deepEqual(counts(all.facets.pillar), { [ids.pillar!]: 1 });
      assert.deepEqual(counts(all.facets.plan), { [ids.plan!]: 1 });
      assert.deepEqual(counts(all.facets.year), { '2015': 1, '2016': 2, '2021': 1, '2022': 1 });

      const chosen = await search(publicClient, 'q=quillfeather&status=completed');
      assert.equal(chosen.total, 2);
      assert.deepEqual(counts(chosen.facets.status), { completed: 2, ongoing: 1 }, 'its own choice left out');
      assert.deepEqual(counts(chosen.facets.kind), { activity: 2 });
      assert.deepEqual(counts(chosen.facets.country), { TH: 2 });
      assert.deepEqual(counts(chosen.facets.year), { '2015': 1, '2016': 2 });

      const year = await search(publicClient, 'q=quillfeather&year=2016&country=TH,VN');
      assert.deepEqual(hitIds(year).sort(), [ids.title, ids.body].sort());
      assert.deepEqual(counts(year.facets.country), { TH: 2 });

      const two = await search(publicClient, 'q=quillfeather&kind=activity&status=completed');
      assert.equal(two.total, 2);
      assert.deepEqual(counts(two.facets.kind), { activity: 2 }, 'kind under the status chosen');
      assert.deepEqual(counts(two.facets.status), { completed: 2, ongoing: 1 }, 'status under the kind chosen');
      assert.deepEqual(counts(two.facets.country), { TH: 2 }, 'the others under both');

      // Every visible document (counted by reading the facets in order rather than document by document).
      const every = await search(publicClient, 'pageSize=1');
      const sum = (values: { count: number }[]) => values.reduce((n, v) => n + v.count, 0);
      assert.equal(sum(every.facets.kind), every.total);
      const activities = every.facets.kind.find((k) => k.value === 'activity')!.count;
      assert.equal(sum(every.facets.status), activities, 'one status per activity');

      const followsQuery = await search(publicClient, 'q=xylophone');
      assert.deepEqual(counts(followsQuery.facets.status), { completed: 2 });

      const browse = await search(publicClient, `partner=${ids.org}&pageSize=2`);
      assert.equal(browse.total, 3);
      assert.deepEqual(hitIds(browse), [ids.fish, ids.body], 'without words, the latest start first');
      const page2 = await search(publicClient, `partner=${ids.org}&pageSize=2&page=2`);
      assert.deepEqual(hitIds(page2), [ids.title]);
    });

    it('shows drafts to staff only', async () => {
      assert.equal((await search(publicClient, 'q=nebulosity')).total, 0);
      assert.deepEqual(hitIds(await search(editor, 'q=nebulosity')), [ids.draft]);
      const typo = await search(publicClient, 'q=nebulosty');
      assert.deepEqual(typo.corrections, [], 'no correction to a word only drafts hold');
    });

    it('follows an update, a trash and a restore, and an organisation’s new name', async () => {
      const current = (await editor.get<ActivityDetail>(`/api/v1/activities/${ids.title}`)).body;
      const updated = await editor.request<ActivityDetail>(
        'PUT',
        `/api/v1/activities/${ids.title}`,
        activity({
          title: { en: 'Marimba Ensembles for Schools', fr: null },
          status: 'completed',
          plannedStart: '2015-02',
          plannedEnd: '2016-06',
          countries: ['TH'],
        }),
        { 'if-match': `"${current.version}"` },
      );
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.deepEqual(hitIds(await search(editor, 'q=marimba')), [ids.title]);
      assert.deepEqual(hitIds(await search(editor, 'q=xylophone')), [ids.body]);

      const fish = (await editor.get<ActivityDetail>(`/api/v1/activities/${ids.fish}`)).body;
      const del = await editor.request('DELETE', `/api/v1/activities/${ids.fish}`, undefined, {
        'if-match': `"${fish.version}"`,
      });
      assert.equal(del.status, 204);
      assert.equal((await search(publicClient, 'q=zebrafish')).total, 0);
      assert.equal((await search(editor, 'q=zebrafish')).total, 0, 'the trash is not searched');
      const restored = await admin.request('POST', `/api/v1/trash/activities/${ids.fish}/restore`);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.deepEqual(hitIds(await search(publicClient, 'q=zebrafish')), [ids.fish]);

      const org = (await editor.get<OrganisationDetail>(`/api/v1/organisations/${ids.org}`)).body;
      const renamed = await editor.request(
        'PUT',
        `/api/v1/organisations/${ids.org}`,
        { name: { en: 'Bramblewood Trust', fr: null }, acronym: 'BWT', type: 'foundation' },
        { 'if-match': `"${org.version}"` },
      );
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      const byNewName = await search(publicClient, 'q=bramblewood&kind=activity');
      assert.equal(byNewName.total, 3);
      assert.deepEqual(
        byNewName.items.find((h) => h.id === ids.fish)!.snippets.find((s) => s.field === 'partners')?.runs,
        [
          { text: 'Bramblewood', match: true },
          { text: ' Trust (BWT)', match: false },
        ],
      );
      assert.equal((await search(publicClient, 'q=quillfeather&kind=activity')).total, 0);
    });

    it('reads any text safely and names a bad parameter', async () => {
      for (const q of ['"', '*', ':', '&', '(', 'NEAR', 'OR', '" OR (a NEAR b) *:&|!\\\'', '-', '^x']) {
        const res = await publicClient.get<SearchResults>(`/api/v1/search?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
      }
      const bad = await publicClient.get<Problem>('/api/v1/search?q=x&pageSize=500&kind=plan&colour=red');
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.deepEqual(bad.body.errors!.map((e) => e.name).sort(), ['colour', 'kind', 'pageSize']);
      const badMore = await publicClient.get<Problem>('/api/v1/search?q=x&more=partner,colour');
      assert.equal(badMore.status, 400);
      assert.match(badMore.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.deepEqual(
        badMore.body.errors!.map((e) => e.name),
        ['more'],
      );
      const first = await publicClient.get<SearchResults>('/api/v1/search?q=marimba');
      const etag = first.headers.get('etag');
      assert.ok(etag);
      const again = await publicClient.request('GET', '/api/v1/search?q=marimba', undefined, { 'if-none-match': etag });
      assert.equal(again.status, 304);
    });

    it('lists the 10 most frequent values per facet with each facet’s total, more on demand, and the chosen ones', async () => {
      // Two activities over many years: 2001–2004 twice, 2005–2020 once, so the year facet has 20 values.
      const almanac = async (key: string, start: string, end: string) =>
        create(
          key,
          activity({ title: { en: `Octarine Almanac ${key}`, fr: null }, plannedStart: start, plannedEnd: end }),
        );
      await almanac('long', '2001-01', '2020-12');
      await almanac('short', '2001-01', '2004-12');
      const years = (r: SearchResults) => r.facets.year.map((v) => v.value);

      const first = await search(publicClient, 'q=octarine');
      assert.equal(first.total, 2);
      assert.equal(first.facetTotals.year, 20, 'the total counts every value');
      assert.equal(first.facets.year.length, 10, 'ten values by default');
      assert.deepEqual(years(first), ['2001', '2002', '2003', '2004', '2005', '2006', '2007', '2008', '2009', '2010']);
      assert.deepEqual(
        first.facets.year.slice(0, 5).map((v) => v.count),
        [2, 2, 2, 2, 1],
        'most frequent first',
      );
      assert.equal(first.facetTotals.status, first.facets.status.length);
      assert.equal(first.facetTotals.kind, 1);

      const more = await search(publicClient, 'q=octarine&more=year');
      assert.equal(more.facetTotals.year, 20);
      assert.equal(more.facets.year.length, 20, 'every value when asked for more');
      assert.deepEqual(more.facets.status, first.facets.status, 'the other facets as before');
      assert.deepEqual(more.items, first.items);

      const chosen = await search(publicClient, 'q=octarine&year=2019');
      assert.equal(chosen.total, 1);
      assert.equal(chosen.facets.year.length, 11, 'the chosen value besides the first ten');
      assert.deepEqual(chosen.facets.year.at(-1), { value: '2019', count: 1 });
      assert.equal(chosen.facetTotals.year, 20, 'its own choice left out of its counts');

      const repeated = await search(publicClient, 'q=octarine&more=year,status&more=year');
      assert.equal(repeated.facets.year.length, 20);
    });
  });
}
