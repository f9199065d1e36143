import { REGION_CODE, type Language } from '../../shared/vocab';

/**
 * Names of the controlled vocabularies in each language, for the files the server writes
 * (exports). They are the interface's words: `vocab-labels.test.ts` checks them against the web
 * catalogues (`vocab.*` keys), so a file and the screen it came from always say the same thing.
 */
export const VOCABULARY_NAMES = {
  en: {
    activityType: {
      project: 'Project',
      dialogue: 'Dialogue',
      training: 'Training',
      research: 'Research',
      scholarship: 'Scholarship',
      forum: 'Forum',
      technical_assistance: 'Technical assistance',
      in_kind: 'In-kind support',
      other: 'Other',
    },
    activityStatus: {
      planned: 'Planned',
      ongoing: 'Ongoing',
      completed: 'Completed',
      cancelled: 'Cancelled',
      suspended: 'Suspended',
    },
    role: {
      funder: 'Funder',
      implementer: 'Implementer',
      beneficiary: 'Beneficiary',
      partner: 'Partner',
    },
    fundingType: {
      commitment: 'Commitment',
      disbursement: 'Disbursement',
      budget: 'Budget',
    },
    workflowState: {
      draft: 'Draft',
      submitted: 'Submitted for review',
      returned: 'Returned for revision',
      published: 'Published',
    },
    region: 'ASEAN region',
  },
  fr: {
    activityType: {
      project: 'Projet',
      dialogue: 'Dialogue',
      training: 'Formation',
      research: 'Recherche',
      scholarship: "Bourse d'études",
      forum: 'Forum',
      technical_assistance: 'Assistance technique',
      in_kind: 'Soutien en nature',
      other: 'Autre',
    },
    activityStatus: {
      planned: 'Prévue',
      ongoing: 'En cours',
      completed: 'Terminée',
      cancelled: 'Annulée',
      suspended: 'Suspendue',
    },
    role: {
      funder: 'Bailleur de fonds',
      implementer: "Organisation d'exécution",
      beneficiary: 'Bénéficiaire',
      partner: 'Partenaire',
    },
    fundingType: {
      commitment: 'Engagement',
      disbursement: 'Décaissement',
      budget: 'Budget',
    },
    workflowState: {
      draft: 'Ébauche',
      submitted: 'Soumise pour examen',
      returned: 'Renvoyée pour révision',
      published: 'Publiée',
    },
    region: "Région de l'ANASE",
  },
} as const;

export type VocabularyName = Exclude<keyof (typeof VOCABULARY_NAMES)['en'], 'region'>;

/** The name of `code` in `vocabulary`, e.g. ('fr', 'activityStatus', 'ongoing') → "En cours". */
export function vocabLabel(lang: Language, vocabulary: VocabularyName, code: string): string {
  const names: Readonly<Record<string, string>> = VOCABULARY_NAMES[lang][vocabulary];
  return names[code] ?? code;
}

const regionNames: Record<Language, Intl.DisplayNames> = {
  en: new Intl.DisplayNames('en-GB', { type: 'region' }),
  fr: new Intl.DisplayNames('fr-CA', { type: 'region' }),
};

/** A country's name (or "ASEAN region" for the region code) in `lang`. */
export function countryName(lang: Language, code: string): string {
  if (code === REGION_CODE) return VOCABULARY_NAMES[lang].region;
  try {
    return regionNames[lang].of(code) ?? code;
  } catch {
    return code;
  }
}
