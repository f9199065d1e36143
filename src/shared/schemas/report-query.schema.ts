import { z } from 'zod';
import { LANGUAGES } from '../vocab';
import { coverageQuerySchema } from './coverage-query.schema';

/** The files a progress report comes in. */
export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Parameters of a plan's progress report (`GET /api/v1/plans/{id or slug}/report`): the coverage
 * query (period, filters, currency, rule, scope) plus the file format and the language. Shared by
 * the API and the CLI.
 */
export const reportQuerySchema = coverageQuerySchema.safeExtend({
  format: z.enum(REPORT_FORMATS, { error: `Use one of: ${REPORT_FORMATS.join(', ')}.` }).default('html'),
  lang: z.enum(LANGUAGES, { error: `Use one of: ${LANGUAGES.join(', ')}.` }).default('en'),
});

export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;
