import { z } from 'zod';
import { DEFAULT_ADDRESSED_SHARE, DEFAULT_REPORTING_CURRENCY, REPORTING_CURRENCIES } from '../coverage';
import { isPartialDate } from '../partial-date';
import { optionalText, text } from './fields';

const DAY = 'Give the date as YYYY-MM-DD, for example 2020-08-04.';

const SHARE = 'Give a share between 0 and 1, for example 0.5.';

/**
 * `POST /api/v1/plans/{id or slug}/snapshots`: freeze the plan's coverage as judged on a date
 * (the period from the start of the plan to `asOf`), with a name people recognise. Shared by the
 * API, the web form and the CLI.
 */
export const snapshotInputSchema = z
  .object({
    label: text(200).min(1, 'Give the snapshot a name, for example "2020 ASEAN–Canada Dialogue".'),
    note: optionalText(2000),
    asOf: z
      .string({ error: DAY })
      .trim()
      .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isPartialDate(v), { message: DAY })
      .refine((v) => v <= new Date().toISOString().slice(0, 10), {
        message: 'Give a date up to today: coverage cannot be judged on a day that has not come.',
      }),
    addressedShare: z.number({ error: SHARE }).min(0, SHARE).max(1, SHARE).default(DEFAULT_ADDRESSED_SHARE),
    currency: z
      .enum(REPORTING_CURRENCIES, { error: `Use one of: ${REPORTING_CURRENCIES.join(', ')}.` })
      .default(DEFAULT_REPORTING_CURRENCY),
  })
  .strict();

export type SnapshotInput = z.output<typeof snapshotInputSchema>;
export type SnapshotInputDraft = z.input<typeof snapshotInputSchema>;

/** The live coverage, in a comparison. */
export const CURRENT = 'current';

const side = z.string().trim().min(1, 'Choose a snapshot, or current for the coverage today.').max(100);

/** `GET /api/v1/plans/{id or slug}/snapshots/compare?from=…&to=…`: two snapshot ids, or `current`. */
export const snapshotCompareQuerySchema = z
  .object({ from: side, to: side.default(CURRENT) })
  .strict()
  .refine((q) => q.from !== q.to, { message: 'Choose two different snapshots to compare.', path: ['to'] });

export type SnapshotCompareQuery = z.infer<typeof snapshotCompareQuerySchema>;
