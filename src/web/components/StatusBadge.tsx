import type { ActivityStatus, ActivityType, Confidence } from '../../shared/vocab';
import { useLabels } from '../i18n/labels';

/** Status as text on a tinted background: the colour only repeats what the words say. */
export function StatusBadge({ status }: { status: ActivityStatus }) {
  const labels = useLabels();
  return <span className={`badge badge--status badge--${status}`}>{labels.activityStatus(status)}</span>;
}

export function TypeBadge({ type }: { type: ActivityType }) {
  const labels = useLabels();
  return <span className="badge badge--type">{labels.activityType(type)}</span>;
}

const CONFIDENCE_MARK: Record<Confidence, string> = {
  verified: '✓',
  inferred: '≈',
  uncertain: '?',
  not_found: '✕',
};

/** Confidence label of a source or link, as a text badge with a symbol (not colour alone). */
export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  const labels = useLabels();
  return (
    <span className={`badge badge--confidence badge--conf-${confidence}`} title={labels.confidenceHelp(confidence)}>
      <span aria-hidden="true" className="badge__mark">
        {CONFIDENCE_MARK[confidence]}
      </span>
      {labels.confidence(confidence)}
    </span>
  );
}
