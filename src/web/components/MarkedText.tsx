import { FormattedMessage } from 'react-intl';
import type { Language } from '../../shared/vocab';

export interface TextRun {
  text: string;
  match: boolean;
}

/**
 * Text cut into runs by the search, the matching words in `<mark>`. The runs are rendered as
 * text nodes, never as HTML, so markup inside a record's text shows as the characters it is.
 */
export function MarkedText({ runs }: { runs: readonly TextRun[] }) {
  return (
    <>
      {runs.map((run, i) =>
        run.match ? (
          <mark key={i} className="search-mark">
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </>
  );
}

/**
 * Marked text in its own language: when it is the other official language (the record has no
 * text in the page's), it carries that `lang` and a short note such as "(in French)".
 */
export function MarkedTextIn({
  runs,
  lang,
  fallback,
}: {
  runs: readonly TextRun[];
  lang: Language;
  fallback: boolean;
}) {
  if (!fallback) return <MarkedText runs={runs} />;
  return (
    <>
      <span lang={lang}>
        <MarkedText runs={runs} />
      </span>
      <span className="lang-note">
        {' '}
        <FormattedMessage id="localized.fallbackNote" values={{ lang }} />
      </span>
    </>
  );
}
