import { lazy, useEffect, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { Layout } from './components/Layout';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  loadedMessages,
  loadMessages,
  preferredLanguage,
  uiLanguage,
  uiLanguageForTag,
} from './i18n';
import { LanguageContext } from './i18n/LanguageContext';
import { SessionProvider } from './workspace/session';
// The landing page is in the main bundle: most visits start there, and a chunk of its own would be one more round
// trip before its first request for data.
import HomePage from './pages/HomePage';
import './i18n/typography.css';

const PlanPage = lazy(() => import('./pages/PlanPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const SnapshotsPage = lazy(() => import('./pages/SnapshotsPage'));
const PlanComparisonPage = lazy(() => import('./pages/PlanComparisonPage'));
const FrameworkNodePage = lazy(() => import('./pages/FrameworkNodePage'));
const ActivitiesPage = lazy(() => import('./pages/ActivitiesPage'));
const ActivityPage = lazy(() => import('./pages/ActivityPage'));
const OrganisationsPage = lazy(() => import('./pages/OrganisationsPage'));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage'));
const SearchPage = lazy(() => import('./pages/SearchPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const SignInPage = lazy(() => import('./workspace/SignInPage'));
const AccountPage = lazy(() => import('./workspace/AccountPage'));
const AcceptLinkPage = lazy(() => import('./workspace/AcceptLinkPage'));
const WorkspaceHomePage = lazy(() => import('./workspace/WorkspaceHomePage'));
const ActivityEditorPage = lazy(() => import('./workspace/ActivityEditorPage'));
const OrganisationsAdminPage = lazy(() => import('./workspace/OrganisationsAdminPage'));
const OrganisationEditorPage = lazy(() => import('./workspace/OrganisationEditorPage'));
const UsersPage = lazy(() => import('./workspace/UsersPage'));
const UserEditorPage = lazy(() => import('./workspace/UserEditorPage'));
const TrashPage = lazy(() => import('./workspace/TrashPage'));
const FrameworkEditorPage = lazy(() => import('./workspace/FrameworkEditorPage'));
const PlanEditorPage = lazy(() => import('./workspace/PlanEditorPage'));
const CrosswalkEditorPage = lazy(() => import('./workspace/CrosswalkEditorPage'));
const ExchangeRatesPage = lazy(() => import('./pages/ExchangeRatesPage'));
const ExchangeRateEditorPage = lazy(() => import('./workspace/ExchangeRateEditorPage'));
const ImportsPage = lazy(() => import('./workspace/ImportsPage'));
const PlanLoadPage = lazy(() => import('./workspace/PlanLoadPage'));

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** The browser's language preferences; English when it states none of the interface languages. */
function browserLanguage() {
  return typeof navigator === 'undefined' ? DEFAULT_LANGUAGE : preferredLanguage(navigator.languages ?? []);
}

/**
 * `/fr-CA/rest` → `/fr/rest`; `/xx/rest` with an unsupported language, or a path without a
 * language, → the browser's preferred interface language (English by default).
 */
function DefaultLanguageRedirect() {
  const location = useLocation();
  const segments = location.pathname.split('/');
  const first = segments[1] ?? '';
  const isTag = LANGUAGE_TAG.test(first);
  const rest = isTag ? segments.slice(2).join('/') : segments.slice(1).join('/');
  const lang = (isTag ? uiLanguageForTag(first)?.code : undefined) ?? browserLanguage();
  return <Navigate to={`/${lang}/${rest}${location.search}${location.hash}`} replace />;
}

function LanguageRoot() {
  const { lang } = useParams();
  const language = uiLanguage(lang);
  const [, setVersion] = useState(0);
  const messages = language ? loadedMessages(language) : undefined;

  useEffect(() => {
    if (!language) return;
    document.documentElement.lang = language.code;
    const description = messages?.['app.description'];
    if (description) document.querySelector('meta[name="description"]')?.setAttribute('content', description);
    if (messages) return;
    let live = true;
    void loadMessages(language).then(() => {
      if (live) setVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [language, messages]);

  if (!language) return <DefaultLanguageRedirect />;
  if (!messages) return null;
  return (
    <LanguageContext.Provider value={language}>
      <IntlProvider
        locale={language.intlLocale}
        defaultLocale={LANGUAGES[DEFAULT_LANGUAGE]?.intlLocale}
        messages={messages}
        onError={(err) => {
          if (import.meta.env.DEV) console.warn(err.message);
        }}
      >
        {/* A new language is a new page: it mounts afresh, and its heading takes the focus. */}
        <Layout key={language.code} />
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/" element={<DefaultLanguageRedirect />} />
          <Route path=":lang" element={<LanguageRoot />}>
            <Route index element={<HomePage />} />
            <Route path="plans/:slug" element={<PlanPage />} />
            <Route path="plans/:slug/dashboard" element={<DashboardPage />} />
            <Route path="plans/:slug/snapshots" element={<SnapshotsPage />} />
            <Route path="plans/:slug/compare/:otherSlug" element={<PlanComparisonPage />} />
            <Route path="framework/:nodeId" element={<FrameworkNodePage />} />
            <Route path="activities" element={<ActivitiesPage />} />
            <Route path="activities/:id" element={<ActivityPage />} />
            <Route path="organisations" element={<OrganisationsPage />} />
            <Route path="organisations/:id" element={<OrganisationPage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="account/accept" element={<AcceptLinkPage />} />
            <Route path="workspace" element={<WorkspaceHomePage />} />
            <Route path="workspace/activities/new" element={<ActivityEditorPage />} />
            <Route path="workspace/activities/:id/edit" element={<ActivityEditorPage />} />
            <Route path="workspace/organisations" element={<OrganisationsAdminPage />} />
            <Route path="workspace/organisations/new" element={<OrganisationEditorPage />} />
            <Route path="workspace/organisations/:id/edit" element={<OrganisationEditorPage />} />
            <Route path="workspace/users" element={<UsersPage />} />
            <Route path="workspace/users/:id" element={<UserEditorPage />} />
            <Route path="workspace/trash" element={<TrashPage />} />
            <Route path="workspace/plans" element={<FrameworkEditorPage />} />
            <Route path="workspace/plans/load" element={<PlanLoadPage />} />
            <Route path="workspace/plans/:slug" element={<FrameworkEditorPage />} />
            <Route path="workspace/plans/:slug/details" element={<PlanEditorPage />} />
            <Route path="workspace/plans/:slug/crosswalk/:toSlug" element={<CrosswalkEditorPage />} />
            <Route path="exchange-rates" element={<ExchangeRatesPage />} />
            <Route path="workspace/exchange-rates/new" element={<ExchangeRateEditorPage />} />
            <Route path="workspace/exchange-rates/:currency/:year" element={<ExchangeRateEditorPage />} />
            <Route path="workspace/imports" element={<ImportsPage />} />
            <Route path="workspace/imports/:id" element={<ImportsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
