import type { LocalizedText } from './localized';

/**
 * Coverage of a plan's framework by its activities: the states, the options and the rules as
 * text, so that the API, the UI and the CLI show the rule the engine (`src/core/coverage`) applies.
 * docs/monitoring.md ("Coverage") is the long form of the same rules.
 */

/** A framework node's coverage state, in increasing order of progress. */
export const COVERAGE_STATES = ['not_started', 'launched', 'addressed'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** Currencies a coverage report may convert its funding into. */
export const REPORTING_CURRENCIES = ['CAD', 'USD'] as const;
export type ReportingCurrency = (typeof REPORTING_CURRENCIES)[number];
export const DEFAULT_REPORTING_CURRENCY: ReportingCurrency = 'CAD';

/** Share of an ongoing activity's period that must have elapsed for it to address its nodes. */
export const DEFAULT_ADDRESSED_SHARE = 0.5;

/** Why an in-force leaf is in the gap list. */
export const GAP_REASONS = ['no_activity', 'only_cancelled_or_suspended'] as const;
export type GapReason = (typeof GAP_REASONS)[number];

/**
 * What the coverage API adds on request (`include`): `ids`, every node's activity ids and partner
 * organisation ids (and the plan's partner ids), which are most of the answer's bytes on a large plan.
 */
export const COVERAGE_INCLUDES = ['ids'] as const;
export type CoverageInclude = (typeof COVERAGE_INCLUDES)[number];

/**
 * The coverage API's breakdowns (`breakdowns`): by pillar, area, partner, country and year. All by
 * default; a chart that reads the nodes' counts only asks for `none`.
 */
export const COVERAGE_BREAKDOWNS = ['pillar', 'area', 'partner', 'country', 'year'] as const;
export type CoverageBreakdown = (typeof COVERAGE_BREAKDOWNS)[number];

/** The deepest framework level the coverage API may be asked to stop at (`depth`; 0 is the pillars). */
export const MAX_COVERAGE_DEPTH = 20;

/** Partners the coverage API lists in its partner breakdown unless asked for more (`partners`); the rest are summed. */
export const DEFAULT_PARTNER_LIMIT = 20;
/** The largest number of partners one may ask for by number; `partners=all` lists every one. */
export const MAX_PARTNER_LIMIT = 1000;

export interface CoverageRule {
  /** Stable key, e.g. for anchors in the UI. */
  id: string;
  text: LocalizedText;
}

/** "50 %" style percentage of a share in 0..1, with at most one decimal. */
function percent(share: number, lang: 'en' | 'fr'): string {
  const p = Math.round(share * 1000) / 10;
  return lang === 'en' ? `${p}%` : `${String(p).replace('.', ',')} %`;
}

/** The coverage rules as shown to readers, with the addressed share filled in. */
export function coverageRules(addressedShare: number): CoverageRule[] {
  const en = percent(addressedShare, 'en');
  const fr = percent(addressedShare, 'fr');
  return [
    {
      id: 'counting',
      text: {
        en: 'An activity counts for a node when it is linked to that node or to any node below it; it counts once per node however many of its descendants it is linked to, and once in every total.',
        fr: 'Une activité compte pour un nœud lorsqu’elle est liée à ce nœud ou à un nœud situé en dessous; elle compte une fois par nœud, quel que soit le nombre de descendants auxquels elle est liée, et une fois dans chaque total.',
      },
    },
    {
      id: 'leaves',
      text: {
        en: 'Coverage is measured on leaves: the action lines, and any node without active children (an area without action lines is its own leaf).',
        fr: 'La couverture se mesure sur les feuilles : les lignes d’action, et tout nœud sans enfant actif (un domaine sans ligne d’action est sa propre feuille).',
      },
    },
    {
      id: 'retired',
      text: {
        en: 'Retired nodes, and the nodes below them, are shown with their figures but are not leaves: they are left out of the number of leaves and out of the gap list. Their activities still count in the figures of the nodes above them and in the totals.',
        fr: 'Les nœuds retirés, et ceux qui se trouvent en dessous, sont affichés avec leurs chiffres mais ne sont pas des feuilles : ils ne comptent ni dans le nombre de feuilles ni dans la liste des lacunes. Leurs activités comptent toujours dans les chiffres des nœuds supérieurs et dans les totaux.',
      },
    },
    {
      id: 'leaf-state',
      text: {
        en: `A leaf is addressed when at least one of its activities is completed, or is ongoing with at least ${en} of its planned period (else its actual period) elapsed on the reference date; it is launched when at least one is planned or ongoing; otherwise it is not started. Cancelled and suspended activities are counted but neither launch nor address anything.`,
        fr: `Une feuille est traitée lorsqu’au moins une de ses activités est terminée, ou en cours avec au moins ${fr} de sa période prévue (sinon de sa période réelle) écoulée à la date de référence; elle est lancée lorsqu’au moins une est prévue ou en cours; sinon elle n’est pas commencée. Les activités annulées ou suspendues sont comptées mais ne lancent ni ne traitent rien.`,
      },
    },
    {
      id: 'reference-date',
      text: {
        en: 'The reference date is the end of the selected period, or today when the period ends later or none is selected. A completed activity whose end date falls after the reference date is judged as ongoing on that date.',
        fr: 'La date de référence est la fin de la période choisie, ou aujourd’hui si la période se termine plus tard ou si aucune n’est choisie. Une activité terminée dont la date de fin est postérieure à la date de référence est jugée en cours à cette date.',
      },
    },
    {
      id: 'unknown-dates',
      text: {
        en: 'Partial dates are read generously: a start of “2013” means 1 January 2013, an end of “2013” means 31 December 2013. An ongoing activity without both a start and an end date cannot pass the elapsed-share test: it launches its leaves but does not address them.',
        fr: 'Les dates partielles sont lues largement : un début « 2013 » signifie le 1er janvier 2013, une fin « 2013 » le 31 décembre 2013. Une activité en cours sans date de début et de fin ne peut pas passer le test de la part écoulée : elle lance ses feuilles sans les traiter.',
      },
    },
    {
      id: 'rollup',
      text: {
        en: 'A node above the leaves is addressed when all its active leaves are addressed, launched when any of them is launched or addressed, and not started otherwise. Each plan, pillar and area reports “N of M action lines addressed (P %)” over its active leaves.',
        fr: 'Un nœud au-dessus des feuilles est traité lorsque toutes ses feuilles actives le sont, lancé lorsqu’au moins une est lancée ou traitée, et non commencé sinon. Chaque plan, pilier et domaine indique « N lignes d’action traitées sur M (P %) » sur ses feuilles actives.',
      },
    },
    {
      id: 'gaps',
      text: {
        en: 'The gap list holds the active leaves that are not started: those without any activity, and those whose only activities are cancelled or suspended.',
        fr: 'La liste des lacunes contient les feuilles actives non commencées : celles sans aucune activité et celles dont les seules activités sont annulées ou suspendues.',
      },
    },
    {
      id: 'money',
      text: {
        en: 'Funding is summed per type (commitment, disbursement, budget) and per original currency, and converted to the reporting currency with the annual rate of each line’s year (its date, else the activity’s start, else the reference date). Lines without a rate are listed as not converted, never added silently.',
        fr: 'Le financement est additionné par type (engagement, décaissement, budget) et par devise d’origine, puis converti dans la devise de présentation au taux annuel de l’année de chaque ligne (sa date, sinon le début de l’activité, sinon la date de référence). Les lignes sans taux sont indiquées comme non converties, jamais additionnées en silence.',
      },
    },
  ];
}

/** The one-sentence form of the state rule, for a caption. */
export function coverageRuleSummary(addressedShare: number): LocalizedText {
  return {
    en: `Addressed: an activity completed, or ongoing with ${percent(addressedShare, 'en')} of its period elapsed. Launched: an activity planned or ongoing. Not started: neither.`,
    fr: `Traitée : une activité terminée, ou en cours avec ${percent(addressedShare, 'fr')} de sa période écoulée. Lancée : une activité prévue ou en cours. Non commencée : ni l’un ni l’autre.`,
  };
}
