import { lazy, useEffect, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { Layout } from './components/Layout';
import { DEFAULT_LANGUAGE, englishMessages, loadMessages, uiLanguage, type Messages } from './i18n';
import { LanguageContext } from './i18n/LanguageContext';

const HomePage = lazy(() => import('./pages/HomePage'));
const PlanPage = lazy(() => import('./pages/PlanPage'));
const FrameworkNodePage = lazy(() => import('./pages/FrameworkNodePage'));
const ActivitiesPage = lazy(() => import('./pages/ActivitiesPage'));
const ActivityPage = lazy(() => import('./pages/ActivityPage'));
const OrganisationsPage = lazy(() => import('./pages/OrganisationsPage'));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** `/xx/rest` with an unsupported language → `/en/rest`; a path without a language → `/en/path`. */
function DefaultLanguageRedirect() {
  const location = useLocation();
  const segments = location.pathname.split('/');
  const first = segments[1] ?? '';
  const rest = LANGUAGE_TAG.test(first) ? segments.slice(2).join('/') : segments.slice(1).join('/');
  return <Navigate to={`/${DEFAULT_LANGUAGE}/${rest}${location.search}${location.hash}`} replace />;
}

const loaded = new Map<string, Messages>([['en', englishMessages]]);

function LanguageRoot() {
  const { lang } = useParams();
  const language = uiLanguage(lang);
  const [, setVersion] = useState(0);
  const messages = language ? loaded.get(language.code) : undefined;

  useEffect(() => {
    if (!language) return;
    document.documentElement.lang = language.code;
    if (loaded.has(language.code)) return;
    let live = true;
    void loadMessages(language).then((m) => {
      loaded.set(language.code, m);
      if (live) setVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [language]);

  if (!language) return <DefaultLanguageRedirect />;
  if (!messages) return null;
  return (
    <LanguageContext.Provider value={language}>
      <IntlProvider
        locale={language.intlLocale}
        defaultLocale="en-GB"
        messages={messages}
        onError={(err) => {
          if (import.meta.env.DEV) console.warn(err.message);
        }}
      >
        <Layout />
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<Navigate to={`/${DEFAULT_LANGUAGE}/`} replace />} />
        <Route path=":lang" element={<LanguageRoot />}>
          <Route index element={<HomePage />} />
          <Route path="plans/:slug" element={<PlanPage />} />
          <Route path="framework/:nodeId" element={<FrameworkNodePage />} />
          <Route path="activities" element={<ActivitiesPage />} />
          <Route path="activities/:id" element={<ActivityPage />} />
          <Route path="organisations" element={<OrganisationsPage />} />
          <Route path="organisations/:id" element={<OrganisationPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
