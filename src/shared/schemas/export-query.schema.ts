import { z } from 'zod';
import { ACTIVITY_EXPORT_COLUMNS, FUNDING_EXPORT_COLUMNS } from '../export-columns';
import { LANGUAGES } from '../vocab';
import { activitySelectionSchema, listOf } from './activity-query.schema';

/** The file formats of the activity export. */
export const ACTIVITY_EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'iati'] as const;
export type ActivityExportFormat = (typeof ACTIVITY_EXPORT_FORMATS)[number];

/** The file formats of the funding-line export. */
export const FUNDING_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type FundingExportFormat = (typeof FUNDING_EXPORT_FORMATS)[number];

const lang = z.enum(LANGUAGES, { error: `Use one of: ${LANGUAGES.join(', ')}.` }).default('en');

function columns<C extends string>(all: readonly [C, ...C[]]) {
  return listOf(z.enum(all, { error: `Use column names among: ${all.join(', ')}.` })).optional();
}

/**
 * `GET /api/v1/exports/activities`: the activity list's filters (without paging) or chosen ids,
 * the format, the language of names and headers, and for CSV and XLSX the columns, in order.
 * Shared by the API, the web UI's download links and the CLI's `export`.
 */
export const activityExportQuerySchema = activitySelectionSchema.safeExtend({
  format: z
    .enum(ACTIVITY_EXPORT_FORMATS, { error: `Use one of: ${ACTIVITY_EXPORT_FORMATS.join(', ')}.` })
    .default('csv'),
  lang,
  columns: columns(ACTIVITY_EXPORT_COLUMNS),
});
export type ActivityExportQuery = z.infer<typeof activityExportQuerySchema>;
export type ActivityExportQueryInput = z.input<typeof activityExportQuerySchema>;

/** `GET /api/v1/exports/funding-lines`: the funding lines of the selected activities. */
export const fundingExportQuerySchema = activitySelectionSchema.safeExtend({
  format: z.enum(FUNDING_EXPORT_FORMATS, { error: `Use one of: ${FUNDING_EXPORT_FORMATS.join(', ')}.` }).default('csv'),
  lang,
  columns: columns(FUNDING_EXPORT_COLUMNS),
});
export type FundingExportQuery = z.infer<typeof fundingExportQuerySchema>;
export type FundingExportQueryInput = z.input<typeof fundingExportQuerySchema>;
