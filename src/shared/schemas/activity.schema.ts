import { z } from 'zod';
import { currencyExponent, normalizeAmount } from '../money';
import { isPartialDate } from '../partial-date';
import { localizedText, optionalPartialDate, optionalText, optionalUrl, requiredLocalizedText, text } from './fields';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  FUNDING_TYPES,
  PARTICIPANT_ROLES,
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
  .superRefine(
    (a, ctx) => {
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
    },
    { when: () => true },
  );

export type ActivityInput = z.output<typeof activityInputSchema>;
export type ActivityInputDraft = z.input<typeof activityInputSchema>;

export const reviewDecisionSchema = z
  .object({ comment: optionalText(2000) })
  .strict()
  .default({ comment: null });

export const returnDecisionSchema = z
  .object({ comment: text(2000).min(1, 'Say what needs revising, so the editor knows what to change.') })
  .strict();
