import { useEffect, useId, useRef, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

export type Choice = 'mine' | 'theirs';

export interface ConflictRow {
  key: string;
  label: string;
  mine: ReactNode;
  theirs: ReactNode;
  choice: Choice;
}

interface Props {
  rows: ConflictRow[];
  /** The version now stored, which the next save is based on. */
  theirVersion: number;
  onChoose: (key: string, choice: Choice) => void;
  /** Saves the merged record against the stored version. */
  onSave: () => void;
  /** Drops the officer's edits and loads the stored copy. */
  onDiscard: () => void;
  busy: boolean;
}

/**
 * Shown when a save was based on an older version than the stored one: each field where the
 * two copies differ, with "keep mine" or "use theirs", then a save against the new version.
 */
export function ConflictPanel({ rows, theirVersion, onChoose, onSave, onDiscard, busy }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const name = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, [theirVersion]);
  return (
    <section className="conflict" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1} ref={headingRef} className="conflict__title">
        <FormattedMessage id="conflict.title" />
      </h2>
      <p>
        <FormattedMessage id="conflict.intro" values={{ version: theirVersion, count: rows.length }} />
      </p>
      {rows.length === 0 ? (
        <p>
          <FormattedMessage id="conflict.noDifferences" />
        </p>
      ) : (
        <div className="conflict__fields">
          {rows.map((row) => (
            <fieldset key={row.key} className="conflict__field">
              <legend className="field__label">{row.label}</legend>
              <div className="conflict__options">
                <div className="conflict__option">
                  <input
                    type="radio"
                    id={`${name}-${row.key}-mine`}
                    name={`${name}-${row.key}`}
                    checked={row.choice === 'mine'}
                    onChange={() => onChoose(row.key, 'mine')}
                  />
                  <label htmlFor={`${name}-${row.key}-mine`}>
                    <span className="conflict__which">
                      <FormattedMessage id="conflict.keepMine" />
                    </span>
                    <span className="conflict__value">{row.mine}</span>
                  </label>
                </div>
                <div className="conflict__option">
                  <input
                    type="radio"
                    id={`${name}-${row.key}-theirs`}
                    name={`${name}-${row.key}`}
                    checked={row.choice === 'theirs'}
                    onChange={() => onChoose(row.key, 'theirs')}
                  />
                  <label htmlFor={`${name}-${row.key}-theirs`}>
                    <span className="conflict__which">
                      <FormattedMessage id="conflict.useTheirs" />
                    </span>
                    <span className="conflict__value">{row.theirs}</span>
                  </label>
                </div>
              </div>
            </fieldset>
          ))}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button" aria-disabled={busy || undefined} onClick={onSave}>
          <FormattedMessage id="conflict.save" />
        </button>
        <button type="button" className="button button--secondary" onClick={onDiscard}>
          <FormattedMessage id="conflict.discard" />
        </button>
      </div>
    </section>
  );
}

/** An empty value in a conflict row. */
export function EmptyValue() {
  return (
    <span className="muted">
      <FormattedMessage id="conflict.empty" />
    </span>
  );
}
