/**
 * The coverage engine: which nodes of a plan's framework its activities address, with whom, with
 * how much money, and where the gaps are. Pure: the caller passes the plan's nodes, the activities
 * in scope and their links; nothing here reads a database or a clock. docs/monitoring.md
 * ("Coverage") states the rules; `src/shared/coverage.ts` carries them as text for readers.
 */
import type {
  CoverageAmount,
  CoverageBreakdowns,
  CoverageConvertedAmount,
  CoverageCountryBucket,
  CoverageFigures,
  CoverageFiguresWithIds,
  CoverageFunding,
  CoverageGap,
  CoverageNode,
  CoverageNodeBucket,
  CoverageNodeWithIds,
  CoverageOtherPartners,
  CoveragePartnerBucket,
  CoverageRateUsed,
  CoverageRollup,
  CoverageTally,
  CoverageUnconvertedAmount,
  CoverageYearBucket,
  OrganisationRef,
} from '../../shared/api-types';
import {
  DEFAULT_ADDRESSED_SHARE,
  DEFAULT_REPORTING_CURRENCY,
  type CoverageBreakdown,
  type CoverageState,
  type ReportingCurrency,
} from '../../shared/coverage';
import type { LocalizedText } from '../../shared/localized';
import { fromMinorUnits } from '../../shared/money';
import { dayNumber, firstDayOf, lastDayOf, yearOf, type PartialDate } from '../../shared/partial-date';
import {
  ACTIVITY_STATUSES,
  COUNTRY_CODES,
  FUNDING_TYPES,
  PARTICIPANT_ROLES,
  REGION_CODE,
  type ActivityStatus,
  type FundingType,
  type NodeStatus,
  type ParticipantRole,
} from '../../shared/vocab';
import type { Converted, RateTable } from '../money/rates';

// ---------------------------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------------------------

export interface CoverageNodeInput {
  id: string;
  parentId: string | null;
  code: string;
  kind: string;
  status: NodeStatus;
  position: number;
  title: LocalizedText;
}

export interface CoverageFundingInput {
  amountMinor: number;
  currency: string;
  type: FundingType;
  date: PartialDate | null;
}

export interface CoverageActivityInput {
  id: string;
  status: ActivityStatus;
  plannedStart: PartialDate | null;
  plannedEnd: PartialDate | null;
  actualStart: PartialDate | null;
  actualEnd: PartialDate | null;
  /** Covers the ASEAN region as a whole: counted under `REGION_CODE`. */
  regional?: boolean;
  countries: readonly string[];
  participants: readonly { organisationId: string; role: ParticipantRole }[];
  funding: readonly CoverageFundingInput[];
}

export interface CoverageLinkInput {
  activityId: string;
  nodeId: string;
}

/** What the engine needs of an exchange-rate table (`RateTable` from src/core/money/rates.ts). */
export type RateConverter = Pick<RateTable, 'convert'>;

export interface CoverageOptions {
  /** The reference date (YYYY-MM-DD) on which states are judged: end of the period, capped at today. */
  asOf: string;
  /** 0..1; default 0.5. */
  addressedShare?: number;
  reportingCurrency?: ReportingCurrency;
  rates: RateConverter;
  /** Names of the organisations taking part, for the partner breakdown. */
  organisations?: readonly OrganisationRef[];
  /** The selected period: the year breakdown clips activity spans to it. */
  period?: { from: PartialDate | null; to: PartialDate | null };
  /** What the result carries; absent: everything (every id, every partner). */
  shape?: CoverageShape;
}

/** What a coverage result carries beyond its figures (the API's `include` and `partners`). */
export interface CoverageShape {
  /** Every node's activity ids and partner organisation ids, and the plan's partner ids. */
  ids: boolean;
  /** How many partners `byPartner` lists, the most active first; the others are summed in `otherPartners`. */
  partners: number | 'all';
  /** The deepest level `nodes` lists (0: the pillars); null: every level. Roll-ups still count every level. */
  depth?: number | null;
  /** The breakdowns computed; absent or null: every one. */
  breakdowns?: readonly CoverageBreakdown[] | null;
}

export interface CoverageInput {
  nodes: readonly CoverageNodeInput[];
  /** The activities in scope (visible and matching the filters); those without a link to `nodes` are ignored. */
  activities: readonly CoverageActivityInput[];
  links: readonly CoverageLinkInput[];
}

export interface CoverageResult {
  asOf: string;
  addressedShare: number;
  currency: ReportingCurrency;
  summary: CoverageFigures & { rollup: CoverageRollup; gapCount: number };
  nodes: CoverageNode[];
  gaps: CoverageGap[];
  breakdowns: Partial<CoverageBreakdowns>;
  rates: CoverageRateUsed[];
}

/** A result without a shape: every id, every partner. */
export interface FullCoverageResult extends CoverageResult {
  summary: CoverageResult['summary'] & CoverageFiguresWithIds;
  nodes: CoverageNodeWithIds[];
  breakdowns: CoverageBreakdowns & { otherPartners: null };
}

// ---------------------------------------------------------------------------------------------
// Rules on one activity
// ---------------------------------------------------------------------------------------------

type DatedActivity = Pick<
  CoverageActivityInput,
  'status' | 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'
>;

/** The recorded span: actual dates, else planned (the list's `start_date` / `end_date`). */
export function recordedSpan(a: DatedActivity): { start: PartialDate | null; end: PartialDate | null } {
  return { start: a.actualStart ?? a.plannedStart, end: a.actualEnd ?? a.plannedEnd };
}

const OPEN_STATUSES: readonly ActivityStatus[] = ['planned', 'ongoing'];

/**
 * Whether the activity runs in the period, by the activity list's rule generalised to partial
 * dates: its start (else end) is on or before the period's last day, and its end (else, when
 * planned or ongoing, open; else its start) is on or after the period's first day. An activity
 * without dates never matches a bounded side. A null bound is open.
 */
export function overlapsPeriod(a: DatedActivity, from: PartialDate | null, to: PartialDate | null): boolean {
  const { start, end } = recordedSpan(a);
  if (to !== null) {
    const s = start ?? end;
    if (s === null || firstDayOf(s) > lastDayOf(to)) return false;
  }
  if (from !== null) {
    const e = end ?? (OPEN_STATUSES.includes(a.status) ? null : start);
    if (e === null) {
      if (!OPEN_STATUSES.includes(a.status)) return false;
    } else if (lastDayOf(e) < firstDayOf(from)) return false;
  }
  return true;
}

/**
 * Share of the activity's period elapsed on `asOf`, in 0..1: whole days from its start to `asOf`
 * (both included) over whole days from its start to its end (both included). The start is the
 * planned start, else the actual start; the end likewise. Null when either is unknown or the end
 * is before the start.
 */
export function elapsedShare(a: DatedActivity, asOf: string): number | null {
  const start = a.plannedStart ?? a.actualStart;
  const end = a.plannedEnd ?? a.actualEnd;
  if (start === null || end === null) return null;
  const s = dayNumber(firstDayOf(start));
  const e = dayNumber(lastDayOf(end));
  if (e < s) return null;
  const share = (dayNumber(asOf) - s + 1) / (e - s + 1);
  return Math.min(1, Math.max(0, share));
}

/** What one activity does for the leaves it counts for. */
export type Contribution = 'addresses' | 'launches' | 'none';

/**
 * Completed → addresses (but a completed activity whose end falls after `asOf` is judged as
 * ongoing); ongoing → addresses when its elapsed share reaches `addressedShare`, else launches
 * (unknown dates cannot pass the test); planned → launches; cancelled, suspended → nothing.
 */
export function contributionOf(a: DatedActivity, asOf: string, addressedShare: number): Contribution {
  switch (a.status) {
    case 'cancelled':
    case 'suspended':
      return 'none';
    case 'planned':
      return 'launches';
    case 'completed': {
      const end = a.actualEnd ?? a.plannedEnd;
      if (end === null || lastDayOf(end) <= asOf) return 'addresses';
      return ongoingContribution(a, asOf, addressedShare);
    }
    case 'ongoing':
      return ongoingContribution(a, asOf, addressedShare);
  }
}

function ongoingContribution(a: DatedActivity, asOf: string, addressedShare: number): Contribution {
  const share = elapsedShare(a, asOf);
  return share !== null && share >= addressedShare ? 'addresses' : 'launches';
}

// ---------------------------------------------------------------------------------------------
// Accumulators
// ---------------------------------------------------------------------------------------------

/** The index of `key` in `list`, adding it (made by `make`) when new. */
function intern<T>(index: Map<string, number>, key: string, list: T[], make: () => T): number {
  let i = index.get(key);
  if (i === undefined) {
    i = list.length;
    list.push(make());
    index.set(key, i);
  }
  return i;
}

/**
 * Keys interned as small integers (organisations, countries, funding groups), so that accumulators
 * add into arrays rather than string-keyed maps: the engine visits each activity once per node it
 * counts for, which is hundreds of thousands of visits on a large plan.
 */
class Keys {
  readonly orgs: string[] = [];
  readonly countries: string[] = [];
  /**
   * Funding groups: lines of one type, currency and year, summed before they are converted; `pair`
   * is the index of their (type, currency) in `pairs`, where the original amounts are summed.
   */
  readonly groups: { type: FundingType; typeIndex: number; currency: string; year: number; pair: number }[] = [];
  readonly pairs: { type: FundingType; typeIndex: number; currency: string }[] = [];
  /** `groups` indexes in the order results list them (`groupOrder`). */
  private sortedGroups: number[] = [];
  private readonly orgIndex = new Map<string, number>();
  private readonly countryIndex = new Map<string, number>();
  /** Per type index: currency → year → group index. */
  private readonly groupIndex = FUNDING_TYPES.map(() => new Map<string, Map<number, number>>());

  org(id: string): number {
    return intern(this.orgIndex, id, this.orgs, () => id);
  }

  /**
   * Group indexes by type, currency and year: the order of a result's amounts, worked out once
   * (again only when groups were added since), not by every figure's result.
   */
  groupOrder(): readonly number[] {
    if (this.sortedGroups.length !== this.groups.length) {
      const g = this.groups;
      this.sortedGroups = g
        .map((_, i) => i)
        .sort(
          (a, b) =>
            g[a]!.typeIndex - g[b]!.typeIndex ||
            g[a]!.currency.localeCompare(g[b]!.currency) ||
            g[a]!.year - g[b]!.year,
        );
    }
    return this.sortedGroups;
  }

  country(code: string): number {
    return intern(this.countryIndex, code, this.countries, () => code);
  }

  group(type: FundingType, currency: string, year: number): number {
    const typeIndex = TYPE_INDEX[type];
    const byCurrency = this.groupIndex[typeIndex]!;
    let byYear = byCurrency.get(currency);
    if (!byYear) {
      byYear = new Map();
      byCurrency.set(currency, byYear);
      this.pairs.push({ type, typeIndex, currency });
    }
    let g = byYear.get(year);
    if (g === undefined) {
      g = this.groups.length;
      const pair = this.pairs.findIndex((p) => p.typeIndex === typeIndex && p.currency === currency);
      this.groups.push({ type, typeIndex, currency, year, pair });
      byYear.set(year, g);
    }
    return g;
  }
}

/** What every accumulator of one computation shares. */
interface Shared {
  keys: Keys;
  converter: GroupConverter;
}

/**
 * Converts group sums to the reporting currency with the rate table and records the rates used.
 * A sum in the reporting currency is kept as is; a sum without a rate (or too large to convert
 * exactly) gives null.
 */
class GroupConverter {
  readonly used = new Map<string, CoverageRateUsed>();
  /** Per group index: its rate is in `used` already. */
  private readonly recorded: boolean[] = [];

  constructor(
    private readonly keys: Keys,
    private readonly rates: RateConverter,
    readonly reporting: ReportingCurrency,
  ) {}

  convert(group: number, amountMinor: number): { amountMinor: number; exact: boolean } | null {
    const g = this.keys.groups[group]!;
    if (g.currency === this.reporting) return { amountMinor, exact: true };
    let converted: Converted | null;
    try {
      converted = this.rates.convert(amountMinor, g.currency, g.year, this.reporting);
    } catch (err) {
      if (err instanceof RangeError) return null;
      throw err;
    }
    if (!converted) return null;
    if (!this.recorded[group]) {
      this.recorded[group] = true;
      const key = `${g.currency}|${g.year}`;
      if (!this.used.has(key)) {
        this.used.set(key, {
          from: g.currency,
          to: this.reporting,
          year: g.year,
          rateYear: converted.rateYear,
          rate: converted.rate,
          exact: converted.exact,
        });
      }
    }
    return { amountMinor: converted.amountMinor, exact: converted.exact };
  }
}

interface LineFact {
  /** Index of the line's (type, currency, year) group in `Keys.groups`; the year is the conversion year. */
  group: number;
  amountMinor: number;
  /** The year breakdown's bucket: the conversion year, but null when neither the line nor the activity has a date. */
  bucketYear: number | null;
}

interface ActivityFact {
  id: string;
  status: ActivityStatus;
  statusIndex: number;
  contribution: Contribution;
  /** Indexes in `Keys.countries`, each once. */
  countries: number[];
  /** Indexes in `Keys.orgs`, each once, and the bit mask of the roles each plays (bit = PARTICIPANT_ROLES index). */
  orgs: number[];
  roleMasks: number[];
  lines: LineFact[];
  first: { text: PartialDate; key: string } | null;
  last: { text: PartialDate; key: string } | null;
  /** Years the activity runs in (clipped to the period); null without any date. */
  years: number[] | null;
}

const TYPE_INDEX = Object.fromEntries(FUNDING_TYPES.map((t, i) => [t, i])) as Record<FundingType, number>;
const STATUS_INDEX = Object.fromEntries(ACTIVITY_STATUSES.map((t, i) => [t, i])) as Record<ActivityStatus, number>;
const ROLE_BIT = Object.fromEntries(PARTICIPANT_ROLES.map((r, i) => [r, 1 << i])) as Record<ParticipantRole, number>;

/** Funding of a set of activities, summed per group; converted when the result is asked for. */
class FundingAccumulator {
  private readonly sums: Float64Array;
  private readonly lines: Int32Array;

  constructor(private readonly shared: Shared) {
    const n = shared.keys.groups.length;
    this.sums = new Float64Array(n);
    this.lines = new Int32Array(n);
  }

  add(line: LineFact): void {
    this.sums[line.group]! += line.amountMinor;
    this.lines[line.group]! += 1;
  }

  result(): CoverageFunding {
    const { keys, converter } = this.shared;
    const reporting = converter.reporting;
    const converted = FUNDING_TYPES.map(() => ({ minor: 0, lines: 0, allLines: 0, exact: true }));
    const original: CoverageAmount[] = [];
    const unconverted: CoverageUnconvertedAmount[] = [];
    // Groups by type, currency and year: the groups of one (type, currency) pair follow each other,
    // so its original sum is complete when the pair changes, and the lists need no sorting.
    const { groups, pairs } = keys;
    let pair = -1;
    let pairMinor = 0;
    const closePair = () => {
      if (pair >= 0) original.push(amount(pairs[pair]!.type, pairs[pair]!.currency, pairMinor));
    };
    for (const i of keys.groupOrder()) {
      const lines = this.lines[i]!;
      if (lines === 0) continue;
      const g = groups[i]!;
      const minor = this.sums[i]!;
      if (g.pair !== pair) {
        closePair();
        pair = g.pair;
        pairMinor = 0;
      }
      pairMinor += minor;
      const c = converted[g.typeIndex]!;
      c.allLines += lines;
      const conv = converter.convert(i, minor);
      if (conv) {
        c.minor += conv.amountMinor;
        c.lines += lines;
        c.exact &&= conv.exact;
      } else {
        unconverted.push({ ...amount(g.type, g.currency, minor), year: g.year, lines });
      }
    }
    closePair();
    return {
      original,
      converted: FUNDING_TYPES.flatMap((type, t): CoverageConvertedAmount[] => {
        const c = converted[t]!;
        if (c.allLines === 0) return [];
        return [
          { ...amount(type, reporting, c.minor), lines: c.lines, exact: c.exact, complete: c.lines === c.allLines },
        ];
      }),
      unconverted,
    };
  }
}

function amount(type: FundingType, currency: string, minor: number): CoverageAmount {
  return { type, currency, amountMinor: minor, amount: fromMinorUnits(minor, currency) };
}

/** Counts and funding of a set of activities; the caller adds each activity once. */
class TallyAccumulator {
  activityCount = 0;
  private readonly byStatus = new Int32Array(ACTIVITY_STATUSES.length);
  readonly funding: FundingAccumulator;

  constructor(protected readonly shared: Shared) {
    this.funding = new FundingAccumulator(shared);
  }

  addActivity(f: ActivityFact, withFunding = true): void {
    this.activityCount += 1;
    this.byStatus[f.statusIndex]! += 1;
    if (withFunding) for (const l of f.lines) this.funding.add(l);
  }

  tally(): CoverageTally {
    return {
      activityCount: this.activityCount,
      byStatus: Object.fromEntries(ACTIVITY_STATUSES.map((s, i) => [s, this.byStatus[i]!])) as Record<
        ActivityStatus,
        number
      >,
      funding: this.funding.result(),
    };
  }
}

class FiguresAccumulator extends TallyAccumulator {
  /** Per organisation index: the mask of roles seen. */
  private readonly roles: Uint8Array;
  /** The organisation indexes seen, each once: a node has a few of a plan's thousands of partners. */
  private readonly orgsSeen: number[] = [];
  private readonly countries: Uint8Array;
  private first: ActivityFact['first'] = null;
  private last: ActivityFact['last'] = null;

  constructor(shared: Shared) {
    super(shared);
    this.roles = new Uint8Array(shared.keys.orgs.length);
    this.countries = new Uint8Array(shared.keys.countries.length);
  }

  override addActivity(f: ActivityFact): void {
    super.addActivity(f);
    for (let i = 0; i < f.orgs.length; i += 1) {
      const org = f.orgs[i]!;
      if (this.roles[org] === 0) this.orgsSeen.push(org);
      this.roles[org]! |= f.roleMasks[i]!;
    }
    for (const c of f.countries) this.countries[c] = 1;
    if (f.first && (!this.first || earlier(f.first, this.first))) this.first = f.first;
    if (f.last && (!this.last || earlier(this.last, f.last))) this.last = f.last;
  }

  /** The figures; with `withIds`, the partners' ids too. */
  figures(withIds: boolean): CoverageFigures {
    const byRole = Object.fromEntries(PARTICIPANT_ROLES.map((r) => [r, 0])) as Record<ParticipantRole, number>;
    const organisationIds: string[] = [];
    const count = this.orgsSeen.length;
    for (const org of this.orgsSeen) {
      const mask = this.roles[org]!;
      if (withIds) organisationIds.push(this.shared.keys.orgs[org]!);
      for (const r of PARTICIPANT_ROLES) if (mask & ROLE_BIT[r]) byRole[r] += 1;
    }
    const countries: string[] = [];
    for (let i = 0; i < this.countries.length; i += 1) {
      if (this.countries[i]) countries.push(this.shared.keys.countries[i]!);
    }
    return {
      ...this.tally(),
      partners: withIds ? { count, byRole, organisationIds: organisationIds.sort() } : { count, byRole },
      countries: countries.sort(compareCountries),
      firstDate: this.first?.text ?? null,
      lastDate: this.last?.text ?? null,
    };
  }
}

function earlier(a: { text: string; key: string }, b: { text: string; key: string }): boolean {
  return a.key < b.key || (a.key === b.key && a.text < b.text);
}

const COUNTRY_ORDER = new Map<string, number>(COUNTRY_CODES.map((c, i) => [c, i]));

/** ASEAN member states in the vocabulary's order, then other codes, then the region as a whole. */
function compareCountries(a: string, b: string): number {
  const rank = (c: string) => (c === REGION_CODE ? 2 : COUNTRY_ORDER.has(c) ? 0 : 1);
  return rank(a) - rank(b) || (COUNTRY_ORDER.get(a) ?? 0) - (COUNTRY_ORDER.get(b) ?? 0) || a.localeCompare(b);
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

interface NodeInfo {
  node: CoverageNodeInput;
  /** Position in framework order. */
  index: number;
  parent: NodeInfo | null;
  depth: number;
  inForce: boolean;
  children: NodeInfo[];
  /** Indexes into the facts of the activities counted for the node, each once. */
  counted: number[];
  directCount: number;
  state: CoverageState;
  rollup: CoverageRollup | null;
  leaf: boolean;
}

function rollupOf(addressed: number, launched: number, notStarted: number): CoverageRollup {
  const leaves = addressed + launched + notStarted;
  return {
    addressed,
    launched,
    notStarted,
    leaves,
    percentAddressed: leaves ? Math.round((1000 * addressed) / leaves) / 10 : null,
  };
}

function addRollups(parts: readonly CoverageRollup[]): CoverageRollup {
  let a = 0;
  let l = 0;
  let n = 0;
  for (const p of parts) {
    a += p.addressed;
    l += p.launched;
    n += p.notStarted;
  }
  return rollupOf(a, l, n);
}

function stateOfActivities(counted: Iterable<number>, facts: readonly ActivityFact[]): CoverageState {
  let launched = false;
  for (const i of counted) {
    const c = facts[i]!.contribution;
    if (c === 'addresses') return 'addressed';
    if (c === 'launches') launched = true;
  }
  return launched ? 'launched' : 'not_started';
}

/** The nodes in framework order (parents before children, siblings by position then code), with depth. */
function frameworkOrder(nodes: readonly CoverageNodeInput[]): NodeInfo[] {
  const infos = new Map<string, NodeInfo>();
  for (const node of nodes) {
    infos.set(node.id, {
      node,
      index: 0,
      parent: null,
      depth: 0,
      inForce: false,
      children: [],
      counted: [],
      directCount: 0,
      state: 'not_started',
      rollup: null,
      leaf: false,
    });
  }
  const roots: NodeInfo[] = [];
  for (const info of infos.values()) {
    const parent = info.node.parentId === null ? undefined : infos.get(info.node.parentId);
    if (parent && parent !== info) {
      info.parent = parent;
      parent.children.push(info);
    } else roots.push(info);
  }
  const bySibling = (a: NodeInfo, b: NodeInfo) =>
    a.node.position - b.node.position || a.node.code.localeCompare(b.node.code, 'en', { numeric: true });
  const order: NodeInfo[] = [];
  const seen = new Set<NodeInfo>();
  const visit = (info: NodeInfo, depth: number, parentInForce: boolean) => {
    if (seen.has(info)) return;
    seen.add(info);
    info.depth = depth;
    info.inForce = parentInForce && info.node.status === 'active';
    info.index = order.length;
    order.push(info);
    for (const c of info.children.sort(bySibling)) visit(c, depth + 1, info.inForce);
  };
  for (const r of roots.sort(bySibling)) visit(r, 0, true);
  // Nodes caught in a parent cycle are unreachable from a root: show them as roots, not in force.
  for (const info of infos.values()) if (!seen.has(info)) visit(info, 0, false);
  return order;
}

/**
 * Computes coverage for one plan (or the selected pillars of it): everything without a shape,
 * else what the shape asks for.
 */
export function computeCoverage(
  input: CoverageInput,
  options: CoverageOptions & { shape?: undefined },
): FullCoverageResult;
export function computeCoverage(input: CoverageInput, options: CoverageOptions): CoverageResult;
export function computeCoverage(input: CoverageInput, options: CoverageOptions): CoverageResult {
  const withIds = options.shape?.ids ?? true;
  const addressedShare = options.addressedShare ?? DEFAULT_ADDRESSED_SHARE;
  const reporting = options.reportingCurrency ?? DEFAULT_REPORTING_CURRENCY;
  const asOf = options.asOf;
  const order = frameworkOrder(input.nodes);
  const infoById = new Map(order.map((i) => [i.node.id, i]));

  // Links → the activities counted per node (each node and its ancestors), once each: per
  // activity, a node stamped with the activity's index has it already, and so have its ancestors.
  const linked = new Map<string, NodeInfo[]>();
  for (const link of input.links) {
    const info = infoById.get(link.nodeId);
    if (!info) continue;
    const list = linked.get(link.activityId);
    if (list) list.push(info);
    else linked.set(link.activityId, [info]);
  }
  const facts: ActivityFact[] = [];
  const keys = new Keys();
  const shared: Shared = { keys, converter: new GroupConverter(keys, options.rates, reporting) };
  const ctx = { asOf, addressedShare, period: options.period, keys };
  const countedStamp = new Int32Array(order.length).fill(-1);
  const directStamp = new Int32Array(order.length).fill(-1);
  for (const activity of input.activities) {
    const infos = linked.get(activity.id);
    if (!infos) continue;
    linked.delete(activity.id); // an activity given twice counts once
    const i = facts.length;
    facts.push(activityFact(activity, ctx));
    for (const info of infos) {
      if (directStamp[info.index] !== i) {
        directStamp[info.index] = i;
        info.directCount += 1;
      }
      // Up to the root; the step limit guards against a cycle of parents.
      for (let n: NodeInfo | null = info, steps = 0; n && steps < order.length; n = n.parent, steps += 1) {
        if (countedStamp[n.index] === i) break;
        countedStamp[n.index] = i;
        n.counted.push(i);
      }
    }
  }

  // States and roll-ups, children before parents.
  for (const info of [...order].reverse()) {
    const inForceChildren = info.children.filter((c) => c.inForce);
    info.leaf = info.inForce && inForceChildren.length === 0;
    if (!info.inForce) {
      info.state = stateOfActivities(info.counted, facts);
      info.rollup = null;
    } else if (info.leaf) {
      info.state = stateOfActivities(info.counted, facts);
      info.rollup = rollupOf(
        info.state === 'addressed' ? 1 : 0,
        info.state === 'launched' ? 1 : 0,
        info.state === 'not_started' ? 1 : 0,
      );
    } else {
      const r = addRollups(inForceChildren.map((c) => c.rollup!));
      info.rollup = r;
      info.state = r.addressed === r.leaves ? 'addressed' : r.addressed + r.launched > 0 ? 'launched' : 'not_started';
    }
  }

  // Activity ids come out sorted: rank the facts by id once, then sort each node's ranks as numbers.
  const idOrder = withIds ? facts.map((_, i) => i).sort((a, b) => (facts[a]!.id < facts[b]!.id ? -1 : 1)) : [];
  const rankOf = new Int32Array(idOrder.length);
  idOrder.forEach((factIdx, rank) => (rankOf[factIdx] = rank));
  const sortedIds = (counted: readonly number[]) =>
    Array.from(Int32Array.from(counted, (i) => rankOf[i]!).sort(), (rank) => facts[idOrder[rank]!]!.id);

  const shape = options.shape;
  const wants = (b: CoverageBreakdown) => !shape?.breakdowns || shape.breakdowns.includes(b);
  const maxDepth = shape?.depth ?? null;
  const listed = (info: NodeInfo) => maxDepth === null || info.depth <= maxDepth;
  // The figures of a node are worked out when it is listed, or when a breakdown by its level is asked.
  const figured = (info: NodeInfo) =>
    listed(info) || (info.depth === 0 && wants('pillar')) || (info.depth === 1 && wants('area'));

  const nodeById = new Map<string, CoverageNode>();
  for (const info of order) {
    if (!figured(info)) continue;
    const acc = new FiguresAccumulator(shared);
    for (const i of info.counted) acc.addActivity(facts[i]!);
    nodeById.set(info.node.id, {
      id: info.node.id,
      parentId: info.node.parentId,
      code: info.node.code,
      kind: info.node.kind,
      title: info.node.title,
      depth: info.depth,
      position: info.node.position,
      status: info.node.status,
      inForce: info.inForce,
      leaf: info.leaf,
      state: info.state,
      rollup: info.rollup,
      ...acc.figures(withIds),
      directActivityCount: info.directCount,
      ...(withIds ? { activityIds: sortedIds(info.counted) } : {}),
    });
  }
  const nodes = order.filter(listed).map((info) => nodeById.get(info.node.id)!);

  const gaps = order
    .filter((info) => info.leaf && info.state === 'not_started')
    .map((info): CoverageGap => ({
      nodeId: info.node.id,
      parentId: info.node.parentId,
      code: info.node.code,
      kind: info.node.kind,
      title: info.node.title,
      depth: info.depth,
      reason: info.counted.length ? 'only_cancelled_or_suspended' : 'no_activity',
      activityCount: info.counted.length,
    }));

  // Plan totals: every activity counted for any node, once.
  const total = new FiguresAccumulator(shared);
  for (const f of facts) total.addActivity(f);
  const planRollup = addRollups(order.filter((i) => i.depth === 0 && i.inForce).map((i) => i.rollup!));

  const nodeBucket = (n: CoverageNode): CoverageNodeBucket => ({
    nodeId: n.id,
    code: n.code,
    title: n.title,
    inForce: n.inForce,
    state: n.state,
    rollup: n.rollup,
    activityCount: n.activityCount,
    byStatus: n.byStatus,
    funding: n.funding,
  });
  const levelBuckets = (depth: number) =>
    order.filter((i) => i.depth === depth).map((i) => nodeBucket(nodeById.get(i.node.id)!));

  return {
    asOf,
    addressedShare,
    currency: reporting,
    summary: { ...total.figures(withIds), rollup: planRollup, gapCount: gaps.length },
    nodes,
    gaps,
    breakdowns: {
      ...(wants('pillar') ? { byPillar: levelBuckets(0) } : {}),
      ...(wants('area') ? { byArea: levelBuckets(1) } : {}),
      ...(wants('partner')
        ? partnerBreakdown(facts, shared, options.organisations ?? [], shape?.partners ?? 'all')
        : {}),
      ...(wants('country') ? { byCountry: countryBreakdown(facts, shared) } : {}),
      ...(wants('year') ? { byYear: yearBreakdown(facts, shared) } : {}),
    },
    rates: [...shared.converter.used.values()].sort(
      (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.year - b.year,
    ),
  };
}

function activityFact(
  a: CoverageActivityInput,
  ctx: {
    asOf: string;
    addressedShare: number;
    period: CoverageOptions['period'];
    keys: Keys;
  },
): ActivityFact {
  const { keys } = ctx;
  const { start, end } = recordedSpan(a);
  const countries = new Set(a.countries);
  if (a.regional) countries.add(REGION_CODE);
  const masks = new Map<number, number>();
  for (const p of a.participants) {
    const o = keys.org(p.organisationId);
    masks.set(o, (masks.get(o) ?? 0) | ROLE_BIT[p.role]);
  }
  const startYear = start !== null ? yearOf(start) : null;
  const lines = a.funding.map((l): LineFact => {
    const bucketYear = l.date !== null ? yearOf(l.date) : startYear;
    const year = bucketYear ?? yearOf(ctx.asOf);
    return { group: keys.group(l.type, l.currency, year), amountMinor: l.amountMinor, bucketYear };
  });
  const firstText = start ?? end;
  const lastText = end ?? start;
  return {
    id: a.id,
    status: a.status,
    statusIndex: STATUS_INDEX[a.status],
    contribution: contributionOf(a, ctx.asOf, ctx.addressedShare),
    countries: [...countries].map((c) => keys.country(c)),
    orgs: [...masks.keys()],
    roleMasks: [...masks.values()],
    lines,
    first: firstText === null ? null : { text: firstText, key: firstDayOf(firstText) },
    last: lastText === null ? null : { text: lastText, key: lastDayOf(lastText) },
    years: activityYears(a, ctx.asOf, ctx.period),
  };
}

/**
 * The years an activity runs in: from its start (else end) to its end (else, when planned or
 * ongoing, the reference year; else its start), clipped to the period's years. Null without dates.
 */
function activityYears(a: CoverageActivityInput, asOf: string, period: CoverageOptions['period']): number[] | null {
  const { start, end } = recordedSpan(a);
  const s = start ?? end;
  if (s === null) return null;
  const first = yearOf(s);
  const e = end ?? (OPEN_STATUSES.includes(a.status) ? asOf : s);
  const last = Math.max(first, yearOf(e));
  let lo = period?.from ? Math.max(first, yearOf(period.from)) : first;
  let hi = period?.to ? Math.min(last, yearOf(period.to)) : last;
  if (lo > hi) [lo, hi] = [first, last];
  const years: number[] = [];
  for (let y = lo; y <= hi; y += 1) years.push(y);
  return years;
}

/**
 * Partners by activity count (then name), each with the activities it takes part in; with a
 * limit, the first `limit` of them, and the others together (their activities once each).
 */
function partnerBreakdown(
  facts: readonly ActivityFact[],
  shared: Shared,
  organisations: readonly OrganisationRef[],
  limit: number | 'all',
): { byPartner: CoveragePartnerBucket[]; otherPartners: CoverageOtherPartners | null } {
  const names = new Map(organisations.map((o) => [o.id, o]));
  const orgs = shared.keys.orgs;
  const counts = new Int32Array(orgs.length);
  const roles = new Uint8Array(orgs.length);
  for (const f of facts) {
    for (let i = 0; i < f.orgs.length; i += 1) {
      const org = f.orgs[i]!;
      counts[org]! += 1;
      roles[org]! |= f.roleMasks[i]!;
    }
  }
  const refs = orgs.map((id): OrganisationRef => names.get(id) ?? { id, name: { en: null, fr: null }, acronym: null });
  const labels = refs.map((o) => o.name.en ?? o.name.fr ?? o.acronym ?? o.id);
  // Organisations are interned in the order the activities name them: a stable sort keeps that order for ties.
  const ranked = orgs
    .map((_, org) => org)
    .filter((org) => counts[org]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || labels[a]!.localeCompare(labels[b]!));
  const listed = limit === 'all' ? ranked : ranked.slice(0, limit);
  const left = ranked.slice(listed.length);

  const accOf: (TallyAccumulator | undefined)[] = new Array<TallyAccumulator | undefined>(orgs.length);
  for (const org of listed) accOf[org] = new TallyAccumulator(shared);
  const others = left.length ? new TallyAccumulator(shared) : null;
  for (const f of facts) {
    let withOthers = false;
    for (const org of f.orgs) {
      const acc = accOf[org];
      if (acc) acc.addActivity(f);
      else withOthers = true;
    }
    if (withOthers) others?.addActivity(f);
  }
  const roleList = (mask: number) => PARTICIPANT_ROLES.filter((r) => mask & ROLE_BIT[r]);
  let otherRoles = 0;
  for (const org of left) otherRoles |= roles[org]!;
  return {
    byPartner: listed.map((org): CoveragePartnerBucket => ({
      organisation: refs[org]!,
      roles: roleList(roles[org]!),
      ...accOf[org]!.tally(),
    })),
    otherPartners: others && { organisationCount: left.length, roles: roleList(otherRoles), ...others.tally() },
  };
}

function countryBreakdown(facts: readonly ActivityFact[], shared: Shared): CoverageCountryBucket[] {
  const buckets = new Map<string, TallyAccumulator>();
  for (const f of facts) {
    for (const c of f.countries) {
      const code = shared.keys.countries[c]!;
      let acc = buckets.get(code);
      if (!acc) {
        acc = new TallyAccumulator(shared);
        buckets.set(code, acc);
      }
      acc.addActivity(f);
    }
  }
  return [...buckets.keys()]
    .sort(compareCountries)
    .map((country): CoverageCountryBucket => ({ country, ...buckets.get(country)!.tally() }));
}

/** Activities in every year they run; funding lines in their own year, so that no line counts twice. */
function yearBreakdown(facts: readonly ActivityFact[], shared: Shared): CoverageYearBucket[] {
  const buckets = new Map<number | null, TallyAccumulator>();
  const bucket = (year: number | null) => {
    let acc = buckets.get(year);
    if (!acc) {
      acc = new TallyAccumulator(shared);
      buckets.set(year, acc);
    }
    return acc;
  };
  for (const f of facts) {
    for (const y of f.years ?? [null]) bucket(y).addActivity(f, false);
    for (const l of f.lines) bucket(l.bucketYear).funding.add(l);
  }
  return [...buckets.keys()]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b))
    .map((year): CoverageYearBucket => ({ year, ...buckets.get(year)!.tally() }));
}
