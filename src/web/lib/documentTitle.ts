import { useEffect } from 'react';
import { useIntl } from 'react-intl';

/**
 * Sets document.title to "<page> – ActionLine". Null (data still loading) leaves the title
 * alone, so that an inner error or not-found state can set its own.
 */
export function useDocumentTitle(title: string | null | undefined): void {
  const intl = useIntl();
  const full = title ? intl.formatMessage({ id: 'app.documentTitle' }, { title }) : null;
  useEffect(() => {
    if (full) document.title = full;
  }, [full]);
}
