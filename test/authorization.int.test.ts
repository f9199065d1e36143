import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityInput } from '../src/shared/schemas/activity.schema';
import { planInputSchema } from '../src/shared/schemas/plan.schema';
import { ROLES, type Role } from '../src/shared/vocab';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

type Who = 'public' | Role;
const WHO: Who[] = ['public', ...ROLES];

interface Case {
  method: string;
  route: string;
  /** The least role allowed. */
  least: Role;
  /** Builds the concrete path and body; runs before each attempt, so destructive routes get fresh records. */
  prepare: () => Promise<{ path: string; body?: unknown; version?: number }>;
}

const INPUT: ActivityInput = {
  iatiIdentifier: null,
  title: { en: 'Matrix activity', fr: null },
  summary: { en: null, fr: null },
  description: { en: null, fr: null },
  type: 'dialogue',
  status: 'planned',
  plannedStart: '2027',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  countries: [],
  regional: true,
  otherRecipients: [],
  reportingOrganisationId: null,
  sectors: [],
  results: [],
  otherLanguageTexts: [],
  participants: [],
  funding: [],
  links: [],
  sources: [],
};

for (const target of DATABASES) {
  describe(`authorization of every write route on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const clients = new Map<Who, Client>();

    const freshActivity = async (state: 'draft' | 'submitted' = 'draft') => {
      const owner = await server.core.auth.createUser(null, {
        email: `owner-${Math.random().toString(36).slice(2)}@example.org`,
        displayName: 'Owner',
        role: 'editor',
        side: 'partner',
      });
      const actor = { ...owner, organisationId: null };
      const a = await server.core.activityWrites.create(actor, INPUT);
      if (state === 'submitted') await server.core.activityWrites.submit(actor, a.id, a.version);
      return a;
    };
    const deletedActivity = async () => {
      const a = await freshActivity();
      const admin = await server.core.auth.createUser(null, {
        email: `admin-${Math.random().toString(36).slice(2)}@example.org`,
        displayName: 'Admin',
        role: 'admin',
        side: 'asean',
      });
      await server.core.activityWrites.delete(admin, a.id, a.version);
      return a;
    };

    const freshOrganisation = async () => {
      const owner = await server.core.auth.createUser(null, {
        email: `org-${Math.random().toString(36).slice(2)}@example.org`,
        displayName: 'Org owner',
        role: 'editor',
        side: 'partner',
      });
      return server.core.organisationWrites.create(owner, {
        name: { en: `Org ${Math.random().toString(36).slice(2)}`, fr: null },
        acronym: null,
        type: 'other',
        country: null,
        iatiIdentifier: null,
        website: null,
        description: { en: null, fr: null },
        formerNames: [],
      });
    };

    let planAdmin: Awaited<ReturnType<typeof server.core.auth.createUser>>;
    const freshNode = async (retired: boolean) => {
      let node = await server.core.frameworkWrites.createNode(planAdmin, 'matrix-plan', {
        parentId: null,
        code: `8.${Math.floor(Math.random() * 1e6)}`,
        kind: 'area',
        title: { en: 'Node', fr: null },
        description: { en: null, fr: null },
        position: null,
      });
      if (retired) node = await server.core.frameworkWrites.setNodeStatus(planAdmin, node.id, node.version, 'retired');
      return node;
    };

    /** A mapping from a fresh node of matrix-plan to a fresh node of its successor, matrix-next. */
    const freshCrosswalkPair = async () => {
      const from = await freshNode(false);
      const to = await server.core.frameworkWrites.createNode(planAdmin, 'matrix-next', {
        parentId: null,
        code: `9.${Math.floor(Math.random() * 1e6)}`,
        kind: 'area',
        title: { en: 'Successor node', fr: null },
        description: { en: null, fr: null },
        position: null,
      });
      return { fromNodeId: from.id, toNodeId: to.id };
    };
    const freshCrosswalkEntry = async () =>
      server.core.crosswalks.createEntry(planAdmin, 'matrix-plan', 'matrix-next', {
        ...(await freshCrosswalkPair()),
        note: null,
      });

    /** A (currency, year) with no rate yet: each attempt gets its own. */
    let rateYear = 1990;
    const freshRateKey = () => ({ currency: 'USD', year: rateYear++ });
    const RATE = { cadPerUnit: '1.25', source: 'Matrix source', note: null };

    const CASES: Case[] = [
      {
        method: 'POST',
        route: '/api/v1/activities',
        least: 'editor',
        prepare: async () => ({ path: '/api/v1/activities', body: INPUT }),
      },
      {
        method: 'PUT',
        route: '/api/v1/activities/:id',
        least: 'editor',
        prepare: async () => {
          const a = await freshActivity();
          return { path: `/api/v1/activities/${a.id}`, body: INPUT, version: a.version };
        },
      },
      {
        method: 'DELETE',
        route: '/api/v1/activities/:id',
        least: 'editor',
        prepare: async () => {
          const a = await freshActivity();
          return { path: `/api/v1/activities/${a.id}`, version: a.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/activities/:id/history/:version/restore',
        least: 'editor',
        prepare: async () => {
          const a = await freshActivity();
          return { path: `/api/v1/activities/${a.id}/history/1/restore`, version: a.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/activities/:id/submit',
        least: 'editor',
        prepare: async () => {
          const a = await freshActivity();
          return { path: `/api/v1/activities/${a.id}/submit`, version: a.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/activities/:id/approve',
        least: 'reviewer',
        prepare: async () => {
          const a = await freshActivity('submitted');
          return { path: `/api/v1/activities/${a.id}/approve`, body: {}, version: a.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/activities/:id/return',
        least: 'reviewer',
        prepare: async () => {
          const a = await freshActivity('submitted');
          return { path: `/api/v1/activities/${a.id}/return`, body: { comment: 'Please revise.' }, version: a.version };
        },
      },
      {
        // Writes nothing, but sends a body: asked by editors and above only.
        method: 'POST',
        route: '/api/v1/link-suggestions',
        least: 'editor',
        prepare: async () => ({
          path: '/api/v1/link-suggestions',
          body: { title: { en: 'Trade facilitation', fr: null } },
        }),
      },
      {
        method: 'PUT',
        route: '/api/v1/activities/:id/link-rejections/:nodeId',
        least: 'editor',
        prepare: async () => {
          const [a, node] = await Promise.all([freshActivity(), freshNode(false)]);
          return { path: `/api/v1/activities/${a.id}/link-rejections/${node.id}` };
        },
      },
      {
        method: 'DELETE',
        route: '/api/v1/activities/:id/link-rejections/:nodeId',
        least: 'editor',
        prepare: async () => {
          const [a, node] = await Promise.all([freshActivity(), freshNode(false)]);
          await server.core.linkSuggestions.reject(planAdmin, a.id, node.id);
          return { path: `/api/v1/activities/${a.id}/link-rejections/${node.id}` };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/trash/activities/:id/restore',
        least: 'admin',
        prepare: async () => ({ path: `/api/v1/trash/activities/${(await deletedActivity()).id}/restore` }),
      },
      {
        method: 'POST',
        route: '/api/v1/users',
        least: 'admin',
        prepare: async () => ({
          path: '/api/v1/users',
          body: {
            email: `u-${Math.random().toString(36).slice(2)}@example.org`,
            displayName: 'U',
            role: 'viewer',
            side: 'asean',
          },
        }),
      },
      {
        method: 'POST',
        route: '/api/v1/users/:id/links',
        least: 'admin',
        prepare: async () => {
          const u = await server.core.auth.createUser(null, {
            email: `l-${Math.random().toString(36).slice(2)}@example.org`,
            displayName: 'L',
            role: 'viewer',
            side: 'asean',
          });
          return { path: `/api/v1/users/${u.id}/links`, body: { kind: 'reset' } };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/auth/tokens',
        least: 'viewer',
        prepare: async () => ({ path: '/api/v1/auth/tokens', body: { name: 'matrix' } }),
      },
      {
        method: 'DELETE',
        route: '/api/v1/auth/tokens/:id',
        least: 'viewer',
        // Revoking someone else's token is "not found": only one's own tokens are addressable.
        prepare: async () => ({ path: '/api/v1/auth/tokens/none' }),
      },
      {
        method: 'POST',
        route: '/api/v1/auth/password',
        least: 'viewer',
        prepare: async () => ({
          path: '/api/v1/auth/password',
          body: { currentPassword: 'wrong password', newPassword: 'a brand new password' },
        }),
      },
      {
        method: 'POST',
        route: '/api/v1/organisations',
        least: 'editor',
        prepare: async () => ({ path: '/api/v1/organisations', body: { name: { en: 'Matrix org' }, type: 'other' } }),
      },
      {
        method: 'PUT',
        route: '/api/v1/organisations/:id',
        least: 'editor',
        prepare: async () => {
          const o = await freshOrganisation();
          return {
            path: `/api/v1/organisations/${o.id}`,
            body: { name: { en: 'Renamed' }, type: 'other' },
            version: o.version,
          };
        },
      },
      {
        method: 'DELETE',
        route: '/api/v1/organisations/:id',
        least: 'editor',
        prepare: async () => {
          const o = await freshOrganisation();
          return { path: `/api/v1/organisations/${o.id}`, version: o.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/organisations/:id/merge',
        least: 'editor',
        prepare: async () => {
          const [dup, keep] = [await freshOrganisation(), await freshOrganisation()];
          return { path: `/api/v1/organisations/${dup.id}/merge`, body: { into: keep.id }, version: dup.version };
        },
      },
      {
        method: 'PUT',
        route: '/api/v1/plans/:idOrSlug',
        least: 'admin',
        prepare: async () => {
          const plan = await server.core.plans.get('matrix-plan', 'staff');
          const body = planInputSchema.parse({
            title: { en: 'Matrix plan' },
            status: 'active',
            periodStart: 2021,
            periodEnd: 2025,
          });
          return { path: '/api/v1/plans/matrix-plan', body, version: plan.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/plans/:idOrSlug/nodes',
        least: 'admin',
        prepare: async () => ({
          path: '/api/v1/plans/matrix-plan/nodes',
          body: { code: `9.${Math.floor(Math.random() * 1e6)}`, kind: 'area', title: { en: 'Matrix area' } },
        }),
      },
      ...(['PUT', 'retire', 'reinstate'] as const).map((op): Case => ({
        method: op === 'PUT' ? 'PUT' : 'POST',
        route: op === 'PUT' ? '/api/v1/framework-nodes/:id' : `/api/v1/framework-nodes/:id/${op}`,
        least: 'admin',
        prepare: async () => {
          const node = await freshNode(op === 'reinstate');
          return op === 'PUT'
            ? {
                path: `/api/v1/framework-nodes/${node.id}`,
                body: { code: node.code, kind: 'area', title: { en: 'Renamed' } },
                version: node.version,
              }
            : { path: `/api/v1/framework-nodes/${node.id}/${op}`, version: node.version };
        },
      })),
      {
        method: 'POST',
        route: '/api/v1/plans/:idOrSlug/history/:version/restore',
        least: 'admin',
        prepare: async () => {
          // Seeded straight into the table, the plan has a history from its first edit on.
          const plan = await server.core.plans.get('matrix-plan', 'staff');
          const edited = await server.core.frameworkWrites.updatePlan(
            planAdmin,
            'matrix-plan',
            plan.version,
            planInputSchema.parse({
              title: { en: 'Matrix plan' },
              status: 'active',
              periodStart: 2021,
              periodEnd: 2025,
            }),
          );
          return {
            path: `/api/v1/plans/matrix-plan/history/${edited.version}/restore`,
            version: edited.version,
          };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/framework-nodes/:id/history/:version/restore',
        least: 'admin',
        prepare: async () => {
          const node = await freshNode(false);
          return { path: `/api/v1/framework-nodes/${node.id}/history/1/restore`, version: node.version };
        },
      },
      {
        method: 'PUT',
        route: '/api/v1/users/:id',
        least: 'admin',
        prepare: async () => {
          const u = await server.core.auth.createUser(null, {
            email: `e-${Math.random().toString(36).slice(2)}@example.org`,
            displayName: 'E',
            role: 'viewer',
            side: 'asean',
          });
          return {
            path: `/api/v1/users/${u.id}`,
            body: { displayName: 'E renamed', role: 'editor', side: 'canada', disabled: true },
            version: u.version,
          };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/organisations/:id/history/:version/restore',
        least: 'editor',
        prepare: async () => {
          const o = await freshOrganisation();
          return { path: `/api/v1/organisations/${o.id}/history/1/restore`, version: o.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/trash/organisations/:id/restore',
        least: 'admin',
        prepare: async () => {
          const o = await freshOrganisation();
          await server.core.organisationWrites.delete(planAdmin, o.id, o.version);
          return { path: `/api/v1/trash/organisations/${o.id}/restore` };
        },
      },
      {
        method: 'PUT',
        route: '/api/v1/exchange-rates/:currency/:year',
        least: 'admin',
        prepare: async () => {
          const { currency, year } = freshRateKey();
          return { path: `/api/v1/exchange-rates/${currency}/${year}`, body: RATE };
        },
      },
      {
        method: 'DELETE',
        route: '/api/v1/exchange-rates/:currency/:year',
        least: 'admin',
        prepare: async () => {
          const key = freshRateKey();
          const { rate } = await server.core.rates.put(planAdmin, key, null, RATE);
          return { path: `/api/v1/exchange-rates/${key.currency}/${key.year}`, version: rate.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/plans/:idOrSlug/snapshots',
        least: 'reviewer',
        prepare: async () => ({
          path: '/api/v1/plans/matrix-plan/snapshots',
          body: { label: 'Matrix snapshot', asOf: '2024-12-31' },
        }),
      },
      {
        method: 'DELETE',
        route: '/api/v1/plans/:idOrSlug/snapshots/:id',
        least: 'admin',
        prepare: async () => {
          const s = await server.core.snapshots.create(planAdmin, 'matrix-plan', {
            label: 'To withdraw',
            note: null,
            asOf: '2024-12-31',
            addressedShare: 0.5,
            currency: 'CAD',
          });
          return { path: `/api/v1/plans/matrix-plan/snapshots/${s.id}`, version: s.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/plans/:from/crosswalk/:to/entries',
        least: 'admin',
        prepare: async () => ({
          path: '/api/v1/plans/matrix-plan/crosswalk/matrix-next/entries',
          body: await freshCrosswalkPair(),
        }),
      },
      {
        method: 'PUT',
        route: '/api/v1/crosswalk-entries/:id',
        least: 'admin',
        prepare: async () => {
          const e = await freshCrosswalkEntry();
          return { path: `/api/v1/crosswalk-entries/${e.id}`, body: { note: 'Matrix note' }, version: e.version };
        },
      },
      {
        method: 'DELETE',
        route: '/api/v1/crosswalk-entries/:id',
        least: 'admin',
        prepare: async () => {
          const e = await freshCrosswalkEntry();
          return { path: `/api/v1/crosswalk-entries/${e.id}`, version: e.version };
        },
      },
      {
        method: 'POST',
        route: '/api/v1/plans/:from/crosswalk/:to/carry-over',
        least: 'editor',
        prepare: async () => ({
          path: '/api/v1/plans/matrix-plan/crosswalk/matrix-next/carry-over',
          body: { dryRun: true },
        }),
      },
      {
        method: 'POST',
        route: '/api/v1/imports/iati',
        least: 'editor',
        prepare: async () => ({
          path: '/api/v1/imports/iati?dryRun=true',
          body: '<iati-activities version="2.03"/>',
        }),
      },
      {
        // A preview of a plan definition file: loading plans is for administrators.
        method: 'POST',
        route: '/api/v1/plan-definitions',
        least: 'admin',
        prepare: async () => ({
          path: '/api/v1/plan-definitions?partnership=matrix&format=csv&dryRun=true',
          body: 'code,kind,title_en',
        }),
      },
      ...(['csv', 'xlsx'] as const).map((format): Case => ({
        method: 'POST',
        route: `/api/v1/imports/${format}`,
        least: 'editor',
        prepare: async () => ({ path: `/api/v1/imports/${format}?dryRun=true`, body: 'id' }),
      })),
      // Reads that only some roles may make.
      {
        method: 'GET',
        route: '/api/v1/exchange-rates/:currency/:year/history',
        least: 'viewer',
        prepare: async () => {
          const key = freshRateKey();
          await server.core.rates.put(planAdmin, key, null, RATE);
          return { path: `/api/v1/exchange-rates/${key.currency}/${key.year}/history` };
        },
      },
      {
        method: 'GET',
        route: '/api/v1/review-queue',
        least: 'reviewer',
        prepare: async () => ({ path: '/api/v1/review-queue' }),
      },
      { method: 'GET', route: '/api/v1/trash', least: 'admin', prepare: async () => ({ path: '/api/v1/trash' }) },
      { method: 'GET', route: '/api/v1/imports', least: 'viewer', prepare: async () => ({ path: '/api/v1/imports' }) },
      { method: 'GET', route: '/api/v1/users', least: 'admin', prepare: async () => ({ path: '/api/v1/users' }) },
      {
        method: 'GET',
        route: '/api/v1/users/:id/history',
        least: 'admin',
        prepare: async () => ({ path: `/api/v1/users/${planAdmin.id}/history` }),
      },
    ];
    /** Writes open to everyone: they establish or end a session. */
    const OPEN = new Set(['POST /api/v1/auth/sign-in', 'POST /api/v1/auth/sign-out', 'POST /api/v1/auth/accept']);

    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { seed: false });
      planAdmin = await server.core.auth.createUser(null, {
        email: 'plan.admin@example.org',
        displayName: 'Plan admin',
        role: 'admin',
        side: 'asean',
      });
      const now = new Date().toISOString();
      await server.db.db
        .insertInto('partnerships')
        .values({
          id: 'p',
          slug: 'matrix',
          name_en: 'Matrix',
          name_fr: null,
          description_en: null,
          description_fr: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await server.db.db
        .insertInto('plans')
        .values({
          id: 'matrix-plan-id',
          partnership_id: 'p',
          slug: 'matrix-plan',
          title_en: 'Matrix plan',
          title_fr: null,
          short_title_en: null,
          short_title_fr: null,
          period_start: 2021,
          period_end: 2025,
          period_note: null,
          adopted_on: null,
          adopted_at_en: null,
          adopted_at_fr: null,
          status: 'active',
          summary_en: null,
          summary_fr: null,
          description_en: null,
          description_fr: null,
          full_text_url: null,
          signoff_sides: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const matrixPlan = await server.db.db
        .selectFrom('plans')
        .selectAll()
        .where('id', '=', 'matrix-plan-id')
        .executeTakeFirstOrThrow();
      await server.db.db
        .insertInto('plans')
        .values({ ...matrixPlan, id: 'matrix-next-id', slug: 'matrix-next', period_start: 2026, period_end: 2030 })
        .execute();
      clients.set('public', new Client(server));
      for (const role of ROLES) clients.set(role, await signedIn(server, role, 'asean'));
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('covers every write route of the application', () => {
      const writes = server.app.routeTable
        .filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.url.startsWith('/api/'))
        .map((r) => `${r.method} ${r.url}`);
      const covered = new Set([...CASES.map((c) => `${c.method} ${c.route}`), ...OPEN]);
      assert.deepEqual(
        writes.filter((w) => !covered.has(w)),
        [],
        'write routes missing from the matrix',
      );
    });

    for (const c of CASES) {
      it(`${c.method} ${c.route}: allowed from ${c.least} up, refused below`, async () => {
        for (const who of WHO) {
          const { path, body, version } = await c.prepare();
          const res = await clients
            .get(who)!
            .request(c.method, path, body, version ? { 'if-match': `"${version}"` } : {});
          const allowed = who !== 'public' && ROLES.indexOf(who) >= ROLES.indexOf(c.least);
          if (who === 'public') assert.equal(res.status, 401, `${who}: ${JSON.stringify(res.body)}`);
          else if (!allowed) assert.equal(res.status, 403, `${who}: ${JSON.stringify(res.body)}`);
          else assert.ok(![401, 403].includes(res.status), `${who} got ${res.status}: ${JSON.stringify(res.body)}`);
        }
      });
    }
  });
}
