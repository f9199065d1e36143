import { z } from 'zod';
import { LANGUAGES } from '../vocab';
import { booleanParam } from './fields';

/** The file formats an import reads. */
export const IMPORT_FORMATS = ['iati', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What an import may do with the activities of a file. */
export const IMPORT_MODES = ['add', 'update', 'both'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * `POST /api/v1/imports/{format}?mode=…&dryRun=…&fileName=…` (the file is the request body), the
 * web import wizard and the CLI's `import`. `add` only adds activities new to ActionLine, `update`
 * only updates those it holds (matched by IATI identifier), `both` does both. A dry run reports
 * what would happen and writes nothing but the record of the preview.
 */
export const importOptionsSchema = z
  .object({
    mode: z.enum(IMPORT_MODES, { error: `Use one of: ${IMPORT_MODES.join(', ')}.` }).default('both'),
    dryRun: booleanParam.default(false),
    /** The language of a spreadsheet's text columns (titles, summaries, descriptions). */
    lang: z.enum(LANGUAGES, { error: `Use one of: ${LANGUAGES.join(', ')}.` }).default('en'),
    fileName: z
      .string()
      .trim()
      .min(1, 'Name the file, e.g. fileName=activities.xml.')
      .max(255, 'Use a file name of at most 255 characters.')
      .default('upload.xml'),
  })
  .strict();
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** `GET /api/v1/imports`: the record of imports, newest first. */
export const importListQuerySchema = z
  .object({
    page: z.coerce.number({ error: 'Give a page number from 1.' }).int().min(1).default(1),
    pageSize: z.coerce.number({ error: 'Give a page size from 1 to 100.' }).int().min(1).max(100).default(20),
  })
  .strict();
