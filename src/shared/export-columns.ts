import type { Language } from './vocab';

/**
 * The columns of the spreadsheet exports (`columns=` of `GET /api/v1/exports/…`) with their
 * headers in each language, in their default order. The server writes these headers; the web
 * UI's column picker shows them.
 */
export const ACTIVITY_EXPORT_HEADERS = {
  id: { en: 'ActionLine ID', fr: 'Identifiant ActionLine' },
  iatiIdentifier: { en: 'IATI identifier', fr: 'Identifiant IITA' },
  title: { en: 'Title', fr: 'Titre' },
  titleLanguage: { en: 'Language of the title', fr: 'Langue du titre' },
  summary: { en: 'Summary', fr: 'Résumé' },
  description: { en: 'Description', fr: 'Description' },
  type: { en: 'Type (code)', fr: 'Type (code)' },
  typeName: { en: 'Type', fr: 'Type' },
  status: { en: 'Status (code)', fr: 'État (code)' },
  statusName: { en: 'Status', fr: 'État' },
  workflowState: { en: 'Publication state (code)', fr: 'État de publication (code)' },
  workflowStateName: { en: 'Publication state', fr: 'État de publication' },
  plannedStart: { en: 'Planned start', fr: 'Début prévu' },
  plannedEnd: { en: 'Planned end', fr: 'Fin prévue' },
  actualStart: { en: 'Actual start', fr: 'Début réel' },
  actualEnd: { en: 'Actual end', fr: 'Fin réelle' },
  countries: { en: 'Countries (ISO codes)', fr: 'Pays (codes ISO)' },
  countryNames: { en: 'Countries', fr: 'Pays' },
  regional: { en: 'ASEAN region as a whole', fr: 'Ensemble de la région de l’ANASE' },
  otherRecipients: {
    en: 'Other recipient countries and regions (codes)',
    fr: 'Autres pays et régions bénéficiaires (codes)',
  },
  sectors: { en: 'Sectors (codes and shares)', fr: 'Secteurs (codes et parts)' },
  sectorNames: { en: 'Sector names', fr: 'Noms des secteurs' },
  reportingOrganisation: { en: 'Reporting organisation', fr: 'Organisation déclarante' },
  funders: { en: 'Funders', fr: 'Bailleurs de fonds' },
  implementers: { en: 'Implementers', fr: 'Organisations d’exécution' },
  beneficiaries: { en: 'Beneficiaries', fr: 'Bénéficiaires' },
  partners: { en: 'Partners', fr: 'Partenaires' },
  planLinks: { en: 'Plan links (codes)', fr: 'Liens au plan (codes)' },
  planLinkTitles: { en: 'Plan links', fr: 'Liens au plan' },
  commitments: { en: 'Commitments', fr: 'Engagements' },
  disbursements: { en: 'Disbursements', fr: 'Décaissements' },
  budgets: { en: 'Budgets', fr: 'Budgets' },
  sources: { en: 'Sources (addresses)', fr: 'Sources (adresses)' },
  url: { en: 'Page on ActionLine', fr: 'Page dans ActionLine' },
  updatedAt: { en: 'Last updated', fr: 'Dernière mise à jour' },
} as const satisfies Record<string, Record<Language, string>>;

/** The columns of the funding-line export, with their headers. */
export const FUNDING_EXPORT_HEADERS = {
  activityId: { en: 'Activity (ActionLine ID)', fr: 'Activité (identifiant ActionLine)' },
  activityIatiIdentifier: { en: 'Activity (IATI identifier)', fr: 'Activité (identifiant IITA)' },
  activityTitle: { en: 'Activity', fr: 'Activité' },
  type: { en: 'Type (code)', fr: 'Type (code)' },
  typeName: { en: 'Type', fr: 'Type' },
  amount: { en: 'Amount', fr: 'Montant' },
  currency: { en: 'Currency', fr: 'Devise' },
  date: { en: 'Date', fr: 'Date' },
  valueDate: { en: 'Value date', fr: 'Date de valeur' },
  provider: { en: 'Provider', fr: 'Fournisseur' },
  recipient: { en: 'Recipient', fr: 'Bénéficiaire' },
  note: { en: 'Note', fr: 'Note' },
} as const satisfies Record<string, Record<Language, string>>;

export type ActivityExportColumn = keyof typeof ACTIVITY_EXPORT_HEADERS;
export type FundingExportColumn = keyof typeof FUNDING_EXPORT_HEADERS;

function keys<K extends string>(o: Record<K, unknown>): [K, ...K[]] {
  return Object.keys(o) as [K, ...K[]];
}

export const ACTIVITY_EXPORT_COLUMNS = keys(ACTIVITY_EXPORT_HEADERS);
export const FUNDING_EXPORT_COLUMNS = keys(FUNDING_EXPORT_HEADERS);
