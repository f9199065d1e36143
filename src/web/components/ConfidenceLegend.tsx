import { FormattedMessage } from 'react-intl';
import { CONFIDENCE_LEVELS } from '../../shared/vocab';
import { useLabels } from '../i18n/labels';
import { ConfidenceBadge } from './StatusBadge';

/** Explains the confidence labels attached to sources and links. */
export function ConfidenceLegend() {
  const labels = useLabels();
  return (
    <div className="legend">
      <p className="legend__title">
        <FormattedMessage id="confidence.legendTitle" />
      </p>
      <dl className="legend__list">
        {CONFIDENCE_LEVELS.map((c) => (
          <div key={c}>
            <dt>
              <ConfidenceBadge confidence={c} />
            </dt>
            <dd>{labels.confidenceHelp(c)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
