import type { ActivityInput } from '../shared/schemas/activity.schema';
import type { ActivitiesTable } from './db/schema';

type DetailColumns = Pick<
  ActivitiesTable,
  'reporting_org_id' | 'sectors' | 'other_recipients' | 'results' | 'other_language_texts'
>;

export type ActivityDetails = Pick<
  ActivityInput,
  'reportingOrganisationId' | 'sectors' | 'otherRecipients' | 'results' | 'otherLanguageTexts'
>;

/** A JSON list column as written by the activity write service (validated input, so typed). */
function list<T>(text: string | null): T[] {
  return text ? (JSON.parse(text) as T[]) : [];
}

/** The IATI details of an activity row, in input form. */
export function activityDetailsOf(row: DetailColumns): ActivityDetails {
  return {
    reportingOrganisationId: row.reporting_org_id,
    sectors: list(row.sectors),
    otherRecipients: list(row.other_recipients),
    results: list(row.results),
    otherLanguageTexts: list(row.other_language_texts),
  };
}
