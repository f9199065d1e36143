import { Suspense, useLayoutEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavigationType, Outlet, useLocation, useNavigationType } from 'react-router';
import { loadMessages, UI_LANGUAGES } from '../i18n';
import { useLang } from '../i18n/LanguageContext';
import { requestHeadingFocus } from '../lib/focus';
import { pathInLanguage, usePaths } from '../lib/paths';
import { useSession } from '../workspace/session';
import { SessionControls } from '../workspace/SessionControls';
import { ErrorBoundary } from './ErrorBoundary';
import { Loading } from './Loading';
import { SiteSearch } from './SiteSearch';

type Section = 'home' | 'activities' | 'organisations' | 'workspace' | 'search';

function sectionOf(pathname: string, lang: string): { section: Section; exact: boolean } {
  const rest = pathname.slice(lang.length + 1).replace(/\/+$/, '');
  if (rest === '') return { section: 'home', exact: true };
  if (rest === '/activities') return { section: 'activities', exact: true };
  if (rest.startsWith('/activities/')) return { section: 'activities', exact: false };
  if (rest === '/organisations') return { section: 'organisations', exact: true };
  if (rest.startsWith('/organisations/')) return { section: 'organisations', exact: false };
  if (rest === '/search') return { section: 'search', exact: true };
  if (rest === '/workspace') return { section: 'workspace', exact: true };
  if (rest.startsWith('/workspace/') || rest === '/account' || rest.startsWith('/account/')) {
    return { section: 'workspace', exact: false };
  }
  return { section: 'home', exact: false };
}

function Logo() {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#0b2545" />
      <path d="M7 22h18M7 16h12M7 10h15" stroke="#34c6c6" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/** The same page in the other official language: same path after the prefix, same filters and anchor. */
function LanguageToggle() {
  const lang = useLang();
  const location = useLocation();
  const intl = useIntl();
  const others = UI_LANGUAGES.filter((l) => l.code !== lang);
  if (others.length === 0) return null;
  return (
    <nav className="language-toggle" aria-label={intl.formatMessage({ id: 'header.languageLabel' })}>
      <ul>
        {others.map((l) => (
          <li key={l.code}>
            <Link
              to={pathInLanguage(location, l.code)}
              lang={l.code}
              hrefLang={l.code}
              onPointerEnter={() => void loadMessages(l).catch(() => undefined)}
              onFocus={() => void loadMessages(l).catch(() => undefined)}
              onClick={(e) => {
                if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey) requestHeadingFocus();
              }}
            >
              {l.nativeName}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PrimaryNav() {
  const lang = useLang();
  const paths = usePaths();
  const intl = useIntl();
  const { pathname } = useLocation();
  const session = useSession();
  const current = sectionOf(pathname, lang);
  const items: { section: Section; to: string; label: string }[] = [
    { section: 'home', to: paths.home(), label: intl.formatMessage({ id: 'nav.home' }) },
    { section: 'activities', to: paths.activities(), label: intl.formatMessage({ id: 'nav.activities' }) },
    { section: 'organisations', to: paths.organisations(), label: intl.formatMessage({ id: 'nav.organisations' }) },
  ];
  if (session.status === 'signedIn') {
    items.push({ section: 'workspace', to: paths.workspace(), label: intl.formatMessage({ id: 'nav.workspace' }) });
  }
  return (
    <nav className="primary-nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
      <div className="container">
        <ul>
          {items.map((item) => {
            const active = current.section === item.section;
            return (
              <li key={item.section}>
                <Link
                  to={item.to}
                  className={active ? 'is-active' : undefined}
                  aria-current={active ? (current.exact ? 'page' : 'true') : undefined}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

/** Moves focus to the new page's heading and scrolls to the top after each page change. */
function useRouteChangeFocus() {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const first = useRef(true);
  const navigationTypeRef = useRef(navigationType);
  navigationTypeRef.current = navigationType;
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestHeadingFocus();
    if (navigationTypeRef.current !== NavigationType.Pop) window.scrollTo(0, 0);
  }, [pathname]);
}

export function Layout() {
  const paths = usePaths();
  const location = useLocation();
  useRouteChangeFocus();
  return (
    <div className="site">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        <FormattedMessage id="header.skipLink" />
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to={paths.home()} className="brand">
            <Logo />
            <span className="brand__text">
              <span className="brand__name">
                <FormattedMessage id="app.name" />
              </span>
              <span className="brand__tagline">
                <FormattedMessage id="app.tagline" />
              </span>
            </span>
          </Link>
          <div className="site-header__tools">
            <LanguageToggle />
            <SessionControls />
          </div>
          <SiteSearch />
        </div>
        <PrimaryNav />
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <div className="container">
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </div>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__grid">
          <section aria-labelledby="footer-about">
            <h2 id="footer-about" className="site-footer__title">
              <FormattedMessage id="footer.aboutTitle" />
            </h2>
            <p>
              <FormattedMessage id="footer.aboutText" />
            </p>
          </section>
          <section aria-labelledby="footer-data">
            <h2 id="footer-data" className="site-footer__title">
              <FormattedMessage id="footer.dataTitle" />
            </h2>
            <p>
              <FormattedMessage id="footer.dataText" />
            </p>
            <ul className="site-footer__links">
              <li>
                <a href="/api/v1/plans">
                  <FormattedMessage id="footer.apiLink" />
                </a>
              </li>
              <li>
                <a href="/api/v1/activities?pageSize=100">
                  <FormattedMessage id="footer.activitiesJson" />
                </a>
              </li>
              <li>
                <Link to={paths.exchangeRates()}>
                  <FormattedMessage id="footer.ratesLink" />
                </Link>
              </li>
            </ul>
          </section>
          <section aria-labelledby="footer-sources">
            <h2 id="footer-sources" className="site-footer__title">
              <FormattedMessage id="footer.sourcesTitle" />
            </h2>
            <p>
              <FormattedMessage id="footer.sourcesText" />
            </p>
          </section>
        </div>
        <div className="site-footer__bottom">
          <div className="container">
            <FormattedMessage id="footer.bottom" />
          </div>
        </div>
      </footer>
    </div>
  );
}
