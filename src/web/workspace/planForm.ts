/**
 * The plan details form: every field `PUT /api/v1/plans/:idOrSlug` takes, as the text the
 * administrator types, converted to and from the API's shapes.
 */
import type { PlanDetail } from '../../shared/api-types';
import { SIDES, type Side } from '../../shared/vocab';
import type { LocalizedDraft } from './activityForm';

export interface PlanForm {
  title: LocalizedDraft;
  shortTitle: LocalizedDraft;
  summary: LocalizedDraft;
  description: LocalizedDraft;
  status: string;
  periodStart: string;
  periodEnd: string;
  periodNote: string;
  adoptedOn: string;
  adoptedAt: LocalizedDraft;
  fullTextUrl: string;
  /** The sides whose reviewers must approve the plan's activities (null: not known, to be chosen). */
  signoffSides: Side[] | null;
}

const s = (v: string | null | undefined) => v ?? '';
const draft = (v: { en: string | null; fr: string | null }): LocalizedDraft => ({ en: s(v.en), fr: s(v.fr) });
const opt = (v: string) => (v.trim() === '' ? null : v.trim());
const localized = (v: LocalizedDraft) => ({ en: opt(v.en), fr: opt(v.fr) });

export function planFormFrom(p: PlanDetail, signoffSides: Side[] | null): PlanForm {
  return {
    title: draft(p.title),
    shortTitle: draft(p.shortTitle),
    summary: draft(p.summary),
    description: draft(p.description),
    status: p.status,
    periodStart: String(p.periodStart),
    periodEnd: String(p.periodEnd),
    periodNote: s(p.periodNote),
    adoptedOn: s(p.adoptedOn),
    adoptedAt: draft(p.adoptedAt),
    fullTextUrl: s(p.fullTextUrl),
    signoffSides,
  };
}

/**
 * A typed year as the schema reads it: a number when it is digits, absent when empty, else the
 * text itself (which the schema reports as not a year, without also comparing it with the other).
 */
export function yearInput(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d{1,4}$/.test(t) ? Number(t) : t;
}

/** The body of `PUT /api/v1/plans/:idOrSlug`. */
export function planFormToInput(f: PlanForm) {
  return {
    title: localized(f.title),
    shortTitle: localized(f.shortTitle),
    summary: localized(f.summary),
    description: localized(f.description),
    status: f.status,
    periodStart: yearInput(f.periodStart),
    periodEnd: yearInput(f.periodEnd),
    periodNote: opt(f.periodNote),
    adoptedOn: opt(f.adoptedOn),
    adoptedAt: localized(f.adoptedAt),
    fullTextUrl: opt(f.fullTextUrl),
    signoffSides: f.signoffSides ?? [],
  };
}

/** A recorded list of sides, or null when the value is not one. */
export function sidesOf(value: unknown): Side[] | null {
  if (!Array.isArray(value)) return null;
  const sides: Side[] = [];
  for (const v of value as unknown[]) {
    const side = SIDES.find((known) => known === v);
    if (!side) return null;
    sides.push(side);
  }
  return sides;
}

/** The sides that must sign off, as the plan's read model gives them. */
export function knownSignoffSides(plan: PlanDetail): Side[] {
  return [...plan.signoffSides];
}

/** Fields compared when a save meets a newer stored version. */
export const PLAN_MERGE_FIELDS = [
  'title.en',
  'title.fr',
  'shortTitle.en',
  'shortTitle.fr',
  'summary.en',
  'summary.fr',
  'description.en',
  'description.fr',
  'status',
  'periodStart',
  'periodEnd',
  'periodNote',
  'adoptedOn',
  'adoptedAt.en',
  'adoptedAt.fr',
  'fullTextUrl',
  'signoffSides',
] as const;

/** The form's controls, for linking errors to them. */
export const PLAN_CONTROLS: ReadonlySet<string> = new Set(PLAN_MERGE_FIELDS);
