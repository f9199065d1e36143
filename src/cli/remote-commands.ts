/**
 * `actionline remote …`: the commands that work on an ActionLine server over its API, with a
 * personal API token, instead of on a local database. Input is checked with the same shared
 * schemas the API uses before anything is sent, so a mistake is reported at once and in the API's
 * words.
 */
import fs from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { z } from 'zod';
import type { ActivityDetail, ActivitySummary, Page, PlanSummary } from '../shared/api-types';
import { ACTIVITY_SORTS, activityListQuerySchema } from '../shared/schemas/activity-query.schema';
import { activityInputSchema, returnDecisionSchema, reviewDecisionSchema } from '../shared/schemas/activity.schema';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, COUNTRY_CODES, REGION_CODE, WORKFLOW_STATES } from '../shared/vocab';
import type { Actor } from '../core/policy';
import { fieldIssues } from '../server/problem';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes';
import {
  checkToken,
  describeServer,
  isLoopback,
  redactToken,
  RemoteClient,
  RemoteConnectionError,
  RemoteProblemError,
  RemoteUsageError,
  resolveServer,
  SERVER_ENV,
  TOKEN_ENV,
} from './remote-client';
import { activityInputFromDetail, formatActivity, formatActivityPage, formatMe, formatPlans } from './remote-output';
import { readStdin } from './stdin';

interface GlobalOptions {
  server?: string;
  tokenStdin?: boolean;
}

/** The client of the running command, so that any message can be cleaned of its token. */
let activeClient: RemoteClient | null = null;

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function printJson(value: unknown): void {
  say(JSON.stringify(value, null, 2));
}

/** Columns available to tables: the terminal's width, or none (no cutting) when piped. */
function columns(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}

/** Everything printed on failure goes through here: the token is never part of it. */
function hide(text: string): string {
  const fromEnv = process.env[TOKEN_ENV]?.trim() || null;
  return redactToken(activeClient ? activeClient.redact(text) : text, fromEnv);
}

function complain(lines: string[]): void {
  process.stderr.write(`${lines.map(hide).join('\n')}\n`);
}

/** Resolves the server and token of this run; reads the token from standard input with --token-stdin. */
async function connect(cmd: Command, stdinHoldsFile = false): Promise<RemoteClient> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const server = resolveServer(opts.server, process.env);
  let token: string | null = null;
  if (opts.tokenStdin) {
    if (stdinHoldsFile) {
      throw new RemoteUsageError(
        `--token-stdin and --file - cannot both read standard input: save the activity in a file, or set ${TOKEN_ENV}.`,
      );
    }
    if (process.stdin.isTTY) {
      throw new RemoteUsageError(
        '--token-stdin reads the token from a pipe or a file (… --token-stdin < token-file), not from the keyboard, where it would show on screen.',
      );
    }
    token = checkToken(await readStdin(), '--token-stdin');
  } else {
    const fromEnv = process.env[TOKEN_ENV]?.trim();
    if (fromEnv) token = checkToken(fromEnv, TOKEN_ENV);
  }
  if (token && server.protocol === 'http:' && !isLoopback(server)) {
    complain([
      `Warning: the API token goes to ${describeServer(server)} over plain http, readable on the network; use https.`,
    ]);
  }
  activeClient = new RemoteClient(server, token);
  return activeClient;
}

/** Prints a failure the way every remote command does and sets the exit code. */
function report(err: unknown): void {
  if (err instanceof RemoteUsageError) {
    complain([err.message, ...err.details.map((d) => `  ${d}`)]);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (err instanceof RemoteConnectionError) {
    complain([err.message]);
    process.exitCode = EXIT_FAILURE;
    return;
  }
  if (err instanceof RemoteProblemError) {
    const { status, problem } = err;
    const head = `${status} ${problem.title}`;
    if (status === 401) {
      complain([
        err.sentToken
          ? `${head}: the server refused the API token: it is wrong, was revoked, or its account is no longer active. Create a new token on your account page (/en/account) and set ${TOKEN_ENV}.`
          : `${head}: this needs an API token, and none was given. Set ${TOKEN_ENV} or pass --token-stdin (create a token on your account page, /en/account).`,
      ]);
    } else {
      const lines = [`${head}: ${problem.detail}`, ...(problem.errors ?? []).map((e) => `  ${e.name}: ${e.reason}`)];
      if (status === 409 && problem.currentVersion !== undefined) {
        const id = idOf(problem.current);
        lines.push(
          `Nothing was changed. The record is now at version ${problem.currentVersion}: read it again` +
            (id ? ` (actionline remote activities get ${id} --input)` : '') +
            `, merge your changes and run the command again with --if-version ${problem.currentVersion}.`,
        );
      }
      complain(lines);
    }
    process.exitCode = status === 400 ? EXIT_USAGE : EXIT_FAILURE;
    return;
  }
  complain([err instanceof Error ? err.message : String(err)]);
  process.exitCode = EXIT_FAILURE;
}

function idOf(record: unknown): string | null {
  return typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'string'
    ? record.id
    : null;
}

/** Wraps a command's action: failures are reported with the right exit code instead of thrown. */
function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      report(err);
    } finally {
      activeClient = null;
    }
  };
}

/** Checks input with a shared schema; every problem is listed, named as the person wrote it. */
function check<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message: string,
  rename: (name: string) => string = (n) => n,
): void {
  const result = schema.safeParse(input);
  if (result.success) return;
  throw new RemoteUsageError(
    message,
    fieldIssues(result.error).map((i) => `${rename(i.name)}: ${i.reason}`),
  );
}

function positiveInt(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d{1,9}$/.test(value) || n < 1) throw new InvalidArgumentError(`Give ${what} as a whole number from 1.`);
    return n;
  };
}

const ifVersionOption = () =>
  new Option(
    '--if-version <n>',
    'the version your change is based on, sent as If-Match (default: the version the server holds when the command reads it)',
  ).argParser(positiveInt('the version'));

const path = (id: string, step?: string) => `activities/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;

/** The version to send in If-Match: the one given, or the one the server holds now. */
async function versionOf(client: RemoteClient, id: string, given: number | undefined): Promise<number> {
  if (given !== undefined) return given;
  const current = await client.get<ActivityDetail>(path(id));
  return current.version ?? current.body.version;
}

// ---- activities list: each filter of the API as an option ----

interface ListFilter {
  /** The API's query parameter. */
  key: string;
  flags: string;
  description: string;
  /** Takes several values: comma-separated, or the option repeated. */
  list?: boolean;
}

/** How the API's filters read as options, in the order help lists them. */
const LIST_FILTERS: ListFilter[] = [
  { key: 'q', flags: '--search <text>', description: 'words to look for (the API’s q)' },
  { key: 'plan', flags: '--plan <id-or-slug>', description: 'a plan, e.g. asean-canada-2010-2015' },
  { key: 'node', flags: '--node <ids>', description: 'framework node ids, with everything below them', list: true },
  { key: 'pillar', flags: '--pillar <ids>', description: 'pillar ids', list: true },
  { key: 'organisation', flags: '--organisation <ids>', description: 'organisation ids, in any role', list: true },
  {
    key: 'country',
    flags: '--country <codes>',
    description: `${COUNTRY_CODES.join(', ')} or ${REGION_CODE} (region-wide)`,
    list: true,
  },
  { key: 'status', flags: '--status <statuses>', description: ACTIVITY_STATUSES.join(', '), list: true },
  { key: 'type', flags: '--type <types>', description: ACTIVITY_TYPES.join(', '), list: true },
  {
    key: 'workflowState',
    flags: '--workflow-state <states>',
    description: `${WORKFLOW_STATES.join(', ')} (staff see every state; the public only published)`,
    list: true,
  },
  { key: 'createdBy', flags: '--created-by <user-id>', description: 'a user id, or me for the token’s owner' },
  { key: 'yearFrom', flags: '--year-from <year>', description: 'active in or after this year' },
  { key: 'yearTo', flags: '--year-to <year>', description: 'active in or before this year' },
  { key: 'sort', flags: '--sort <order>', description: `${ACTIVITY_SORTS.join(', ')} (default -start)` },
  { key: 'page', flags: '--page <n>', description: 'page number (default 1)' },
  { key: 'pageSize', flags: '--page-size <n>', description: 'activities per page, at most 100 (default 20)' },
];

/**
 * One option per parameter of the shared list schema: those above as described, and any filter the
 * API gains later as `--its-name`, so that the CLI passes every filter through.
 */
const LIST_OPTIONS = (() => {
  const keys = Object.keys(activityListQuerySchema.shape);
  const known = LIST_FILTERS.filter((f) => keys.includes(f.key));
  const added = keys
    .filter((k) => !LIST_FILTERS.some((f) => f.key === k))
    .map((k) => ({
      key: k,
      flags: `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} <value>`,
      description: `the API’s ${k}`,
    }));
  return [...known, ...added].map((f: ListFilter) => {
    const option = new Option(
      f.flags,
      f.list ? `${f.description}; several comma-separated or repeated` : f.description,
    );
    if (f.list) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
    return { ...f, option, flag: option.long ?? f.flags };
  });
})();

/** The option that sets an API parameter: `yearFrom` → `--year-from`. */
function flagOf(name: string): string {
  return LIST_OPTIONS.find((o) => o.key === name)?.flag ?? name;
}

/** The API's query parameters from the options given, exactly as they will be sent. */
function listQuery(opts: Record<string, string | string[] | undefined>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const o of LIST_OPTIONS) {
    const value = opts[o.option.attributeName()];
    if (value !== undefined) query[o.key] = Array.isArray(value) ? value.join(',') : value;
  }
  return query;
}

// ---- activity bodies from files ----

async function readActivityFile(file: string): Promise<unknown> {
  const label = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RemoteUsageError(
      `Could not read ${label}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}.`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new RemoteUsageError(`${label} is not valid JSON: ${(err as Error).message}`);
  }
  const result = activityInputSchema.safeParse(body);
  if (!result.success) {
    const details = fieldIssues(result.error).map((i) => `${i.name}: ${i.reason}`);
    if (typeof body === 'object' && body !== null && 'id' in body && 'workflowState' in body) {
      details.push(
        'This looks like the output of `activities get --json`; `activities get <id> --input` prints a body to edit.',
      );
    }
    throw new RemoteUsageError(`${label} is not a valid activity; nothing was sent:`, details);
  }
  // The server parses the body with the same schema: send what the person wrote.
  return body;
}

const STATE_AFTER: Record<string, string> = {
  submitted: 'it waits for review',
  published: 'every required side has approved it: it is published',
  returned: 'it is back with the editors for revision',
  draft: 'it is a draft',
};

function outcome(a: ActivityDetail): string {
  return `${a.workflowState}: ${STATE_AFTER[a.workflowState] ?? ''}`.replace(/: $/, '');
}

/** Adds the `remote` command family to the program. */
export function registerRemoteCommands(program: Command): void {
  const remote = program
    .command('remote')
    .description('Work on an ActionLine server over its API, with a personal API token.')
    .option('--server <url>', `address of the ActionLine server (default: ${SERVER_ENV})`)
    .option(
      '--token-stdin',
      `read the API token from standard input instead of ${TOKEN_ENV}. There is no --token option: a token on the command line is kept in shell history and shown to other users by ps.`,
    )
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Connection:
  ${SERVER_ENV}   the server's address, e.g. https://actionline.example.org (or --server)
  ${TOKEN_ENV}    a personal API token (alt_…), created on your account page (/en/account)
                       or with POST /api/v1/auth/tokens; shown once, sent as Authorization: Bearer.
  Without a token, commands see what the public sees; writes need one. The token is never printed.

Exit codes: 0 done, 1 the server refused or could not be reached, 2 bad usage, configuration or input.

Examples:
  export ${SERVER_ENV}=https://actionline.example.org
  read -rs ${TOKEN_ENV} && export ${TOKEN_ENV}    # paste the token; it is not echoed
  actionline remote whoami
  actionline remote activities list --country ID,PH --status ongoing --year-from 2011
  actionline remote activities get <id> --input > activity.json
  actionline remote activities update <id> --file activity.json --if-version 3
  actionline remote activities approve <id> --if-version 3`,
    );

  remote
    .command('whoami')
    .description('Show whose API token this is: name, e-mail, role and side.')
    .option('--json', 'print the API’s JSON')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const client = await connect(cmd);
        const { body } = await client.get<{ user: Actor }>('auth/me');
        if (opts.json) printJson(body.user);
        else say(formatMe(body.user, describeServer(client.server)));
      }),
    );

  const plans = remote.command('plans').description('Plans of Action.');
  plans
    .command('list')
    .description('List the plans with their periods and activity counts.')
    .option('--json', 'print the API’s JSON')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const client = await connect(cmd);
        const { body } = await client.get<{ items: PlanSummary[] }>('plans');
        if (opts.json) printJson(body);
        else say(formatPlans(body.items, columns()));
      }),
    );

  const activities = remote.command('activities').description('Activities: list, read, create, edit and review.');

  const list = activities
    .command('list')
    .description('List activities matching the filters (drafts too, with a token of any workspace role).')
    .option('--json', 'print the API’s JSON page');
  for (const o of LIST_OPTIONS) list.addOption(o.option);
  list.action(
    action(async (opts: Record<string, string | string[] | undefined> & { json?: boolean }, cmd: Command) => {
      const query = listQuery(opts);
      check(activityListQuerySchema, query, 'Some options are not valid; nothing was sent:', flagOf);
      const client = await connect(cmd);
      let page: Page<ActivitySummary>;
      try {
        page = (await client.get<Page<ActivitySummary>>('activities', new URLSearchParams(query))).body;
      } catch (err) {
        // The API names its parameters; name the options instead.
        if (err instanceof RemoteProblemError && err.problem.errors) {
          const errors = err.problem.errors.map((e) => ({ ...e, name: flagOf(e.name) }));
          throw new RemoteProblemError(err.status, { ...err.problem, errors }, err.sentToken);
        }
        throw err;
      }
      if (opts.json) printJson(page);
      else say(formatActivityPage(page, columns()));
    }),
  );

  activities
    .command('get')
    .description('Show one activity.')
    .argument('<id>', 'activity id')
    .addOption(new Option('--json', 'print the API’s JSON').conflicts('input'))
    .option('--input', 'print the activity as a body to edit and send back with `activities update`')
    .action(
      action(async (id: string, opts: { json?: boolean; input?: boolean }, cmd: Command) => {
        const client = await connect(cmd);
        const { body, version } = await client.get<ActivityDetail>(path(id));
        if (opts.json) printJson(body);
        else if (opts.input) {
          printJson(activityInputFromDetail(body));
          complain([
            `Version ${version ?? body.version}: send your edit with --if-version ${version ?? body.version}.`,
          ]);
        } else say(formatActivity(body));
      }),
    );

  activities
    .command('create')
    .description('Create a draft activity from a JSON body (the shared activity input, checked before sending).')
    .requiredOption('--file <path>', 'JSON file with the activity, or - for standard input')
    .option('--json', 'print the created activity as JSON')
    .action(
      action(async (opts: { file: string; json?: boolean }, cmd: Command) => {
        const client = await connect(cmd, opts.file === '-');
        const body = await readActivityFile(opts.file);
        const { body: created } = await client.request<ActivityDetail>('POST', 'activities', { body });
        if (opts.json) printJson(created);
        else say(`Created activity ${created.id} (version ${created.version}, ${created.workflowState}).`);
      }),
    );

  activities
    .command('update')
    .description('Replace an activity with a JSON body; a change made meanwhile by someone else is refused (409).')
    .argument('<id>', 'activity id')
    .requiredOption('--file <path>', 'JSON file with the whole activity, or - for standard input')
    .addOption(ifVersionOption())
    .option('--json', 'print the updated activity as JSON')
    .action(
      action(async (id: string, opts: { file: string; ifVersion?: number; json?: boolean }, cmd: Command) => {
        const client = await connect(cmd, opts.file === '-');
        const body = await readActivityFile(opts.file);
        const ifMatch = await versionOf(client, id, opts.ifVersion);
        const { body: updated } = await client.request<ActivityDetail>('PUT', path(id), { body, ifMatch });
        if (opts.json) printJson(updated);
        else say(`Updated activity ${updated.id}: version ${ifMatch} → ${updated.version}.`);
      }),
    );

  activities
    .command('submit')
    .description('Submit a draft or returned activity for review (editor or above).')
    .argument('<id>', 'activity id')
    .addOption(ifVersionOption())
    .option('--json', 'print the activity as JSON')
    .action(
      action(async (id: string, opts: { ifVersion?: number; json?: boolean }, cmd: Command) => {
        const client = await connect(cmd);
        const ifMatch = await versionOf(client, id, opts.ifVersion);
        const { body } = await client.request<ActivityDetail>('POST', path(id, 'submit'), { ifMatch });
        if (opts.json) printJson(body);
        else say(`Submitted activity ${body.id} (version ${ifMatch}); ${outcome(body)}.`);
      }),
    );

  activities
    .command('approve')
    .description(
      'Approve a submitted activity for your side (reviewer or above). It is published once every side its plans require has approved it.',
    )
    .argument('<id>', 'activity id')
    .option('--comment <text>', 'a note kept with the approval')
    .addOption(ifVersionOption())
    .option('--json', 'print the activity as JSON')
    .action(
      action(async (id: string, opts: { comment?: string; ifVersion?: number; json?: boolean }, cmd: Command) => {
        const body = opts.comment === undefined ? {} : { comment: opts.comment };
        check(reviewDecisionSchema, body, 'The approval is not valid; nothing was sent:', (n) => `--${n}`);
        const client = await connect(cmd);
        const ifMatch = await versionOf(client, id, opts.ifVersion);
        const { body: a } = await client.request<ActivityDetail>('POST', path(id, 'approve'), { body, ifMatch });
        if (opts.json) printJson(a);
        else say(`Approved version ${ifMatch} of activity ${a.id}; ${outcome(a)}.`);
      }),
    );

  activities
    .command('return')
    .description('Return a submitted activity to the editors for revision (reviewer or above).')
    .argument('<id>', 'activity id')
    .requiredOption('--comment <text>', 'what needs revising')
    .addOption(ifVersionOption())
    .option('--json', 'print the activity as JSON')
    .action(
      action(async (id: string, opts: { comment: string; ifVersion?: number; json?: boolean }, cmd: Command) => {
        const body = { comment: opts.comment };
        check(returnDecisionSchema, body, 'The return is not valid; nothing was sent:', (n) => `--${n}`);
        const client = await connect(cmd);
        const ifMatch = await versionOf(client, id, opts.ifVersion);
        const { body: a } = await client.request<ActivityDetail>('POST', path(id, 'return'), { body, ifMatch });
        if (opts.json) printJson(a);
        else say(`Returned activity ${a.id} for revision; ${outcome(a)}.`);
      }),
    );
}
