import { z } from 'zod';
import { currencyExponent, normalizeAmount } from '../money';
import { isPartialDate, partialDateSchema } from '../partial-date';
import {
  evenWhenFieldsAreWrong,
  localizedText,
  optionalPartialDate,
  optionalText,
  optionalUrl,
  requiredLocalizedText,
  text,
} from './fields';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  FUNDING_TYPES,
  INDICATOR_MEASURES,
  ISO_COUNTRY,
  NARRATIVE_FIELDS,
  PARTICIPANT_ROLES,
  REGION_VOCABULARIES,
  RESULT_TYPES,
  SECTOR_VOCABULARIES,
} from '../vocab';

/**
 * One activity as officers write it: the body of POST and PUT /api/v1/activities, the workspace
 * form and the CLI/import mapping all validate with this schema. Every message says how to fix it.
 */

const id = z.string().trim().min(1, 'Choose one.').max(100);

const amount = z
  .string({ error: 'Give the amount as digits, e.g. 3000000 or 1250.50.' })
  .trim()
  .regex(
    /^\d{1,13}(\.\d{1,3})?$/,
    'Give the amount as digits with at most 3 decimals, without separators, e.g. 3000000 or 1250.50.',
  )
  .transform(normalizeAmount);

/** A share in percent, 0 to 100 with at most 2 decimals, as a number or digits; empty means none. */
const percentage = z
  .union([z.number(), z.string().trim()], { error: 'Give a percentage between 0 and 100, e.g. 60 or 33.33.' })
  .transform((v, ctx) => {
    if (v === '') return null;
    const n = typeof v === 'number' ? v : /^\d{1,3}(\.\d{1,2})?$/.test(v) ? Number(v) : NaN;
    // Hundredths compared with a tolerance: 0.29 * 100 is 28.999999999999996 in binary floating point.
    if (!Number.isFinite(n) || n < 0 || n > 100 || Math.abs(Math.round(n * 100) - n * 100) > 1e-6) {
      ctx.addIssue({
        code: 'custom',
        message: 'Give a percentage between 0 and 100 with at most 2 decimals, e.g. 60.',
      });
      return z.NEVER;
    }
    return n;
  })
  .nullish()
  .transform((v) => v ?? null);

/** Codes of the IATI sector vocabularies whose format is known, with the fix for a wrong one. */
const SECTOR_CODE_FORMATS: Partial<Record<string, [RegExp, string]>> = {
  '1': [/^\d{5}$/, 'A DAC 5-digit purpose code has five digits, e.g. 15170.'],
  '2': [/^\d{3}$/, 'A DAC 3-digit sector code has three digits, e.g. 151.'],
  '7': [/^([1-9]|1[0-7])$/, 'An SDG goal is a number from 1 to 17.'],
  '8': [/^([1-9]|1[0-7])\.([1-9]\d?|[a-c])$/, 'An SDG target is written like 5.2 or 16.a.'],
};

/** A sector of an activity in one of the IATI sector vocabularies, with its share of the activity. */
const sector = z
  .object({
    vocabulary: z.enum(SECTOR_VOCABULARIES, {
      error: `Choose a sector vocabulary: ${SECTOR_VOCABULARIES.join(', ')} (1 is the OECD DAC 5-digit purpose code).`,
    }),
    code: text(50).min(1, 'Give the sector code, e.g. 15170.'),
    percentage,
    /** The sector's name, for vocabularies whose codes ActionLine cannot name (the publisher's own, 98 and 99). */
    name: optionalText(300),
  })
  .strict()
  // Also when the share is wrong, so that both problems are reported at once.
  .superRefine((s, ctx) => {
    const format = typeof s.vocabulary === 'string' ? SECTOR_CODE_FORMATS[s.vocabulary] : undefined;
    if (format && typeof s.code === 'string' && s.code && !format[0].test(s.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: format[1] });
  }, evenWhenFieldsAreWrong);

/** A recipient country outside the ASEAN member states and Timor-Leste, or a recipient region. */
const otherRecipient = z
  .object({
    kind: z.enum(['country', 'region'], { error: 'Choose country or region.' }),
    code: text(20).min(1, 'Give the country or region code.'),
    /** Regions only: the IATI region vocabulary (1 OECD DAC, 2 UN M49, 99 the publisher's own). */
    vocabulary: z
      .enum(REGION_VOCABULARIES, { error: `Choose a region vocabulary: ${REGION_VOCABULARIES.join(', ')}.` })
      .nullish()
      .transform((v) => v ?? null),
    name: optionalText(300),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.kind === 'country') {
      if (!ISO_COUNTRY.test(r.code))
        ctx.addIssue({ code: 'custom', path: ['code'], message: 'Use a two-letter ISO 3166-1 country code, e.g. CN.' });
      else if ((COUNTRY_CODES as readonly string[]).includes(r.code))
        ctx.addIssue({
          code: 'custom',
          path: ['code'],
          message: 'ASEAN member states and Timor-Leste belong in the countries field.',
        });
      if (r.vocabulary !== null)
        ctx.addIssue({
          code: 'custom',
          path: ['vocabulary'],
          message: 'Only a region has a vocabulary; leave it empty for a country.',
        });
    } else {
      if (r.vocabulary === null)
        ctx.addIssue({
          code: 'custom',
          path: ['vocabulary'],
          message: 'Choose the region vocabulary, e.g. 1 (OECD DAC).',
        });
      if ((r.vocabulary === '1' || r.vocabulary === '2') && !/^\d{1,3}$/.test(r.code))
        ctx.addIssue({
          code: 'custom',
          path: ['code'],
          message: 'An OECD DAC or UN region code is a number, e.g. 798.',
        });
      if (r.vocabulary === '1' && r.code === '789')
        ctx.addIssue({
          code: 'custom',
          path: ['code'],
          message: 'Far East Asia (789) is the ASEAN region: mark the activity region-wide instead.',
        });
    }
  });

/** A measured value of an indicator: a number for units and percentages, else words. */
const indicatorValue = optionalText(200);

const NUMERIC_MEASURES: readonly string[] = ['unit', 'percentage'];
const NUMBER = /^-?\d{1,13}(\.\d{1,6})?$/;

const indicator = z
  .object({
    title: requiredLocalizedText(500, 'Give the indicator a title in English, French or both.'),
    description: localizedText(2000),
    measure: z.enum(INDICATOR_MEASURES, { error: `Choose a measure: ${INDICATOR_MEASURES.join(', ')}.` }),
    /** True when a higher value is better. */
    ascending: z.boolean({ error: 'Say true or false.' }).default(true),
    baselineYear: z
      .number({ error: 'Give the baseline year as a number, e.g. 2015.' })
      .int('Give the baseline year as a whole number, e.g. 2015.')
      .min(1900, 'Give a year from 1900 on.')
      .max(2200, 'Give a year before 2200.')
      .nullish()
      .transform((v) => v ?? null),
    baselineValue: indicatorValue,
    periods: z
      .array(
        z
          .object({
            start: partialDateSchema,
            end: partialDateSchema,
            target: indicatorValue,
            actual: indicatorValue,
          })
          .strict()
          .superRefine((p, ctx) => {
            if (
              isPartialDate(p.start) &&
              isPartialDate(p.end) &&
              p.end.slice(0, p.start.length) < p.start.slice(0, p.end.length)
            )
              ctx.addIssue({
                code: 'custom',
                path: ['end'],
                message: `The end must not be before the start (${p.start}).`,
              });
          }),
      )
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((ind, ctx) => {
    if (!NUMERIC_MEASURES.includes(ind.measure)) return;
    const check = (v: string | null, path: (string | number)[]) => {
      if (v !== null && !NUMBER.test(v))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `A ${ind.measure} indicator is measured in numbers, e.g. 120 or 45.5.`,
        });
    };
    check(ind.baselineValue, ['baselineValue']);
    ind.periods.forEach((p, i) => {
      check(p.target, ['periods', i, 'target']);
      check(p.actual, ['periods', i, 'actual']);
    });
  });

/** A result the activity aims at, with its indicators. */
const result = z
  .object({
    type: z.enum(RESULT_TYPES, { error: `Choose a kind of result: ${RESULT_TYPES.join(', ')}.` }),
    title: requiredLocalizedText(500, 'Give the result a title in English, French or both.'),
    description: localizedText(4000),
    indicators: z.array(indicator).max(50).default([]),
  })
  .strict();

/** The activity's title, summary or description in a language other than English and French. */
const otherLanguageText = z
  .object({
    field: z.enum(NARRATIVE_FIELDS, { error: `Choose the text: ${NARRATIVE_FIELDS.join(', ')}.` }),
    lang: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{2,3}$/, 'Use a two- or three-letter ISO 639 language code, e.g. km or th.')
      .refine(
        (l) => l !== 'en' && l !== 'fr',
        'English and French texts belong in the title, summary and description.',
      ),
    text: text(20000).min(1, 'Give the text.'),
  })
  .strict();

export const activityInputSchema = z
  .object({
    iatiIdentifier: optionalText(150),
    title: requiredLocalizedText(300, 'Give a title in English, French or both.'),
    summary: localizedText(1000),
    description: localizedText(20000),
    type: z.enum(ACTIVITY_TYPES, { error: `Choose a type: ${ACTIVITY_TYPES.join(', ')}.` }),
    status: z.enum(ACTIVITY_STATUSES, { error: `Choose a status: ${ACTIVITY_STATUSES.join(', ')}.` }),
    plannedStart: optionalPartialDate,
    plannedEnd: optionalPartialDate,
    actualStart: optionalPartialDate,
    actualEnd: optionalPartialDate,
    countries: z
      .array(
        z.enum(COUNTRY_CODES, {
          error: `Use country codes of the ASEAN member states and Timor-Leste: ${COUNTRY_CODES.join(', ')}.`,
        }),
      )
      .max(COUNTRY_CODES.length)
      .default([])
      .transform((v) => [...new Set(v)].sort()),
    regional: z.boolean({ error: 'Say true or false.' }).default(false),
    otherRecipients: z.array(otherRecipient).max(300).default([]),
    /** The organisation that reports the activity (IATI `reporting-org`); none means ActionLine's own publisher. */
    reportingOrganisationId: id.nullish().transform((v) => v ?? null),
    sectors: z.array(sector).max(100).default([]),
    results: z.array(result).max(50).default([]),
    otherLanguageTexts: z.array(otherLanguageText).max(60).default([]),
    participants: z
      .array(
        z
          .object({
            organisationId: id,
            role: z.enum(PARTICIPANT_ROLES, { error: `Choose a role: ${PARTICIPANT_ROLES.join(', ')}.` }),
            note: optionalText(500),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    funding: z
      .array(
        z
          .object({
            amount,
            currency: z
              .string()
              .trim()
              .toUpperCase()
              .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 currency code such as CAD or USD.'),
            type: z.enum(FUNDING_TYPES, { error: `Choose a funding type: ${FUNDING_TYPES.join(', ')}.` }),
            date: optionalPartialDate,
            /** The date the value was converted at, when it differs from the transaction's date (IATI `value-date`). */
            valueDate: optionalPartialDate,
            providerId: id.nullish().transform((v) => v ?? null),
            recipientId: id.nullish().transform((v) => v ?? null),
            note: optionalText(500),
          })
          .strict()
          .superRefine((f, ctx) => {
            const exp = currencyExponent(f.currency);
            const decimals = (f.amount.split('.')[1] ?? '').replace(/0+$/, '').length;
            if (decimals > exp) {
              ctx.addIssue({
                code: 'custom',
                path: ['amount'],
                message: `${f.currency} amounts have ${exp} decimals at most.`,
              });
            }
          }),
      )
      .max(500)
      .default([]),
    links: z
      .array(
        z
          .object({
            nodeId: id,
            rationale: optionalText(1000),
            confidence: z
              .enum(CONFIDENCE_LEVELS)
              .nullish()
              .transform((v) => v ?? null),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    sources: z
      .array(
        z
          .object({
            url: optionalUrl,
            title: text(500).min(1, 'Give the source a title.'),
            publisher: optionalText(300),
            publishedOn: optionalPartialDate,
            confidence: z.enum(CONFIDENCE_LEVELS, { error: `Choose a confidence: ${CONFIDENCE_LEVELS.join(', ')}.` }),
            note: optionalText(1000),
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict()
  // Cross-field rules run even when other fields have errors, so that every problem is reported at
  // once; the value may then be partly invalid, hence the defensive reads.
  .superRefine((a, ctx) => {
    const value = a as Partial<Record<string, unknown>>;
    const str = (k: string) => (typeof value[k] === 'string' ? value[k] : null);
    const order = (from: 'plannedStart' | 'actualStart', to: 'plannedEnd' | 'actualEnd') => {
      const s = str(from);
      const e = str(to);
      if (s && e && isPartialDate(s) && isPartialDate(e) && e.slice(0, s.length) < s.slice(0, e.length)) {
        ctx.addIssue({ code: 'custom', path: [to], message: `The end must not be before the start (${s}).` });
      }
    };
    order('plannedStart', 'plannedEnd');
    order('actualStart', 'actualEnd');
    const duplicates = (
      list: string,
      key: (item: Record<string, unknown>) => string,
      field: string,
      message: string,
    ) => {
      const items = value[list];
      if (!Array.isArray(items)) return;
      const seen = new Set<string>();
      items.forEach((item: unknown, i) => {
        if (typeof item !== 'object' || item === null) return;
        const k = key(item as Record<string, unknown>);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [list, i, field], message });
        seen.add(k);
      });
    };
    duplicates(
      'participants',
      (p) => `${String(p.organisationId)}|${String(p.role)}`,
      'organisationId',
      'This organisation already has this role.',
    );
    duplicates('links', (l) => String(l.nodeId), 'nodeId', 'This part of the plan is linked already.');
    duplicates(
      'sectors',
      (s) => `${String(s.vocabulary)}|${String(s.code)}`,
      'code',
      'This sector is listed already; remove the repeat or change its code.',
    );
    duplicates(
      'otherRecipients',
      (r) => `${String(r.kind)}|${String(r.vocabulary)}|${String(r.code)}`,
      'code',
      'This country or region is listed already; remove the repeat.',
    );
    duplicates(
      'otherLanguageTexts',
      (t) => `${String(t.field)}|${String(t.lang)}`,
      'lang',
      'This text is given in this language already; remove the repeat or change its language.',
    );
    // Within one vocabulary, shares are all given or all left out, and then add up to 100
    // (within 0.1 for rounded thirds).
    const sectors = value.sectors;
    if (Array.isArray(sectors)) {
      const byVocabulary = new Map<string, { i: number; pct: unknown }[]>();
      sectors.forEach((s: unknown, i) => {
        if (typeof s !== 'object' || s === null) return;
        const v = String((s as Record<string, unknown>).vocabulary);
        byVocabulary.set(v, [...(byVocabulary.get(v) ?? []), { i, pct: (s as Record<string, unknown>).percentage }]);
      });
      for (const [vocabulary, items] of byVocabulary) {
        // A share that could not be read is reported on its own; the vocabulary's total waits for it.
        if (items.some((x) => typeof x.pct !== 'number' && x.pct !== null)) continue;
        const given = items.filter((x) => typeof x.pct === 'number');
        if (!given.length || (items.length === 1 && given.length === 1 && given[0]?.pct === 100)) continue;
        const last = items[items.length - 1];
        if (!last) continue;
        if (given.length < items.length) {
          const missing = items.find((x) => typeof x.pct !== 'number');
          if (missing)
            ctx.addIssue({
              code: 'custom',
              path: ['sectors', missing.i, 'percentage'],
              message: `Give a percentage for every sector of vocabulary ${vocabulary}, or for none.`,
            });
          continue;
        }
        const sum = given.reduce((acc, x) => acc + (x.pct as number), 0);
        if (Math.abs(sum - 100) > 0.1)
          ctx.addIssue({
            code: 'custom',
            path: ['sectors', last.i, 'percentage'],
            message: `The percentages of vocabulary ${vocabulary} add up to ${Math.round(sum * 100) / 100}; make them add up to 100.`,
          });
      }
    }
  }, evenWhenFieldsAreWrong);

export type ActivityInput = z.output<typeof activityInputSchema>;
export type ActivityInputDraft = z.input<typeof activityInputSchema>;

export const reviewDecisionSchema = z
  .object({ comment: optionalText(2000) })
  .strict()
  .default({ comment: null });

export const returnDecisionSchema = z
  .object({ comment: text(2000).min(1, 'Say what needs revising, so the editor knows what to change.') })
  .strict();
