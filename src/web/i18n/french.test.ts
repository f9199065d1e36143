import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createIntl, IntlProvider } from 'react-intl';
import { Localized } from '../components/Localized';
import { formatMoney } from '../components/Money';
import { formatPartialDate } from '../components/PartialDateText';
import { parseActivityQuery } from '../lib/activityQuery';
import { pathInLanguage } from '../lib/paths';
import { LANGUAGES, loadMessages, preferredLanguage, type UiLanguage } from './index';
import { issueReason } from './issues';
import { LanguageContext } from './LanguageContext';

const fr = LANGUAGES.fr as UiLanguage;
const messages = await loadMessages(fr);
const intl = createIntl({ locale: fr.intlLocale, messages });
/** Intl separates groups and units with (narrow) no-break spaces; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('French interface', () => {
  it('is registered as fr-CA with its own name for the toggle', () => {
    assert.equal(fr.intlLocale, 'fr-CA');
    assert.equal(fr.nativeName, 'Français');
    assert.equal(LANGUAGES.en?.nativeName, 'English');
  });

  it('formats amounts the Canadian French way, naming whose dollars they are', () => {
    assert.equal(plain(formatMoney(intl, '3000000.00', 'CAD')), '3 000 000 $ CA');
    assert.equal(plain(formatMoney(intl, '1250.50', 'USD')), '1 250,50 $ US');
    assert.equal(plain(formatMoney(intl, '500000', 'AUD')), '500 000 $ AU');
  });

  it('formats dates at their own precision', () => {
    assert.equal(formatPartialDate(intl, '2011'), '2011');
    assert.equal(formatPartialDate(intl, '2011-05'), 'mai 2011');
    assert.equal(formatPartialDate(intl, '2011-05-03'), '3 mai 2011');
  });

  it('counts with French plural rules (0 and 1 are singular)', () => {
    const count = (n: number) => plain(intl.formatMessage({ id: 'count.activities' }, { count: n }));
    assert.equal(count(0), 'Aucune activité');
    assert.equal(count(1), '1 activité');
    assert.equal(count(2), '2 activités');
    assert.equal(count(1500), '1 500 activités');
    assert.equal(intl.formatMessage({ id: 'activity.funders' }, { count: 0 }), 'Bailleur de fonds');
  });

  it('names countries in French', () => {
    assert.equal(intl.formatDisplayName('TH', { type: 'region' }), 'Thaïlande');
    assert.equal(intl.formatDisplayName('PH', { type: 'region' }), 'Philippines');
  });

  it('marks English-only content with lang="en" and "(en anglais)"', () => {
    const html = renderToStaticMarkup(
      createElement(
        LanguageContext.Provider,
        { value: fr },
        createElement(
          IntlProvider,
          { locale: fr.intlLocale, messages },
          createElement(Localized, { value: { en: 'Energy security', fr: null } }),
        ),
      ),
    );
    assert.match(html, /<span lang="en">Energy security<\/span>/);
    assert.match(plain(html), /\(en anglais\)/);
  });

  it('explains a bad filter in French', () => {
    const parsed = parseActivityQuery(new URLSearchParams('country=XX&yearFrom=2014&yearTo=2011'));
    assert.ok(!parsed.ok);
    const country = parsed.issues.find((i) => i.name === 'country');
    assert.ok(country);
    assert.match(issueReason(intl, country), /^Utilisez les codes de pays ISO/);
    const years = parseActivityQuery(new URLSearchParams('yearFrom=2014&yearTo=2011'));
    assert.ok(!years.ok);
    const order = years.issues[0];
    assert.ok(order);
    assert.equal(issueReason(intl, order), 'La première année ne doit pas être postérieure à la dernière.');
  });
});

describe('language in the URL', () => {
  it('sends / to French only when the browser prefers French to English', () => {
    assert.equal(preferredLanguage(['fr-CA', 'en-CA']), 'fr');
    assert.equal(preferredLanguage(['FR']), 'fr');
    assert.equal(preferredLanguage(['de-DE', 'fr']), 'fr');
    assert.equal(preferredLanguage(['en-CA', 'fr-CA']), 'en');
    assert.equal(preferredLanguage(['de-DE']), 'en');
    assert.equal(preferredLanguage([]), 'en');
  });

  it('switches language keeping the page, its filters and its anchor', () => {
    const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });
    assert.equal(
      pathInLanguage(at('/en/activities', '?status=completed&country=ID', '#results-title'), 'fr'),
      '/fr/activities?status=completed&country=ID#results-title',
    );
    assert.equal(pathInLanguage(at('/fr/organisations/abc'), 'en'), '/en/organisations/abc');
    assert.equal(pathInLanguage(at('/en/'), 'fr'), '/fr/');
    assert.equal(pathInLanguage(at('/en'), 'fr'), '/fr/');
  });
});
