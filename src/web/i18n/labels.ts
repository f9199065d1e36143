import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import {
  REGION_CODE,
  type ActivityStatus,
  type ActivityType,
  type Confidence,
  type FundingType,
  type IndicatorMeasure,
  type NarrativeField,
  type OrganisationType,
  type ParticipantRole,
  type PlanStatus,
  type RegionVocabulary,
  type ResultType,
  type SectorVocabulary,
} from '../../shared/vocab';

function labelsFor(intl: IntlShape) {
  const m = intl.formatMessage;
  return {
    activityType: (v: ActivityType) => m({ id: `vocab.activityType.${v}` }),
    activityStatus: (v: ActivityStatus) => m({ id: `vocab.activityStatus.${v}` }),
    role: (v: ParticipantRole) => m({ id: `vocab.role.${v}` }),
    roleGroup: (v: ParticipantRole) => m({ id: `vocab.roleGroup.${v}` }),
    organisationType: (v: OrganisationType) => m({ id: `vocab.organisationType.${v}` }),
    fundingType: (v: FundingType) => m({ id: `vocab.fundingType.${v}` }),
    confidence: (v: Confidence) => m({ id: `vocab.confidence.${v}` }),
    confidenceHelp: (v: Confidence) => m({ id: `vocab.confidenceHelp.${v}` }),
    planStatus: (v: PlanStatus) => m({ id: `vocab.planStatus.${v}` }),
    sectorVocabulary: (v: SectorVocabulary) => m({ id: `vocab.sectorVocabulary.${v}` }),
    regionVocabulary: (v: RegionVocabulary) => m({ id: `vocab.regionVocabulary.${v}` }),
    resultType: (v: ResultType) => m({ id: `vocab.resultType.${v}` }),
    indicatorMeasure: (v: IndicatorMeasure) => m({ id: `vocab.indicatorMeasure.${v}` }),
    narrativeField: (v: NarrativeField) => m({ id: `vocab.narrativeField.${v}` }),
    /** A language's name in the interface language (ISO 639 code → "Khmer"), else the code. */
    language: (code: string) => {
      try {
        return intl.formatDisplayName(code, { type: 'language' }) ?? code;
      } catch {
        return code;
      }
    },
    nodeKind: (kind: string) => m({ id: 'vocab.nodeKind' }, { kind }),
    documentKind: (kind: string) => m({ id: 'vocab.documentKind' }, { kind }),
    /** Country name in the interface language; the region code reads "ASEAN region". */
    country: (code: string) => {
      if (code === REGION_CODE) return m({ id: 'country.region' });
      try {
        return intl.formatDisplayName(code, { type: 'region' }) ?? code;
      } catch {
        return code;
      }
    },
  };
}

export type Labels = ReturnType<typeof labelsFor>;

/** Human labels of the controlled vocabularies, from the message catalogue. */
export function useLabels(): Labels {
  const intl = useIntl();
  return useMemo(() => labelsFor(intl), [intl]);
}
