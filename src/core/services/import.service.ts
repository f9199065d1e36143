import type { Kysely } from 'kysely';
import type {
  ImportActivityResult,
  ImportOutcome,
  ImportReport,
  ImportSummary,
  LinkSuggestion,
  Page,
} from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import { activityInputSchema, type ActivityInput, type ActivityInputDraft } from '../../shared/schemas/activity.schema';
import type { ImportOptions } from '../../shared/schemas/import.schema';
import { organisationInputSchema } from '../../shared/schemas/organisation.schema';
import type { Db, Dialect } from '../db/database';
import type { Database } from '../db/schema';
import { DomainError, notFound } from '../errors';
import { chunks } from '../chunks';
import { withBoundedHeapGrowth } from '../heap';
import { newId, nowIso } from '../ids';
import { type Crosswalk, type CrosswalkNodes, loadCrosswalk, suggestLinks } from '../imports/crosswalk';
import { fileURLToPath } from 'node:url';
import { IatiFileError, readIatiActivities, type IatiRoot, type RawActivity } from '../imports/iati.reader';
import { mapIatiActivity, type MappedActivity, type OrganisationMention } from '../imports/iati.mapper';
import { validateIatiActivities } from '../imports/iati.schema';
import {
  applyRow,
  columnHeader,
  rowValues,
  sheetLayout,
  type SheetColumn,
  type SheetValues,
} from '../imports/sheet.mapper';
import { MAX_SHEET_BYTES, readCsv, readXlsx, SheetFileError, type SheetRows } from '../imports/sheet.reader';
import type { Language } from '../../shared/vocab';
import { authorize, type Actor } from '../policy';
import { ActivityRepository, type ActivityRow } from '../repositories/activity.repository';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import { diffActivity, type ActivityWriteService, type NewActivity } from './activity-write.service';
import type { OrganisationWriteService } from './organisation-write.service';

/** IATI versions read; older (1.x) files use another schema. */
export const IATI_VERSIONS = ['2.01', '2.02', '2.03'] as const;

/** The crosswalks shipped with ActionLine. */
export const DEFAULT_CROSSWALK_DIR = fileURLToPath(new URL('../../../data/crosswalks/', import.meta.url));

/** Activities validated against the schema in one call: batches bound memory and amortise the call. */
const BATCH_CHARS = 4 * 1024 * 1024;
const BATCH_ACTIVITIES = 500;
/** Activities listed one by one in a report; the counts cover all. */
const REPORT_LIMIT = 10_000;

/** How far an import has gone: bytes read and activities handled. */
export interface ImportProgress {
  bytes: number;
  activities: number;
}

/** The spreadsheet column a field of the activity comes from, for messages. */
const FIELD_COLUMN: Record<string, SheetColumn> = {
  iatiIdentifier: 'iatiIdentifier',
  title: 'title',
  summary: 'summary',
  description: 'description',
  type: 'type',
  status: 'status',
  plannedStart: 'plannedStart',
  plannedEnd: 'plannedEnd',
  actualStart: 'actualStart',
  actualEnd: 'actualEnd',
  countries: 'countries',
  regional: 'regional',
  participants: 'funders',
  funding: 'commitments',
  links: 'planLinks',
  sources: 'sources',
};

/**
 * A copy of `value` that shares no string with the file as read. The parser's texts are slices of the chunks of
 * the file, and a slice keeps its whole chunk (64 KB) alive: what the import keeps until its end (the report, the
 * identifiers seen, the organisations met) is copied, so that memory does not grow with the file.
 */
function detached<T>(value: T): T {
  return structuredClone(value);
}

/** Thrown to roll a dry run back once its report is complete. */
class DryRunDone extends Error {}

interface FileContext {
  root: IatiRoot | null;
  /** The encoding a CSV file was read in. */
  encoding: string | null;
  warnings: string[];
  version: string | null;
  lang: string | null;
  currency: string | null;
}

/** What the import writes and looks up, inside its one transaction. */
class ImportRun {
  readonly results: ImportActivityResult[] = [];
  readonly counts: Record<ImportOutcome, number> = { added: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly organisationsCreated: ImportReport['organisationsCreated'] = [];
  private readonly seen = new Map<string, number>();
  private readonly orgCache = new Map<string, string | null>();
  private nodes: Promise<Map<string, Map<string, { id: string; status: string }>>> | null = null;
  private readonly crosswalkNodes: CrosswalkNodes = new Map();
  /** Stored activities by IATI identifier, looked up for a whole batch at once. */
  private known = new Map<string, ActivityRow>();
  /** New activities reported as added, written together by `flush`. */
  private adds: (NewActivity & { result: ImportActivityResult })[] = [];
  /** Records written since the last `flush`, which re-indexes them for search together. */
  private indexActivities: string[] = [];
  private indexOrganisations: string[] = [];
  handled = 0;

  constructor(
    readonly trx: Kysely<Database>,
    private readonly dialect: Dialect,
    readonly actor: Actor,
    readonly options: ImportOptions,
    private readonly activities: ActivityWriteService,
    private readonly organisations: OrganisationWriteService,
    private readonly crosswalk: Crosswalk | null,
  ) {}

  /**
   * Organisations by IATI identifier and by name (lower case) looked up for a whole batch: the
   * organisation's id, or null when none is stored. Keys not looked up are searched one by one.
   */
  private orgRefs = new Map<string, string | null>();
  private orgNames = new Map<string, string | null>();

  /** Looks up, in a few queries, the organisations that a batch's mentions may name. */
  async lookUpOrganisations(mentions: readonly OrganisationMention[]): Promise<void> {
    const refs = new Set<string>();
    const names = new Set<string>();
    for (const m of mentions) {
      if (m.ref) refs.add(m.ref);
      for (const n of [m.name.en, m.name.fr, ...(m.otherNames ?? [])]) if (n) names.add(n.toLowerCase());
    }
    this.orgRefs = new Map([...refs].map((r) => [r, null]));
    this.orgNames = new Map([...names].map((n) => [n, null]));
    const wantedRefs = [...refs];
    for (const part of chunks(wantedRefs)) {
      const rows = await this.trx
        .selectFrom('organisations')
        .select(['id', 'iati_identifier'])
        .where('iati_identifier', 'in', part)
        .where('deleted_at', 'is', null)
        .execute();
      for (const r of rows)
        if (r.iati_identifier && !this.orgRefs.get(r.iati_identifier)) this.orgRefs.set(r.iati_identifier, r.id);
    }
    const wantedNames = [...names];
    for (const part of chunks(wantedNames)) {
      // As one by one: the earliest created organisation whose name, in the database's lower
      // case, is the mention's in lower case.
      const rows = await this.trx
        .selectFrom('organisations')
        .select((eb) => [
          'id',
          eb.fn<string | null>('lower', ['name_en']).as('en'),
          eb.fn<string | null>('lower', ['name_fr']).as('fr'),
        ])
        .where('deleted_at', 'is', null)
        .where((eb) =>
          eb.or([eb(eb.fn('lower', ['name_en']), 'in', part), eb(eb.fn('lower', ['name_fr']), 'in', part)]),
        )
        .orderBy('created_at')
        .execute();
      for (const r of rows) {
        for (const n of [r.en, r.fr])
          if (n && this.orgNames.has(n) && !this.orgNames.get(n)) this.orgNames.set(n, r.id);
      }
    }
  }

  /** Looks up, in a few queries, the stored activities that a batch's identifiers name. */
  async lookUp(identifiers: readonly (string | null)[]): Promise<void> {
    const wanted = [...new Set(identifiers.filter((i): i is string => !!i))];
    this.known = new Map();
    for (const part of chunks(wanted)) {
      const rows = await this.trx.selectFrom('activities').selectAll().where('iati_identifier', 'in', part).execute();
      for (const r of rows)
        if (r.iati_identifier && !this.known.has(r.iati_identifier)) this.known.set(r.iati_identifier, r);
    }
  }

  /**
   * Writes the new activities reported since the last call, all together, and re-indexes what was
   * written for search. An activity whose references turn out to be missing is reported as
   * rejected instead of added, as writing it one by one would have.
   */
  async flush(): Promise<void> {
    const adds = this.adds;
    this.adds = [];
    const refused = await this.activities.insertManyWithin(this.trx, this.actor, adds);
    for (const a of adds) {
      const issues = refused.get(a.id);
      if (!issues) {
        this.indexActivities.push(a.id);
        continue;
      }
      this.counts.added -= 1;
      this.counts.rejected += 1;
      Object.assign(a.result, {
        outcome: 'rejected',
        activityId: null,
        reasons: issues.map((i) => `${i.name}: ${i.reason}`),
        changedFields: [],
        suggestions: [],
      } satisfies Partial<ImportActivityResult>);
    }
    if (this.indexActivities.length || this.indexOrganisations.length) {
      await new SearchIndexRepository(this.trx, this.dialect).apply({
        activities: this.indexActivities,
        organisations: this.indexOrganisations,
      });
    }
    this.indexActivities = [];
    this.indexOrganisations = [];
  }

  private report(result: ImportActivityResult): ImportActivityResult {
    this.counts[result.outcome] += 1;
    this.handled += 1;
    if (this.results.length >= REPORT_LIMIT) return result;
    const kept = detached(result);
    this.results.push(kept);
    return kept;
  }

  reject(
    a: { identifier: string | null; line: number; title?: string | null },
    reasons: string[],
    warnings: string[] = [],
  ): void {
    this.report({
      identifier: a.identifier,
      line: a.line,
      outcome: 'rejected',
      activityId: null,
      title: a.title ?? null,
      reasons,
      warnings,
      changedFields: [],
      suggestions: [],
    });
  }

  /** Framework nodes by plan slug, then code. */
  private planNodes() {
    this.nodes ??= (async () => {
      const rows = await this.trx
        .selectFrom('framework_nodes')
        .innerJoin('plans', 'plans.id', 'framework_nodes.plan_id')
        .select([
          'plans.slug as slug',
          'framework_nodes.id as id',
          'framework_nodes.code as code',
          'framework_nodes.status as status',
        ])
        .execute();
      const byPlan = new Map<string, Map<string, { id: string; status: string }>>();
      for (const r of rows) {
        const m = byPlan.get(r.slug) ?? new Map<string, { id: string; status: string }>();
        m.set(r.code, { id: r.id, status: r.status });
        byPlan.set(r.slug, m);
      }
      return byPlan;
    })();
    return this.nodes;
  }

  /** The organisation a mention names: the record it came from, else by IATI identifier, else by name, else new. */
  private async organisation(m: OrganisationMention, warnings: string[]): Promise<string | null> {
    const keys = [
      m.id && `id:${m.id}`,
      m.ref && `ref:${m.ref.toLowerCase()}`,
      ...[m.name.en, m.name.fr].filter(Boolean).map((n) => `name:${String(n).toLowerCase()}`),
    ].filter((k): k is string => !!k);
    for (const k of keys) if (this.orgCache.has(k)) return this.orgCache.get(k) ?? null;
    const found = await this.findOrganisation(m);
    let id = found;
    if (!id) {
      const name: LocalizedText = m.name.en || m.name.fr ? m.name : { en: m.ref, fr: null };
      if (!name.en && !name.fr) {
        warnings.push(`The organisation ${m.id ?? ''} named by a budget is not in ActionLine; it is left out.`);
        return null;
      }
      const parsed = organisationInputSchema.safeParse({
        name: { en: name.en?.slice(0, 300) ?? null, fr: name.fr?.slice(0, 300) ?? null },
        type: m.type,
        iatiIdentifier: m.ref?.slice(0, 150) ?? null,
        country: null,
        acronym: m.acronym?.slice(0, 50) ?? null,
        website: null,
        description: { en: null, fr: null },
        formerNames: [],
      });
      if (!parsed.success) {
        warnings.push(
          `The organisation "${name.en ?? name.fr}" cannot be recorded: ${parsed.error.issues[0]?.message ?? ''}`,
        );
        return null;
      }
      id = await this.organisations.insertWithin(this.trx, this.actor, parsed.data, true);
      this.indexOrganisations.push(id);
      // Later mentions of the batch find it as they would in the database.
      if (parsed.data.iatiIdentifier && this.orgRefs.get(parsed.data.iatiIdentifier) === null) {
        this.orgRefs.set(parsed.data.iatiIdentifier, id);
      }
      for (const n of [parsed.data.name.en, parsed.data.name.fr]) {
        if (n && this.orgNames.get(n.toLowerCase()) === null) this.orgNames.set(n.toLowerCase(), id);
      }
      this.organisationsCreated.push(
        detached({ id: this.options.dryRun ? null : id, name: String(name.en ?? name.fr), ref: m.ref }),
      );
    }
    for (const k of keys) this.orgCache.set(detached(k), id);
    return id;
  }

  private async findOrganisation(m: OrganisationMention): Promise<string | null> {
    const live = this.trx.selectFrom('organisations').select(['id', 'merged_into_id', 'deleted_at']);
    if (m.id) {
      let row = await live.where('id', '=', m.id).executeTakeFirst();
      for (let hops = 0; row?.merged_into_id && hops < 10; hops += 1) {
        row = await live.where('id', '=', row.merged_into_id).executeTakeFirst();
      }
      if (row && !row.deleted_at) return row.id;
    }
    if (m.ref) {
      const known = this.orgRefs.get(m.ref);
      if (known) return known;
      const row =
        known === null
          ? undefined
          : await live.where('iati_identifier', '=', m.ref).where('deleted_at', 'is', null).executeTakeFirst();
      if (row) return row.id;
    }
    for (const name of [m.name.en, m.name.fr, ...(m.otherNames ?? [])]) {
      if (!name) continue;
      const lower = name.toLowerCase();
      const known = this.orgNames.get(lower);
      if (known) return known;
      if (known === null) continue;
      const row = await live
        .where('deleted_at', 'is', null)
        .where((eb) =>
          eb.or([eb(eb.fn('lower', ['name_en']), '=', lower), eb(eb.fn('lower', ['name_fr']), '=', lower)]),
        )
        .orderBy('created_at')
        .executeTakeFirst();
      if (row) return row.id;
    }
    if (m.acronym) {
      const row = await live
        .where('deleted_at', 'is', null)
        .where((eb) => eb(eb.fn('lower', ['acronym']), '=', (m.acronym as string).toLowerCase()))
        .orderBy('created_at')
        .executeTakeFirst();
      if (row) return row.id;
    }
    return null;
  }

  private async existing(mapped: MappedActivity): Promise<ActivityRow | undefined> {
    if (mapped.iatiIdentifier) return this.known.get(mapped.iatiIdentifier);
    return mapped.actionlineId ? new ActivityRepository(this.trx).findById(mapped.actionlineId) : undefined;
  }

  /** Handles one mapped activity: rejects it, or adds, updates or leaves it. */
  async handle(mapped: MappedActivity, schemaErrors: string[]): Promise<void> {
    const who = { identifier: mapped.fileIdentifier, line: mapped.line, title: mapped.title.en ?? mapped.title.fr };
    const reasons = [...schemaErrors, ...mapped.problems.map((p) => p.reason)];
    if (reasons.length) return this.reject(who, reasons, mapped.warnings);
    const key = mapped.fileIdentifier ?? '';
    const found = await this.match(who, key, 'line', () => this.existing(mapped));
    if (!found) return;
    const warnings = [...mapped.warnings];
    const draft = await this.draft(mapped, found.before, warnings);
    const parsed = activityInputSchema.safeParse(draft);
    if (!parsed.success) {
      return this.reject(
        who,
        parsed.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`),
        warnings,
      );
    }
    const suggestions = await this.suggestions(mapped, parsed.data);
    return this.write(who, found.row, found.before, parsed.data, warnings, suggestions);
  }

  /**
   * Checks the key is not repeated in the file and finds the stored activity it names; rejects
   * the entry (and answers null) when the mode or the trash forbids going on.
   */
  private async match(
    who: { identifier: string | null; line: number; title?: string | null },
    key: string,
    unit: 'line' | 'row',
    find: () => Promise<ActivityRow | undefined>,
  ): Promise<{ row: ActivityRow | undefined; before: ActivityInput | null } | null> {
    const first = key ? this.seen.get(key) : undefined;
    if (first !== undefined) {
      this.reject(who, [`The identifier ${key} appears twice in the file (first at ${unit} ${first}); keep one.`]);
      return null;
    }
    if (key) this.seen.set(detached(key), who.line);
    const row = key ? await find() : undefined;
    if (row?.deleted_at) {
      this.reject(who, [
        `The activity ${key} is in ActionLine's trash; an administrator can restore it, then import again.`,
      ]);
      return null;
    }
    if (row && this.options.mode === 'add') {
      this.reject(who, [
        `The activity ${key} is already in ActionLine; import in mode "update" or "both" to update it.`,
      ]);
      return null;
    }
    if (!row && this.options.mode === 'update') {
      this.reject(who, [`The activity ${key} is not in ActionLine yet; import in mode "add" or "both" to add it.`]);
      return null;
    }
    const before = row ? await this.activities.snapshot(new ActivityRepository(this.trx), row) : null;
    return { row, before };
  }

  /** Adds the activity, updates it, or leaves it when nothing differs; reports the outcome. */
  private async write(
    who: { identifier: string | null; line: number; title?: string | null },
    row: ActivityRow | undefined,
    before: ActivityInput | null,
    input: ActivityInput,
    warnings: string[],
    suggestions: LinkSuggestion[],
  ): Promise<void> {
    const result = {
      identifier: who.identifier,
      line: who.line,
      title: who.title ?? null,
      reasons: [],
      warnings,
      suggestions,
    };
    try {
      if (row && before) {
        const changes = diffActivity(before, input);
        if (!changes.length) {
          this.report({ ...result, outcome: 'unchanged', activityId: row.id, changedFields: [] });
          return;
        }
        await this.activities.replaceWithin(
          this.trx,
          this.actor,
          row,
          input,
          'import',
          `Imported from ${this.options.fileName}`,
          true,
        );
        this.indexActivities.push(row.id);
        this.report({
          ...result,
          outcome: 'updated',
          activityId: row.id,
          changedFields: changes.map((c) => c.field),
        });
        return;
      }
      // Written with the others of its batch by `flush`.
      const id = newId();
      const added = this.report({
        ...result,
        outcome: 'added',
        activityId: this.options.dryRun ? null : id,
        changedFields: [],
      });
      this.adds.push({ id, input, result: added });
    } catch (e) {
      if (e instanceof DomainError) {
        return this.reject(
          who,
          e.issues.map((i) => `${i.name}: ${i.reason}`),
          warnings,
        );
      }
      throw e;
    }
  }

  /** One spreadsheet row: matched by ActionLine id, else IATI identifier; only its columns change the record. */
  async handleRow(number: number, values: SheetValues, lang: Language): Promise<void> {
    const key = values.id ?? values.iatiIdentifier ?? '';
    const who = { identifier: key || null, line: number, title: values.title ?? null };
    const found = await this.match(who, key, 'row', () =>
      values.id
        ? new ActivityRepository(this.trx).findById(values.id)
        : this.trx.selectFrom('activities').selectAll().where('iati_identifier', '=', key).executeTakeFirst(),
    );
    if (!found) return;
    const { draft, problems } = applyRow(values, found.before, lang);
    const at = (column: SheetColumn) => `Row ${number}, column "${columnHeader(column, lang)}"`;
    if (problems.length)
      return this.reject(
        who,
        problems.map((p) => `${at(p.column)}: ${p.reason}`),
      );
    const warnings: string[] = [];
    const participants: NonNullable<ActivityInputDraft['participants']> = [];
    for (const p of draft.participants) {
      const organisationId =
        'id' in p.organisation
          ? p.organisation.id
          : await this.organisation(
              {
                id: null,
                ref: null,
                name: { en: p.organisation.name, fr: null },
                acronym: p.organisation.acronym,
                otherNames: [p.organisation.raw],
                type: 'other',
              },
              warnings,
            );
      if (organisationId && !participants.some((q) => q.organisationId === organisationId && q.role === p.role)) {
        // A spreadsheet cannot state a participant's note: the stored one stays.
        const stored = found.before?.participants.find((q) => q.organisationId === organisationId && q.role === p.role);
        participants.push({ organisationId, role: p.role, note: stored?.note ?? p.note });
      }
    }
    const rank = new Map((found.before?.participants ?? []).map((p, i) => [`${p.organisationId}|${p.role}`, i]));
    participants.sort(
      (a, b) =>
        (rank.get(`${a.organisationId}|${a.role}`) ?? Infinity) -
        (rank.get(`${b.organisationId}|${b.role}`) ?? Infinity),
    );
    const links: NonNullable<ActivityInputDraft['links']> = [];
    const nodes = await this.planNodes();
    for (const l of draft.links) {
      if ('nodeId' in l) {
        links.push(l);
        continue;
      }
      const node = nodes.get(l.plan)?.get(l.code);
      if (!node)
        return this.reject(who, [`${at('planLinks')}: ActionLine holds no part ${l.code} in plan "${l.plan}".`]);
      const stored = found.before?.links.find((b) => b.nodeId === node.id);
      if (!links.some((x) => x.nodeId === node.id)) {
        links.push({ nodeId: node.id, rationale: stored?.rationale ?? null, confidence: stored?.confidence ?? null });
      }
    }
    const linkRank = new Map((found.before?.links ?? []).map((l, i) => [l.nodeId, i]));
    links.sort((a, b) => (linkRank.get(a.nodeId) ?? Infinity) - (linkRank.get(b.nodeId) ?? Infinity));

    const parsed = activityInputSchema.safeParse({ ...draft, participants, links });
    if (!parsed.success) {
      return this.reject(
        who,
        parsed.error.issues.map((i) => `${at(FIELD_COLUMN[String(i.path[0])] ?? 'title')}: ${i.message}`),
        warnings,
      );
    }
    return this.write(who, found.row, found.before, parsed.data, warnings, []);
  }

  /** The activity as ActionLine will hold it: the file's fields, and for an update what the file cannot say. */
  private async draft(
    mapped: MappedActivity,
    before: ActivityInput | null,
    warnings: string[],
  ): Promise<ActivityInputDraft> {
    const participants: ActivityInputDraft['participants'] = [];
    for (const p of mapped.participants) {
      const organisationId = await this.organisation(p.organisation, warnings);
      if (!organisationId) continue;
      if (participants.some((q) => q.organisationId === organisationId && q.role === p.role)) continue;
      participants.push({ organisationId, role: p.role, note: p.note });
    }
    const funding: NonNullable<ActivityInputDraft['funding']> = [];
    for (const f of mapped.funding) {
      funding.push({
        amount: f.amount,
        currency: f.currency,
        type: f.type,
        date: f.date,
        valueDate: f.valueDate,
        providerId: f.provider ? await this.organisation(f.provider, warnings) : null,
        recipientId: f.recipient ? await this.organisation(f.recipient, warnings) : null,
        note: f.note,
      });
    }
    const nodes = await this.planNodes();
    const links: NonNullable<ActivityInputDraft['links']> = [];
    for (const t of mapped.tags) {
      const slug = t.plan ?? /\/plans\/([^/?#]+)$/.exec(t.vocabularyUri ?? '')?.[1] ?? null;
      const node = slug ? nodes.get(decodeURIComponent(slug))?.get(t.code) : undefined;
      if (!node) {
        if (slug)
          warnings.push(
            `The tag ${t.code} names a part of plan "${slug}" that ActionLine does not hold; it is not linked.`,
          );
        continue;
      }
      if (node.status === 'retired') {
        warnings.push(`The tag ${t.code} names a retired part of plan "${slug}"; it is not linked.`);
        continue;
      }
      if (!links.some((l) => l.nodeId === node.id))
        links.push({ nodeId: node.id, rationale: t.rationale, confidence: t.confidence });
    }
    // Links are a set: keep the stored order for the ones already there, so order alone is no change.
    if (before) {
      const rank = new Map(before.links.map((l, i) => [l.nodeId, i]));
      links.sort((a, b) => (rank.get(a.nodeId) ?? Infinity) - (rank.get(b.nodeId) ?? Infinity));
    }
    // A file from another publisher cannot state plan links or ActionLine's sources: an update keeps them.
    const keepLinks = !mapped.fromActionLine && !links.length && before;
    const sources = [...mapped.sources];
    if (!mapped.fromActionLine && before) {
      const urls = new Set(sources.map((s) => s.url));
      sources.push(...before.sources.filter((s) => !s.url || !urls.has(s.url)));
    }
    return {
      iatiIdentifier: mapped.iatiIdentifier,
      title: mapped.title,
      summary: mapped.summary,
      description: mapped.description,
      type: mapped.type ?? before?.type ?? 'project',
      status: mapped.status ?? 'planned',
      plannedStart: mapped.plannedStart,
      plannedEnd: mapped.plannedEnd,
      actualStart: mapped.actualStart,
      actualEnd: mapped.actualEnd,
      countries: mapped.countries as ActivityInputDraft['countries'],
      regional: mapped.regional,
      otherRecipients: mapped.otherRecipients,
      reportingOrganisationId: mapped.reportingOrganisation
        ? await this.organisation(mapped.reportingOrganisation, warnings)
        : null,
      sectors: mapped.sectors,
      results: mapped.results,
      otherLanguageTexts: mapped.otherLanguageTexts,
      participants,
      funding,
      links: keepLinks ? before.links : links,
      sources,
    };
  }

  private async suggestions(mapped: MappedActivity, input: ActivityInput): Promise<LinkSuggestion[]> {
    if (!this.crosswalk || input.links.length) return [];
    return suggestLinks(this.crosswalk, mapped, this.trx, this.crosswalkNodes);
  }
}

/**
 * Imports activity files: reads, checks against the official schema, maps, matches by IATI
 * identifier and writes, all in one transaction per file, and keeps a record of every import.
 * A dry run runs exactly the same steps and rolls them back, so its report is what a commit does.
 */
export class ImportService {
  private crosswalk: Promise<Crosswalk> | null = null;

  constructor(
    private readonly db: Db,
    private readonly activities: ActivityWriteService,
    private readonly organisations: OrganisationWriteService,
    /** The folder of crosswalk files (read on the first import). */
    private readonly crosswalkDir: string = DEFAULT_CROSSWALK_DIR,
  ) {}

  async importIati(
    actor: Actor,
    bytes: AsyncIterable<Uint8Array | string>,
    options: ImportOptions,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportReport> {
    return this.execute(actor, options, 'iati', async (run, file, setRead) => {
      let batch: RawActivity[] = [];
      let batchChars = 0;
      // Each batch is checked against the schema (in a worker thread) while the one before it is
      // mapped and written, and while the next is read.
      let previous: { batch: RawActivity[]; errors: Promise<Map<number, string[]>>; read: number } | null = null;
      const handlePrevious = async () => {
        if (!previous) return;
        const { batch: done, errors, read: at } = previous;
        previous = null;
        await this.handleBatch(run, file, done, await errors);
        onProgress?.({ bytes: at, activities: run.handled });
      };
      const flush = async (read: number) => {
        const errors =
          file.version === '2.03' && file.root
            ? schemaErrors(file.root, batch)
            : Promise.resolve(new Map<number, string[]>());
        // Awaited in turn; until then, a failure must not count as unhandled.
        errors.catch(() => undefined);
        const next = { batch, errors, read };
        batch = [];
        batchChars = 0;
        await handlePrevious();
        previous = next;
      };
      let read = 0;
      for await (const ev of readIatiActivities(bytes, (n) => {
        read = n;
        setRead(n);
      })) {
        if (ev.type === 'root') {
          checkRoot(ev, file);
          continue;
        }
        batch.push(ev);
        batchChars += ev.source.length;
        if (batchChars >= BATCH_CHARS || batch.length >= BATCH_ACTIVITIES) await flush(read);
      }
      if (batch.length) await flush(read);
      await handlePrevious();
    });
  }

  /**
   * Imports a spreadsheet (CSV or XLSX) in the activity export's columns: one row per activity,
   * matched by ActionLine ID, else IATI identifier; text columns in `lang`.
   */
  async importSheet(
    actor: Actor,
    bytes: AsyncIterable<Uint8Array | string>,
    format: 'csv' | 'xlsx',
    options: ImportOptions,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportReport> {
    return this.execute(actor, options, format, async (run, file, setRead) => {
      const received: Buffer[] = [];
      let size = 0;
      for await (const c of bytes) {
        const b = typeof c === 'string' ? Buffer.from(c) : Buffer.from(c);
        size += b.length;
        if (size > MAX_SHEET_BYTES) {
          throw new SheetFileError(`The spreadsheet is larger than ${MAX_SHEET_BYTES / 1024 / 1024} MB; split it.`);
        }
        received.push(b);
      }
      setRead(size);
      const all = Buffer.concat(received);
      if (!all.length) throw new SheetFileError('The file is empty; start from the template.');
      const sheet: SheetRows = format === 'csv' ? readCsv(all) : await readXlsx(all);
      const layout = sheetLayout(sheet.header);
      file.encoding = sheet.encoding;
      if (layout.unknown.length) {
        file.warnings.push(`These columns are not ActionLine's and are not read: ${layout.unknown.join(', ')}.`);
      }
      if (!layout.columns.size) {
        throw new SheetFileError('No column of the template was found in the first row; start from the template.');
      }
      if (!layout.columns.has('id') && !layout.columns.has('iatiIdentifier')) {
        file.warnings.push(
          'The file has neither an ActionLine ID nor an IATI identifier column: every row is added as new.',
        );
      }
      for (const row of sheet.rows) {
        await run.handleRow(row.number, rowValues(layout, row.cells), options.lang);
        if (run.handled % 200 === 0) {
          await run.flush();
          onProgress?.({ bytes: size, activities: run.handled });
        }
      }
      onProgress?.({ bytes: size, activities: run.handled });
    });
  }

  /**
   * Runs an import in one transaction: `read` feeds the file to the run; a dry run is rolled back
   * after its report is built; a file that cannot be read is refused with nothing written. Every
   * outcome is recorded.
   */
  private async execute(
    actor: Actor,
    options: ImportOptions,
    format: ImportReport['format'],
    read: (run: ImportRun, file: FileContext, setRead: (bytes: number) => void) => Promise<void>,
  ): Promise<ImportReport> {
    authorize(actor, 'activity:create');
    authorize(actor, 'activity:update');
    authorize(actor, 'organisation:create');
    const started = Date.now();
    const createdAt = nowIso();
    const id = newId();
    const file: FileContext = { root: null, encoding: null, warnings: [], version: null, lang: null, currency: null };
    let bytesRead = 0;
    let run: ImportRun | null = null;
    let fileProblem: ImportReport['fileProblem'] = null;

    const build = (outcome: ImportReport['outcome'], r: ImportRun | null): ImportReport => ({
      id,
      format,
      fileName: options.fileName,
      bytes: bytesRead,
      mode: options.mode,
      dryRun: options.dryRun,
      outcome,
      version: file.version,
      encoding: file.encoding,
      counts: r && outcome !== 'refused' ? r.counts : { added: 0, updated: 0, unchanged: 0, rejected: 0 },
      fileProblem,
      warnings: file.warnings,
      organisationsCreated: r && outcome !== 'refused' ? r.organisationsCreated : [],
      activities: r && outcome !== 'refused' ? r.results : [],
      truncated: (r?.handled ?? 0) > REPORT_LIMIT,
      createdAt,
      createdBy: actor.displayName,
      seconds: (Date.now() - started) / 1000,
    });

    this.crosswalk ??= loadCrosswalk(this.crosswalkDir);
    const crosswalk = format === 'iati' ? await this.crosswalk : null;
    let report: ImportReport;
    try {
      report = await withBoundedHeapGrowth(() =>
        this.db.db.transaction().execute(async (trx) => {
          run = new ImportRun(trx, this.db.dialect, actor, options, this.activities, this.organisations, crosswalk);
          await read(run, file, (n) => {
            bytesRead = n;
          });
          await run.flush();
          const done = build(options.dryRun ? 'previewed' : 'committed', run);
          if (options.dryRun) throw new DryRunDone();
          await this.record(trx, actor, done);
          return done;
        }),
      );
    } catch (e) {
      if (e instanceof DryRunDone) report = build('previewed', run);
      else if (e instanceof IatiFileError || e instanceof SheetFileError) {
        fileProblem = { line: e instanceof IatiFileError ? e.line : null, reason: e.message };
        report = build('refused', run);
      } else throw e;
      await this.record(this.db.db, actor, report);
    }
    return report;
  }

  /**
   * Maps a batch checked against the schema (`errors`, by index), looks up the stored activities
   * it names at once, handles each activity, then writes the new ones together.
   */
  private async handleBatch(
    run: ImportRun,
    file: FileContext,
    batch: RawActivity[],
    errors: Map<number, string[]>,
  ): Promise<void> {
    const mapped = batch.map((raw) => (raw.tooLarge ? null : mapIatiActivity(raw.node, raw.line, file)));
    await run.lookUp(mapped.map((m) => m?.iatiIdentifier ?? null));
    await run.lookUpOrganisations(
      mapped.flatMap((m) =>
        m
          ? [
              ...m.participants.map((p) => p.organisation),
              ...m.funding.flatMap((f) => [f.provider, f.recipient]).filter((o) => !!o),
              ...(m.reportingOrganisation ? [m.reportingOrganisation] : []),
            ]
          : [],
      ),
    );
    for (const [i, raw] of batch.entries()) {
      const m = mapped[i];
      if (!m) {
        run.reject({ identifier: null, line: raw.line }, [
          'The activity is too large to import (over 16 MB or 100,000 elements).',
        ]);
        continue;
      }
      mapped[i] = null;
      await run.handle(m, errors.get(i) ?? []);
    }
    await run.flush();
  }

  private async record(db: Kysely<Database>, actor: Actor, report: ImportReport): Promise<void> {
    await db
      .insertInto('imports')
      .values({
        id: report.id,
        format: report.format,
        file_name: report.fileName,
        bytes: report.bytes,
        mode: report.mode,
        dry_run: report.dryRun ? 1 : 0,
        outcome: report.outcome,
        added: report.counts.added,
        updated: report.counts.updated,
        unchanged: report.counts.unchanged,
        rejected: report.counts.rejected,
        report: JSON.stringify(report),
        created_by: actor.id,
        created_at: report.createdAt,
        updated_at: report.createdAt,
      })
      .execute();
  }

  /** The record of imports, newest first (editors and above). */
  async list(actor: Actor, page: number, pageSize: number): Promise<Page<ImportSummary>> {
    authorize(actor, 'drafts:read');
    const rows = await this.db.db
      .selectFrom('imports')
      .select('report')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .execute();
    const total = await this.db.db
      .selectFrom('imports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const items = rows.map((r) => {
      const { activities: _a, organisationsCreated: _o, ...summary } = JSON.parse(r.report) as ImportReport;
      return summary;
    });
    return { items, total: Number(total.n), page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<ImportReport> {
    authorize(actor, 'drafts:read');
    const row = await this.db.db.selectFrom('imports').select('report').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('import', id);
    return JSON.parse(row.report) as ImportReport;
  }
}

function checkRoot(root: IatiRoot, file: FileContext): void {
  file.root = root;
  const version = root.node.attrs.version?.trim() || null;
  file.version = version;
  file.lang = root.node.attrs['xml:lang'] ?? null;
  file.currency = root.node.attrs['default-currency'] ?? null;
  if (!version) {
    throw new IatiFileError(
      root.node.line,
      'The iati-activities element has no version attribute; IATI files state their version (2.01, 2.02 or 2.03).',
    );
  }
  if (/^1\./.test(version)) {
    throw new IatiFileError(
      root.node.line,
      `The file is IATI version ${version}; ActionLine reads versions 2.01 to 2.03. Ask the publisher for a 2.0x file.`,
    );
  }
  if (!(IATI_VERSIONS as readonly string[]).includes(version)) {
    file.warnings.push(
      `The file states the version "${version}", which is not an IATI 2.0x version; it was read as 2.03.`,
    );
    file.version = '2.03';
  }
}

/** Schema errors per activity of the batch (by index), validating the batch inside the file's own root. */
async function schemaErrors(root: IatiRoot, batch: RawActivity[]): Promise<Map<number, string[]>> {
  const lineCount = (s: string) => s.split('\n').length - 1;
  const parts: string[] = [root.startTag, '\n'];
  let line = 1 + lineCount(root.startTag) + 1;
  const ranges: { first: number; last: number; index: number }[] = [];
  batch.forEach((a, index) => {
    if (a.tooLarge) return;
    const lines = lineCount(a.source);
    ranges.push({ first: line, last: line + lines, index });
    parts.push(a.source, '\n');
    line += lines + 1;
  });
  parts.push('</iati-activities>\n');
  const errors = new Map<number, string[]>();
  if (!ranges.length) return errors;
  const result = await validateIatiActivities(parts.join(''));
  for (const e of result.details) {
    const range =
      e.line === null ? undefined : ranges.find((r) => e.line !== null && e.line >= r.first && e.line <= r.last);
    if (!range || e.line === null) {
      throw new IatiFileError(root.node.line, `The iati-activities element is not valid IATI 2.03: ${e.message}`);
    }
    const at = (batch[range.index]?.line ?? 0) + (e.line - range.first);
    const list = errors.get(range.index) ?? [];
    list.push(`Line ${at}: not valid IATI 2.03: ${e.message}`);
    errors.set(range.index, list);
  }
  return errors;
}
