import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { usePaths } from '../lib/paths';

/** What the search page reads from the history entry the header's box creates. */
export interface SearchNavigationState {
  /** Move the focus to the results once they are in. */
  focusResults?: boolean;
}

function SearchIcon() {
  return (
    <svg className="site-search__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="8.5" cy="8.5" r="5.75" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M13 13l5 5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The header's search box, on every page: a search landmark whose field is labelled, and whose
 * submit opens the search page with the words, the focus then going to the results.
 */
export function SiteSearch() {
  const intl = useIntl();
  const paths = usePaths();
  const navigate = useNavigate();
  const [q, setQ] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    // The search page has its own field with the words; this one is free for the next search.
    setQ('');
    const state: SearchNavigationState = { focusResults: true };
    void navigate(paths.search({ q: text }), { state });
  };

  return (
    <form
      role="search"
      className="site-search"
      action={paths.search()}
      method="get"
      aria-label={intl.formatMessage({ id: 'siteSearch.landmark' })}
      onSubmit={onSubmit}
    >
      <label htmlFor="site-search-q" className="visually-hidden">
        <FormattedMessage id="siteSearch.label" />
      </label>
      <div className="site-search__row">
        <input
          type="search"
          id="site-search-q"
          name="q"
          className="input site-search__input"
          value={q}
          maxLength={200}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="button site-search__button">
          <SearchIcon />
          <span>
            <FormattedMessage id="siteSearch.button" />
          </span>
        </button>
      </div>
    </form>
  );
}
