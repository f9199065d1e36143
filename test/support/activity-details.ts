import type { ActivityInputDraft } from '../../src/shared/schemas/activity.schema';

/**
 * Sectors in three vocabularies (one share given as text) and recipients beyond the ASEAN member
 * states: the details the activity, spreadsheet and IATI tests send and expect back.
 */
export const SAMPLE_SECTORS = [
  { vocabulary: '1', code: '15170', percentage: 60 },
  { vocabulary: '1', code: '15160', percentage: '40' },
  { vocabulary: '7', code: '5', percentage: 100 },
  { vocabulary: '99', code: 'GENDER-LAB', name: 'Gender laboratory' },
] satisfies ActivityInputDraft['sectors'];

export const SAMPLE_OTHER_RECIPIENTS = [
  { kind: 'country', code: 'CN' },
  { kind: 'region', vocabulary: '1', code: '798' },
] satisfies ActivityInputDraft['otherRecipients'];
