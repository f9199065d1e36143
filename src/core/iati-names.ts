import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LocalizedText } from '../shared/localized';

/**
 * Names of IATI codes in English and French, from the official codelists (`data/iati/codelists/names/`,
 * code → [English, French], taken from the codelists' published translations). Read once, when first asked.
 */
const DIR = fileURLToPath(new URL('../../data/iati/codelists/names/', import.meta.url));

export type NamedCodelist =
  'Sector' | 'SectorCategory' | 'SectorVocabulary' | 'Country' | 'Region' | 'RegionVocabulary' | 'Language';

const cache = new Map<NamedCodelist, ReadonlyMap<string, LocalizedText>>();

function load(list: NamedCodelist): ReadonlyMap<string, LocalizedText> {
  let names = cache.get(list);
  if (!names) {
    const raw = JSON.parse(readFileSync(`${DIR}${list}.json`, 'utf8')) as Record<
      string,
      [string | null, string | null]
    >;
    names = new Map(Object.entries(raw).map(([code, [en, fr]]) => [code, { en, fr }]));
    cache.set(list, names);
  }
  return names;
}

/** The name of a code in a codelist, or null when the codelist does not know it. */
export function iatiName(list: NamedCodelist, code: string): LocalizedText | null {
  return load(list).get(code) ?? null;
}

/** The codelist that names a sector code of this vocabulary, if ActionLine ships it. */
export function sectorCodelist(vocabulary: string): NamedCodelist | null {
  return vocabulary === '1' ? 'Sector' : vocabulary === '2' ? 'SectorCategory' : null;
}

/** The codelist that names a region code of this vocabulary, if ActionLine ships it. */
export function regionCodelist(vocabulary: string | null): NamedCodelist | null {
  return vocabulary === '1' ? 'Region' : null;
}
