/**
 * The OpenAPI 3.1 description of `/api/v1`, generated from the same Zod schemas the routes parse
 * their input with (`z.toJSONSchema`, input side): query parameters, request bodies and their
 * rules cannot drift from what the server accepts. Each operation is listed once below; a test
 * checks that the list and the registered routes are the same.
 */
import { searchQuerySchema } from '../shared/schemas/search.schema';
import { z } from 'zod';
import { activityListQuerySchema, organisationListQuerySchema } from '../shared/schemas/activity-query.schema';
import { activityInputSchema, returnDecisionSchema, reviewDecisionSchema } from '../shared/schemas/activity.schema';
import {
  acceptLinkSchema,
  apiTokenCreateSchema,
  changePasswordSchema,
  signInSchema,
  userCreateSchema,
  userLinkSchema,
  userUpdateSchema,
} from '../shared/schemas/auth.schema';
import { coverageApiQuerySchema } from '../shared/schemas/coverage-query.schema';
import { planDefinitionQuerySchema, planLoadQuerySchema } from '../shared/schemas/plan-definition.schema';
import { linkSuggestionInputSchema, linkSuggestionQuerySchema } from '../shared/schemas/link-suggestion.schema';
import { exchangeRateBodySchema } from '../shared/schemas/exchange-rate.schema';
import { activityExportQuerySchema, fundingExportQuerySchema } from '../shared/schemas/export-query.schema';
import { importListQuerySchema, importOptionsSchema } from '../shared/schemas/import.schema';
import { organisationInputSchema, organisationMergeSchema } from '../shared/schemas/organisation.schema';
import { frameworkNodeInputSchema, planInputSchema, planListQuerySchema } from '../shared/schemas/plan.schema';
import { reportQuerySchema } from '../shared/schemas/report-query.schema';
import { snapshotCompareQuerySchema, snapshotInputSchema } from '../shared/schemas/snapshot.schema';
import {
  carryOverInputSchema,
  crosswalkEntryInputSchema,
  crosswalkEntryUpdateSchema,
  planComparisonQuerySchema,
} from '../shared/schemas/crosswalk.schema';
import { POLICY, type Action } from '../core/policy';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Operation {
  method: Method;
  /** The route as Fastify writes it (`:param`). */
  route: string;
  tag: string;
  summary: string;
  /** Who may call it: the public, any signed-in person, or the least role of a policy action. */
  access: 'public' | 'signed-in' | Action;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A raw file instead of JSON. */
  upload?: string;
  /** Writes that carry the version they were based on (`If-Match`). */
  versioned?: boolean;
  /** What a success answers with, when not JSON. */
  produces?: string[];
  /**
   * Answers that cost real work when not served from the cache: `compute` (search, coverage, filtered lists) or
   * `files` (exports, reports, imports). Each class is rate-limited per caller (`rate-limit.ts`).
   */
  cost?: 'compute' | 'files';
}

const op = (
  method: Method,
  route: string,
  tag: string,
  summary: string,
  access: Operation['access'],
  extra: Partial<Operation> = {},
): Operation => ({ method, route, tag, summary, access, ...extra });

const PLANS = 'Plans and frameworks';
const ACTIVITIES = 'Activities';
const ORGS = 'Organisations';
const MONITORING = 'Monitoring';
const DATA = 'Open data, import and export';
const ACCOUNTS = 'Accounts and sign-in';
const SEARCH = 'Search';

/** Every operation of `/api/v1`. */
export const OPERATIONS: readonly Operation[] = [
  op(
    'GET',
    '/api/v1/partnerships',
    PLANS,
    'Partnerships, each with its plans by period and their activity counts',
    'public',
  ),
  op('GET', '/api/v1/plans', PLANS, "Plans with activity counts, by period; all, or one partnership's", 'public', {
    query: planListQuerySchema,
  }),
  op('GET', '/api/v1/plans/:idOrSlug', PLANS, 'A plan with its framework tree and per-node activity counts', 'public'),
  op('PUT', '/api/v1/plans/:idOrSlug', PLANS, "Edit a plan's details", 'plan:manage', {
    body: planInputSchema,
    versioned: true,
  }),
  op(
    'GET',
    '/api/v1/plans/:idOrSlug/definition',
    PLANS,
    'The plan and its framework as a file: YAML (everything), or the framework as CSV or XLSX (docs/plans.md)',
    'public',
    {
      query: planDefinitionQuerySchema,
      produces: ['application/yaml', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      cost: 'files',
    },
  ),
  op(
    'POST',
    '/api/v1/plan-definitions',
    PLANS,
    'Load (or preview, with dryRun=true) a new plan and its framework from a YAML, CSV or XLSX plan definition sent as the body (docs/plans.md)',
    'plan:manage',
    { query: planLoadQuerySchema, upload: 'application/octet-stream', cost: 'files' },
  ),
  op('GET', '/api/v1/plans/:idOrSlug/history', PLANS, "A plan's change history", 'history:read'),
  op(
    'POST',
    '/api/v1/plans/:idOrSlug/history/:version/restore',
    PLANS,
    'Restore an earlier version of a plan',
    'plan:manage',
    { versioned: true },
  ),
  op('POST', '/api/v1/plans/:idOrSlug/nodes', PLANS, 'Add a pillar, area or action line', 'plan:manage', {
    body: frameworkNodeInputSchema,
  }),
  op('GET', '/api/v1/framework-nodes/:id', PLANS, 'A framework node with its ancestors and children', 'public'),
  op('PUT', '/api/v1/framework-nodes/:id', PLANS, 'Rename, reorder or move a framework node', 'plan:manage', {
    body: frameworkNodeInputSchema,
    versioned: true,
  }),
  op(
    'POST',
    '/api/v1/framework-nodes/:id/retire',
    PLANS,
    'Retire a framework node (it keeps its history and links)',
    'plan:manage',
    { versioned: true },
  ),
  op('POST', '/api/v1/framework-nodes/:id/reinstate', PLANS, 'Bring a retired framework node back', 'plan:manage', {
    versioned: true,
  }),
  op('GET', '/api/v1/framework-nodes/:id/history', PLANS, "A framework node's change history", 'history:read'),
  op(
    'POST',
    '/api/v1/framework-nodes/:id/history/:version/restore',
    PLANS,
    'Restore an earlier version of a framework node',
    'plan:manage',
    { versioned: true },
  ),

  op(
    'GET',
    '/api/v1/plans/:idOrSlug/coverage',
    MONITORING,
    "Coverage of a plan's framework by its activities, with roll-ups, gaps and money (lean by default: ids with include=ids, every partner with partners=all)",
    'public',
    { query: coverageApiQuerySchema, cost: 'compute' },
  ),
  op(
    'GET',
    '/api/v1/plans/:idOrSlug/report',
    MONITORING,
    'The progress report (HTML, PDF, DOCX or XLSX annex)',
    'public',
    {
      query: reportQuerySchema,
      produces: [
        'text/html',
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      cost: 'files',
    },
  ),
  op(
    'GET',
    '/api/v1/plans/:from/crosswalk/:to',
    PLANS,
    "The crosswalk from a plan to its successor: each old node's mappings",
    'public',
  ),
  op(
    'POST',
    '/api/v1/plans/:from/crosswalk/:to/entries',
    PLANS,
    'Map an old node to a node of the new plan, or record it as dropped',
    'plan:manage',
    { body: crosswalkEntryInputSchema },
  ),
  op('PUT', '/api/v1/crosswalk-entries/:id', PLANS, "Change a crosswalk entry's new node or note", 'plan:manage', {
    body: crosswalkEntryUpdateSchema,
    versioned: true,
  }),
  op('DELETE', '/api/v1/crosswalk-entries/:id', PLANS, 'Remove a crosswalk entry', 'plan:manage', {
    versioned: true,
  }),
  op(
    'POST',
    '/api/v1/plans/:from/crosswalk/:to/carry-over',
    PLANS,
    "Carry the old plan's planned and ongoing activities over to the new plan along the crosswalk (or preview it)",
    'activity:update',
    { body: carryOverInputSchema, cost: 'compute' },
  ),
  op(
    'GET',
    '/api/v1/plans/:from/compare/:to',
    MONITORING,
    'Two successive plans side by side along their crosswalk, with coverage figures',
    'public',
    { query: planComparisonQuerySchema, cost: 'compute' },
  ),
  op('GET', '/api/v1/plans/:idOrSlug/snapshots', MONITORING, 'Coverage snapshots of a plan', 'public'),
  op(
    'POST',
    '/api/v1/plans/:idOrSlug/snapshots',
    MONITORING,
    "Freeze the plan's coverage as judged on a date",
    'snapshot:create',
    { body: snapshotInputSchema, cost: 'compute' },
  ),
  op(
    'GET',
    '/api/v1/plans/:idOrSlug/snapshots/compare',
    MONITORING,
    'What moved between two snapshots (or one and today)',
    'public',
    { query: snapshotCompareQuerySchema, cost: 'compute' },
  ),
  op('GET', '/api/v1/plans/:idOrSlug/snapshots/:id', MONITORING, 'One snapshot with its whole coverage', 'public'),
  op('DELETE', '/api/v1/plans/:idOrSlug/snapshots/:id', MONITORING, 'Withdraw a snapshot', 'snapshot:delete', {
    versioned: true,
  }),
  op(
    'GET',
    '/api/v1/exchange-rates',
    MONITORING,
    'The exchange-rates table behind converted totals, with sources',
    'public',
  ),
  op('GET', '/api/v1/exchange-rates/:currency/:year', MONITORING, 'One annual rate', 'public'),
  op('PUT', '/api/v1/exchange-rates/:currency/:year', MONITORING, 'Set or correct an annual rate', 'rates:manage', {
    body: exchangeRateBodySchema,
    versioned: true,
  }),
  op('DELETE', '/api/v1/exchange-rates/:currency/:year', MONITORING, 'Delete an annual rate', 'rates:manage', {
    versioned: true,
  }),
  op('GET', '/api/v1/exchange-rates/:currency/:year/history', MONITORING, "A rate's change history", 'history:read'),

  op('GET', '/api/v1/activities', ACTIVITIES, 'Activities, filtered, sorted and paged', 'public', {
    query: activityListQuerySchema,
    cost: 'compute',
  }),
  op('POST', '/api/v1/activities', ACTIVITIES, 'Record an activity (a draft)', 'activity:create', {
    body: activityInputSchema,
  }),
  op('GET', '/api/v1/activities/:id', ACTIVITIES, 'An activity with partners, funding, links and sources', 'public'),
  op('PUT', '/api/v1/activities/:id', ACTIVITIES, 'Replace an activity', 'activity:update', {
    body: activityInputSchema,
    versioned: true,
  }),
  op('DELETE', '/api/v1/activities/:id', ACTIVITIES, 'Move an activity to the trash', 'activity:delete', {
    versioned: true,
  }),
  op(
    'POST',
    '/api/v1/link-suggestions',
    ACTIVITIES,
    'The framework nodes an activity (saved or not) most likely serves, with the reasons; links nothing',
    'activity:create',
    { body: linkSuggestionInputSchema, cost: 'compute' },
  ),
  op(
    'GET',
    '/api/v1/activities/:id/link-suggestions',
    ACTIVITIES,
    'The framework nodes a stored activity most likely serves, beyond those it is linked to; links nothing',
    'activity:update',
    { query: linkSuggestionQuerySchema, cost: 'compute' },
  ),
  op(
    'GET',
    '/api/v1/activities/:id/link-rejections',
    ACTIVITIES,
    'The suggested links turned down for an activity, newest first',
    'activity:update',
  ),
  op(
    'PUT',
    '/api/v1/activities/:id/link-rejections/:nodeId',
    ACTIVITIES,
    'Turn a suggested node down for an activity: it is not suggested for it again until withdrawn',
    'activity:update',
  ),
  op(
    'DELETE',
    '/api/v1/activities/:id/link-rejections/:nodeId',
    ACTIVITIES,
    'Withdraw a rejection: the node may be suggested for the activity again',
    'activity:update',
  ),
  op('GET', '/api/v1/activities/:id/history', ACTIVITIES, "An activity's change history", 'history:read'),
  op(
    'POST',
    '/api/v1/activities/:id/history/:version/restore',
    ACTIVITIES,
    'Restore an earlier version of an activity',
    'activity:restore-version',
    { versioned: true },
  ),
  op('POST', '/api/v1/activities/:id/submit', ACTIVITIES, 'Submit an activity for review', 'activity:submit', {
    versioned: true,
  }),
  op('POST', '/api/v1/activities/:id/approve', ACTIVITIES, "Approve an activity for one's side", 'activity:review', {
    body: reviewDecisionSchema,
    versioned: true,
  }),
  op(
    'POST',
    '/api/v1/activities/:id/return',
    ACTIVITIES,
    'Return an activity for revision, with a comment',
    'activity:review',
    { body: returnDecisionSchema, versioned: true },
  ),
  op('GET', '/api/v1/review-queue', ACTIVITIES, 'What waits for the reviewer', 'activity:review'),
  op('GET', '/api/v1/trash', ACTIVITIES, 'Activities and organisations in the trash', 'trash:read'),
  op('POST', '/api/v1/trash/activities/:id/restore', ACTIVITIES, 'Restore an activity from the trash', 'trash:restore'),

  op(
    'GET',
    '/api/v1/search',
    SEARCH,
    'Search activities, organisations and framework nodes in English and French, with corrections and facet counts',
    'public',
    { query: searchQuerySchema, cost: 'compute' },
  ),

  op('GET', '/api/v1/organisations', ORGS, 'Organisations with activity counts', 'public', {
    query: organisationListQuerySchema,
    cost: 'compute',
  }),
  op('POST', '/api/v1/organisations', ORGS, 'Record an organisation', 'organisation:create', {
    body: organisationInputSchema,
  }),
  op('GET', '/api/v1/organisations/:id', ORGS, 'An organisation with former names and roles', 'public'),
  op('PUT', '/api/v1/organisations/:id', ORGS, 'Replace an organisation', 'organisation:update', {
    body: organisationInputSchema,
    versioned: true,
  }),
  op('DELETE', '/api/v1/organisations/:id', ORGS, 'Move an organisation to the trash', 'organisation:delete', {
    versioned: true,
  }),
  op(
    'POST',
    '/api/v1/organisations/:id/merge',
    ORGS,
    'Merge a duplicate into another organisation, keeping every link',
    'organisation:merge',
    { body: organisationMergeSchema, versioned: true },
  ),
  op('GET', '/api/v1/organisations/:id/history', ORGS, "An organisation's change history", 'history:read'),
  op(
    'POST',
    '/api/v1/organisations/:id/history/:version/restore',
    ORGS,
    'Restore an earlier version of an organisation',
    'organisation:update',
    { versioned: true },
  ),
  op(
    'POST',
    '/api/v1/trash/organisations/:id/restore',
    ORGS,
    'Restore an organisation from the trash',
    'trash:restore',
  ),

  op(
    'GET',
    '/api/v1/exports/activities',
    DATA,
    'Activities as CSV, XLSX, JSON or IATI 2.03 XML, with the list filters',
    'public',
    {
      query: activityExportQuerySchema,
      produces: [
        'text/csv',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/json',
        'application/xml',
      ],
      cost: 'files',
    },
  ),
  op('GET', '/api/v1/exports/funding-lines', DATA, 'Funding lines as CSV or XLSX', 'public', {
    query: fundingExportQuerySchema,
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    cost: 'files',
  }),
  op(
    'POST',
    '/api/v1/imports/iati',
    DATA,
    'Import (or preview) an IATI activity file sent as the body',
    'activity:create',
    {
      query: importOptionsSchema,
      upload: 'application/xml',
      cost: 'files',
    },
  ),
  op(
    'POST',
    '/api/v1/imports/csv',
    DATA,
    "Import (or preview) a CSV spreadsheet in the export's columns, sent as the body",
    'activity:create',
    {
      query: importOptionsSchema,
      upload: 'text/csv',
      cost: 'files',
    },
  ),
  op(
    'POST',
    '/api/v1/imports/xlsx',
    DATA,
    "Import (or preview) an XLSX spreadsheet in the export's columns, sent as the body",
    'activity:create',
    {
      query: importOptionsSchema,
      upload: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      cost: 'files',
    },
  ),
  op('GET', '/api/v1/imports', DATA, 'The record of imports', 'drafts:read', { query: importListQuerySchema }),
  op('GET', '/api/v1/imports/:id', DATA, "One import's report", 'drafts:read'),

  op(
    'POST',
    '/api/v1/auth/sign-in',
    ACCOUNTS,
    'Sign in: sets the session cookie and answers the CSRF token',
    'public',
    { body: signInSchema },
  ),
  op('POST', '/api/v1/auth/sign-out', ACCOUNTS, 'Sign out', 'public'),
  op('GET', '/api/v1/auth/me', ACCOUNTS, 'The signed-in person and the CSRF token', 'signed-in'),
  op('POST', '/api/v1/auth/password', ACCOUNTS, "Change one's password", 'self:manage', { body: changePasswordSchema }),
  op('POST', '/api/v1/auth/accept', ACCOUNTS, 'Accept an invitation or reset link: choose a password', 'public', {
    body: acceptLinkSchema,
  }),
  op('GET', '/api/v1/auth/tokens', ACCOUNTS, "One's API tokens", 'self:manage'),
  op('POST', '/api/v1/auth/tokens', ACCOUNTS, 'Create an API token (shown once)', 'self:manage', {
    body: apiTokenCreateSchema,
  }),
  op('DELETE', '/api/v1/auth/tokens/:id', ACCOUNTS, 'Revoke an API token', 'self:manage'),
  op('GET', '/api/v1/users', ACCOUNTS, 'Accounts', 'user:manage'),
  op('POST', '/api/v1/users', ACCOUNTS, 'Create an account', 'user:manage', { body: userCreateSchema }),
  op('PUT', '/api/v1/users/:id', ACCOUNTS, 'Edit or disable an account', 'user:manage', {
    body: userUpdateSchema,
    versioned: true,
  }),
  op('GET', '/api/v1/users/:id/history', ACCOUNTS, "An account's change history", 'user:manage'),
  op('POST', '/api/v1/users/:id/links', ACCOUNTS, 'Issue an invitation or password-reset link', 'user:manage', {
    body: userLinkSchema,
  }),
];

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM } },
});

function accessText(access: Operation['access']): string {
  if (access === 'public') return 'Open to everyone (the public sees published records only).';
  if (access === 'signed-in') return 'Needs a signed-in person.';
  return `Needs the role ${POLICY[access]} or above.`;
}

function operationObject(o: Operation): JsonSchema {
  const pathParams = [...o.route.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryShape = o.query ? ((jsonSchema(o.query).properties as Record<string, JsonSchema> | undefined) ?? {}) : {};
  const required = new Set(o.query ? ((jsonSchema(o.query).required as string[] | undefined) ?? []) : []);
  const queryParams = Object.entries(queryShape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name) && !('default' in schema),
    schema,
  }));
  const headers = o.versioned
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The version the change is based on, as its ETag ("3").',
          schema: { type: 'string' },
        },
      ]
    : [];
  const write = o.method !== 'GET';
  const responses: Record<string, unknown> = {
    [o.method === 'POST' && o.body && !o.route.includes('/auth/') ? '201' : o.method === 'DELETE' ? '204' : '200']:
      o.produces
        ? { description: 'The file', content: Object.fromEntries(o.produces.map((t) => [t, {}])) }
        : { description: 'Success', content: o.method === 'DELETE' ? undefined : { 'application/json': {} } },
    '400': problem('The input is not valid: each problem names the field and the fix'),
  };
  if (o.access !== 'public') {
    responses['401'] = problem('Not signed in');
    if (o.access !== 'signed-in') responses['403'] = problem('The role may not do this');
  }
  if (o.route.includes('/:')) responses['404'] = problem('No such record');
  if (o.cost || o.route === '/api/v1/auth/sign-in') {
    responses['429'] = problem('Too many requests of this kind from this caller: Retry-After says when to try again');
  }
  if (o.versioned) {
    responses['409'] = problem('The record changed since the version given: the answer holds the current state');
    responses['428'] = problem('If-Match is missing');
  }
  return {
    tags: [o.tag],
    summary: o.summary,
    description: `${accessText(o.access)}${write && o.access !== 'public' ? ' Cookie sessions send the CSRF token in X-CSRF-Token; API tokens (Authorization: Bearer) need none.' : ''}`,
    operationId: `${o.method.toLowerCase()}${o.route
      .replace('/api/v1', '')
      .replace(/\/:?(\w)/g, (_m, c: string) => c.toUpperCase())
      .replace(/[^A-Za-z0-9]/g, '')}`,
    parameters: [...pathParams, ...queryParams, ...headers],
    ...(o.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(o.body) } } } }
      : o.upload
        ? { requestBody: { required: true, content: { [o.upload]: { schema: { type: 'string', format: 'binary' } } } } }
        : {}),
    responses,
    ...(o.access === 'public' ? {} : { security: [{ session: [] }, { token: [] }] }),
  };
}

/** The OpenAPI 3.1 document of the API; `serverUrl` is the portal's address. */
export function openApiDocument(serverUrl: string, version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of OPERATIONS) {
    const path = o.route.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [o.method.toLowerCase()]: operationObject(o) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ActionLine API',
      version,
      description:
        'Plans of Action, their frameworks, cooperation activities, coverage, reports and open data. Errors are RFC 9457 problem details (application/problem+json). Records carry a version: reads send it as an ETag, writes send it back in If-Match.',
      license: { name: 'Open data: see each export' },
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'al_session' },
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (alt_…), created on the account page',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'reason'],
                properties: { name: { type: 'string' }, reason: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
