import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { OPERATIONS } from '../src/server/openapi';
import type { Problem } from '../src/shared/api-types';
import { signedIn, type Client } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { fillRoute, seedRecordIds } from './support/routes';
import { startTestServer, type TestServer } from './support/server';

/**
 * Property-based tests of every API input: each operation's query parameters and JSON body, generated from the very
 * Zod schema the route parses with (mostly well-formed, with wrong values, odd text and random JSON mixed in at every
 * level), and random bytes for the upload routes. Whatever comes in, the answer is never a 5xx, and every refusal is a
 * problem+json that says what is wrong and where.
 */

/** How many inputs each operation gets, per database. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Routes whose success would end the signed-in session the test works with. */
const SKIPPED = new Set(['POST /api/v1/auth/sign-out']);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Text that breaks naive code: empty, blank, NUL, right-to-left, combining marks, emoji, markup, very long. */
const oddText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'e\u0301\u0302\u0303',
  '👩🏽‍🌾🇨🇦',
  '<script>alert(1)</script>',
  '"; drop table activities; --',
  '../../etc/passwd',
  '%00%ff',
  'x'.repeat(20_000),
);
const oddValue = fc.oneof(
  oddText,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 0.5, Number.MAX_SAFE_INTEGER + 2, [], {}),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Values for a JSON Schema: mostly of its shape, sometimes anything at all, at every level. */
function valuesFor(schema: JsonSchema, defs: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return anyJson;
  if (schema.$ref) {
    const target = defs[schema.$ref.replace(/^#\/\$defs\//, '')];
    return target ? valuesFor(target, defs, depth + 1) : anyJson;
  }
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  let shaped: fc.Arbitrary<unknown>;
  if (schema.enum) shaped = fc.constantFrom(...schema.enum);
  else if (schema.const !== undefined) shaped = fc.constant(schema.const);
  else if (options?.length) shaped = fc.oneof(...options.map((o) => valuesFor(o, defs, depth + 1)));
  else {
    const type: string = (Array.isArray(schema.type) ? schema.type[0] : schema.type) ?? 'any';
    switch (type) {
      case 'object':
        shaped = fc.record(
          Object.fromEntries(
            Object.entries(schema.properties ?? {}).map(([k, v]) => [k, valuesFor(v, defs, depth + 1)]),
          ),
          { requiredKeys: [] },
        );
        break;
      case 'array':
        shaped = fc.array(schema.items ? valuesFor(schema.items, defs, depth + 1) : anyJson, { maxLength: 3 });
        break;
      case 'string':
        shaped = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('2011', '2011-05-03', 'CAD'));
        break;
      case 'integer':
        shaped = fc.integer({ min: -5, max: 3000 });
        break;
      case 'number':
        shaped = fc.double({ noNaN: true, noDefaultInfinity: true });
        break;
      case 'boolean':
        shaped = fc.boolean();
        break;
      case 'null':
        shaped = fc.constant(null);
        break;
      default:
        shaped = anyJson;
    }
  }
  return fc.oneof(
    { weight: 8, arbitrary: shaped },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: oddValue },
  );
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Query strings for a query schema: its parameters with odd or random values, repeated at times. */
function queriesFor(schema: z.ZodObject): fc.Arbitrary<[string, string][]> {
  const names = Object.keys(schema.shape);
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    oddText,
    fc.constantFrom('1', '0', '-1', '2011', 'all', 'true', 'none', 'TH,VN', 'published'),
  );
  return fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), value), {
    maxLength: 5,
  });
}

function assertClearRefusal(where: string, status: number, contentType: string, text: string): void {
  assert.ok(status < 500, `${where} answered ${status}: ${text.slice(0, 500)}`);
  if (status < 400) return;
  assert.match(contentType, /application\/problem\+json/, `${where} answered ${status} as ${contentType}`);
  const problem = JSON.parse(text) as Problem;
  assert.ok(problem.detail?.trim(), `${where}: a ${status} without a detail`);
  for (const e of problem.errors ?? []) {
    assert.equal(typeof e.name, 'string', `${where}: an error without a name`);
    assert.ok(e.reason?.trim(), `${where}: the error on "${e.name}" says nothing`);
  }
}

for (const target of DATABASES) {
  describe(`every API input, generated from its schema, on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    /** A real record for each kind of path parameter, so that bodies reach their checks. */
    let ids = new Map<string, string>();

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      admin = await signedIn(server, 'admin');
      ids = await seedRecordIds(server);
      const other = await server.core.auth.createUser(null, {
        email: 'fuzzed@example.org',
        displayName: 'Fuzzed',
        role: 'viewer',
        side: 'canada',
      });
      ids.set('users', other.id);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const pathOf = (route: string) => fillRoute(route, ids);

    for (const o of OPERATIONS) {
      const name = `${o.method} ${o.route}`;
      if (SKIPPED.has(name)) continue;

      if (o.query && o.method === 'GET') {
        const query = o.query;
        it(`${name}: any query is answered without a 5xx, refusals naming the parameter`, async () => {
          await fc.assert(
            fc.asyncProperty(queriesFor(query), async (pairs) => {
              const path = `${pathOf(o.route)}?${new URLSearchParams(pairs).toString()}`;
              const res = await admin.raw(path);
              assertClearRefusal(`GET ${path}`, res.status, res.headers.get('content-type') ?? '', await res.text());
            }),
            { numRuns: RUNS },
          );
        });
      }

      if (o.body) {
        const schema = jsonSchemaOf(o.body);
        const bodies = valuesFor(schema, schema.$defs ?? {});
        it(`${name}: any JSON body is answered without a 5xx, refusals naming the field`, async () => {
          await fc.assert(
            fc.asyncProperty(bodies, async (body) => {
              const res = await admin.request<unknown>(o.method, pathOf(o.route), body, { 'if-match': '"1"' });
              const text = JSON.stringify(res.body);
              assertClearRefusal(
                `${name} with ${text.slice(0, 300)}`,
                res.status,
                res.headers.get('content-type') ?? '',
                text,
              );
            }),
            { numRuns: RUNS },
          );
        });
      }

      if (o.upload) {
        const type = o.upload;
        it(`${name}: any bytes are answered without a 5xx`, async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.oneof(
                fc.uint8Array({ maxLength: 2000 }),
                fc.string({ unit: 'binary', maxLength: 2000 }),
                fc.constantFrom(
                  '<?xml version="1.0"?><iati-activities version="2.03"><iati-activity>',
                  '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><iati-activities>&b;</iati-activities>',
                  'PK\u0003\u0004 not really a zip',
                  'iati_identifier,title_en\n"unterminated,',
                ),
              ),
              async (bytes) => {
                const res = await admin.upload<unknown>(`${o.route}?dryRun=true`, bytes, type);
                const text = JSON.stringify(res.body);
                assertClearRefusal(
                  `${name} (${bytes.length} bytes)`,
                  res.status,
                  res.headers.get('content-type') ?? '',
                  text,
                );
              },
            ),
            { numRuns: RUNS },
          );
        });
      }
    }

    it('still answers after all of that', async () => {
      assert.equal((await server.get('/healthz')).status, 200);
      assert.equal((await admin.get('/api/v1/auth/me')).status, 200);
    });
  });
}
