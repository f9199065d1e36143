import { useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

/** Copies a one-time secret (a token, a link) to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label: ReactNode }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <p className="copy-button">
      <button type="button" className="button button--secondary" onClick={() => void copy()}>
        {label}
      </button>{' '}
      <span role="status" className="copy-button__status">
        {state === 'copied' && <FormattedMessage id="form.copied" />}
        {state === 'failed' && <FormattedMessage id="form.copyFailed" />}
      </span>
    </p>
  );
}
