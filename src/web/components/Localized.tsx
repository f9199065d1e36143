import { useCallback } from 'react';
import { FormattedMessage } from 'react-intl';
import { resolveText, type LocalizedText } from '../../shared/localized';
import { useLang } from '../i18n/LanguageContext';

interface Props {
  value: LocalizedText | null | undefined;
  /** Shown when the text exists in no language. */
  empty?: React.ReactNode;
}

function FallbackNote({ lang }: { lang: string }) {
  return (
    <span className="lang-note">
      {' '}
      <FormattedMessage id="localized.fallbackNote" values={{ lang }} />
    </span>
  );
}

/**
 * Text in the interface language; when only the other official language has it, the text is
 * marked with its own `lang` and followed by a short note such as "(in French)".
 */
export function Localized({ value, empty = null }: Props) {
  const lang = useLang();
  const resolved = resolveText(value, lang);
  if (!resolved) return <>{empty}</>;
  if (!resolved.fallback) return <>{resolved.text}</>;
  return (
    <>
      <span lang={resolved.lang}>{resolved.text}</span>
      <FallbackNote lang={resolved.lang} />
    </>
  );
}

/** Longer text: blank lines separate paragraphs. */
export function LocalizedBlock({ value, empty = null, className }: Props & { className?: string }) {
  const lang = useLang();
  const resolved = resolveText(value, lang);
  if (!resolved) return <>{empty}</>;
  const paragraphs = resolved.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className={className} lang={resolved.fallback ? resolved.lang : undefined}>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {resolved.fallback && (
        <p className="lang-note-block" lang={lang}>
          <FormattedMessage id="localized.fallbackNote" values={{ lang: resolved.lang }} />
        </p>
      )}
    </div>
  );
}

/** Plain text for attributes, document titles and form options (falls back silently). */
export function useText(): (value: LocalizedText | null | undefined) => string {
  const lang = useLang();
  return useCallback((value) => resolveText(value, lang)?.text ?? '', [lang]);
}
