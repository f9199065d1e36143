import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { pageWindow } from '../lib/pagination';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  /** Called when a page link is followed (e.g. to move the focus to the results). */
  onNavigate?: () => void;
  /** The navigation's name when a page has more than one paged list ("Pages" by default). */
  label?: string;
}

export function Pagination({ page, pageSize, total, hrefFor, onNavigate, label }: Props) {
  const intl = useIntl();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? intl.formatMessage({ id: 'pagination.label' })}>
      <ul>
        {page > 1 && (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev" onClick={onNavigate} className="pagination__step">
              <span aria-hidden="true">‹ </span>
              <FormattedMessage id="pagination.previous" />
            </Link>
          </li>
        )}
        {pageWindow(page, pages).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page" className="pagination__current">
                  <span className="visually-hidden">
                    <FormattedMessage id="pagination.pageLabel" values={{ page: p, pages }} />
                  </span>
                  <span aria-hidden="true">{p}</span>
                </span>
              ) : (
                <Link
                  to={hrefFor(p)}
                  onClick={onNavigate}
                  aria-label={intl.formatMessage({ id: 'pagination.pageLabel' }, { page: p, pages })}
                >
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <Link to={hrefFor(page + 1)} rel="next" onClick={onNavigate} className="pagination__step">
              <FormattedMessage id="pagination.next" />
              <span aria-hidden="true"> ›</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
