import { FormattedMessage } from 'react-intl';

/** A polite, busy placeholder while data loads. */
export function Loading({ label }: { label?: React.ReactNode }) {
  return (
    <div className="loading" aria-busy="true" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label ?? <FormattedMessage id="loading.generic" />}</span>
    </div>
  );
}
