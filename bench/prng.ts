/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same dataset on
 * every machine and run, which `Math.random` cannot.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const n = Math.min(count, items.length);
    while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].map((i) => items[i] as T);
  }

  /** A version-4-shaped UUID drawn from the generator. */
  uuid(): string {
    const hex = (n: number) =>
      Math.floor(this.next() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${this.int(8, 11).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}

const WORDS = [
  'regional',
  'cooperation',
  'capacity',
  'building',
  'maritime',
  'security',
  'trade',
  'facilitation',
  'disaster',
  'resilience',
  'health',
  'education',
  'governance',
  'climate',
  'adaptation',
  'energy',
  'connectivity',
  'youth',
  'women',
  'leadership',
  'fisheries',
  'agriculture',
  'water',
  'migration',
  'labour',
  'digital',
  'economy',
  'customs',
  'standards',
  'research',
  'scholarship',
  'dialogue',
  'forum',
  'training',
  'network',
  'institutions',
  'transparency',
  'anti-corruption',
  'counter-terrorism',
  'cybersecurity',
  'pandemic',
  'preparedness',
  'small',
  'medium',
  'enterprises',
  'mekong',
  'coastal',
  'urban',
  'rural',
  'innovation',
  'statistics',
  'human',
  'rights',
  'environment',
  'biodiversity',
  'forestry',
  'peatland',
  'haze',
  'tourism',
  'culture',
  'heritage',
  'legal',
];
const MOTS = [
  'coopération',
  'régionale',
  'renforcement',
  'capacités',
  'sécurité',
  'maritime',
  'commerce',
  'facilitation',
  'catastrophes',
  'résilience',
  'santé',
  'éducation',
  'gouvernance',
  'climat',
  'adaptation',
  'énergie',
  'connectivité',
  'jeunesse',
  'femmes',
  'leadership',
  'pêches',
  'agriculture',
  'eau',
  'migration',
  'travail',
  'numérique',
  'économie',
  'douanes',
  'normes',
  'recherche',
  'bourses',
  'dialogue',
  'forum',
  'formation',
  'réseau',
  'institutions',
  'transparence',
  'environnement',
  'biodiversité',
  'forêts',
  'tourisme',
  'culture',
  'patrimoine',
];

/** A sentence of `count` words in English or French. */
export function words(rng: Prng, count: number, lang: 'en' | 'fr'): string {
  const list = lang === 'en' ? WORDS : MOTS;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(rng.pick(list));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
