/**
 * The spreadsheet cells of an activity's sectors and other recipients: one format, written by the
 * export and read back by the import (`docs/spreadsheets.md`).
 *
 * - Sectors: `15170 (60%); 15160 (40%)`. A code of vocabulary 1 (OECD DAC 5-digit) stands alone;
 *   another vocabulary prefixes its code, `7:5 (100%)`; the share in brackets is left out when none
 *   is given.
 * - Other recipients: a country is its ISO code, `CN`; a region is `region:` with its vocabulary and
 *   code, `region:1:798`.
 *
 * Entries are separated by `;` (or line breaks).
 */
import type { ActivityInput } from '../shared/schemas/activity.schema';
import {
  REGION_VOCABULARIES,
  SECTOR_VOCABULARIES,
  type RegionVocabulary,
  type SectorVocabulary,
} from '../shared/vocab';

type Sector = Pick<ActivityInput['sectors'][number], 'vocabulary' | 'code' | 'percentage'>;
type Recipient = Pick<ActivityInput['otherRecipients'][number], 'kind' | 'code' | 'vocabulary'>;

/** The separator written between entries. */
export const CELL_LIST = '; ';
const SPLIT = /\s*[;\n]\s*/;

const entries = (cell: string | null | undefined) => (cell ? cell.split(SPLIT).filter(Boolean) : []);

/** `15170`, or `7:5` for another vocabulary than 1. */
export const sectorCode = (s: Pick<Sector, 'vocabulary' | 'code'>) =>
  s.vocabulary === '1' ? s.code : `${s.vocabulary}:${s.code}`;

export const sectorEntry = (s: Sector) =>
  s.percentage === null ? sectorCode(s) : `${sectorCode(s)} (${s.percentage}%)`;

export function sectorsCell(sectors: readonly Sector[]): string | null {
  return sectors.map(sectorEntry).join(CELL_LIST) || null;
}

export const recipientEntry = (r: Recipient) =>
  r.kind === 'country' ? r.code : `region:${r.vocabulary ?? ''}:${r.code}`;

export function recipientsCell(recipients: readonly Recipient[]): string | null {
  return recipients.map(recipientEntry).join(CELL_LIST) || null;
}

/** An entry of a cell as written, with what it says or why it cannot be read. */
export type Parsed<T> = { entry: string; value: T } | { entry: string; reason: string };

const SECTOR = /^(?:(\d{1,2})\s*:\s*)?([^()]+?)(?:\s*\(\s*([^()]*?)\s*%?\s*\))?$/;

/** The sectors of a cell; percentages stay as written, for the schema to check. */
export function parseSectors(
  cell: string | null | undefined,
): Parsed<Omit<Sector, 'percentage'> & { percentage: string | null }>[] {
  return entries(cell).map((entry) => {
    const m = SECTOR.exec(entry);
    const vocabulary = m?.[1] ?? '1';
    if (!m || !(SECTOR_VOCABULARIES as readonly string[]).includes(vocabulary))
      return {
        entry,
        reason: `Write each sector as its code with its share, e.g. 15170 (60%), or with its vocabulary for another than 1, e.g. 7:5 (100%) (not "${entry}").`,
      };
    return {
      entry,
      value: { vocabulary: vocabulary as SectorVocabulary, code: (m[2] as string).trim(), percentage: m[3] ?? null },
    };
  });
}

const REGION = /^region\s*:\s*([^:\s]+)\s*:\s*(\S+)$/i;

/** The other recipients of a cell. */
export function parseRecipients(cell: string | null | undefined): Parsed<Recipient>[] {
  return entries(cell).map((entry) => {
    const region = REGION.exec(entry);
    if (region) {
      const vocabulary = region[1] as string;
      if (!(REGION_VOCABULARIES as readonly string[]).includes(vocabulary))
        return {
          entry,
          reason: `A region's vocabulary is ${REGION_VOCABULARIES.join(', ')}: write e.g. region:1:798 (not "${entry}").`,
        };
      return {
        entry,
        value: { kind: 'region', vocabulary: vocabulary as RegionVocabulary, code: region[2] as string },
      };
    }
    if (/^[A-Za-z]{2}$/.test(entry))
      return { entry, value: { kind: 'country', vocabulary: null, code: entry.toUpperCase() } };
    return {
      entry,
      reason: `Write a country as its ISO code, e.g. CN, and a region as region:vocabulary:code, e.g. region:1:798 (not "${entry}").`,
    };
  });
}
