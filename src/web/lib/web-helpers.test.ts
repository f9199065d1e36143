import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createIntl, IntlProvider } from 'react-intl';
import { queryString } from '../api/client';
import { formatPartialDate } from '../components/PartialDateText';
import { Localized } from '../components/Localized';
import { formatMoney } from '../components/Money';
import { englishMessages, LANGUAGES, type UiLanguage } from '../i18n';
import { LanguageContext } from '../i18n/LanguageContext';
import { activityQueryToParams, parseActivityQuery } from './activityQuery';
import { pageWindow } from './pagination';

const en = LANGUAGES.en as UiLanguage;
const intl = createIntl({ locale: en.intlLocale, messages: englishMessages });

describe('activity list URL', () => {
  it('parses filters with the shared schema, lists comma-separated or repeated', () => {
    const parsed = parseActivityQuery(
      new URLSearchParams('status=completed,ongoing&country=ID&country=ASEAN&yearFrom=2011&q='),
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.query.status, ['completed', 'ongoing']);
    assert.deepEqual(parsed.query.country, ['ID', 'ASEAN']);
    assert.equal(parsed.query.yearFrom, 2011);
    assert.equal(parsed.query.q, undefined);
    assert.equal(parsed.query.page, 1);
  });

  it('names each bad parameter, including unknown ones', () => {
    const parsed = parseActivityQuery(new URLSearchParams('country=XX&yearFrom=abc&colour=red'));
    assert.ok(!parsed.ok);
    const names = parsed.issues.map((i) => i.name).sort();
    assert.deepEqual(names, ['colour', 'country', 'yearFrom']);
    assert.ok(parsed.issues.find((i) => i.name === 'colour')?.unknown);
  });

  it('reports a year range that runs backwards on yearTo', () => {
    const parsed = parseActivityQuery(new URLSearchParams('yearFrom=2014&yearTo=2011'));
    assert.ok(!parsed.ok);
    assert.equal(parsed.issues[0]?.name, 'yearTo');
  });

  it('writes the query back without defaults', () => {
    const parsed = parseActivityQuery(new URLSearchParams('type=training&page=2'));
    assert.ok(parsed.ok);
    assert.equal(queryString(activityQueryToParams(parsed.query)), '?type=training&page=2');
    assert.equal(queryString(activityQueryToParams({ ...parsed.query, page: 1 })), '?type=training');
  });
});

describe('formatting', () => {
  it('formats partial dates at their own precision', () => {
    assert.equal(formatPartialDate(intl, '2011'), '2011');
    assert.equal(formatPartialDate(intl, '2011-05'), 'May 2011');
    assert.equal(formatPartialDate(intl, '2011-05-03'), '3 May 2011');
  });

  it('formats money with the currency code', () => {
    assert.equal(formatMoney(intl, '3000000.00', 'CAD').replace(/\s/g, ' '), 'CAD 3,000,000');
    assert.equal(formatMoney(intl, '1250.50', 'USD').replace(/\s/g, ' '), 'USD 1,250.50');
  });

  it('windows page numbers around the current page', () => {
    assert.deepEqual(pageWindow(1, 1), [1]);
    assert.deepEqual(pageWindow(1, 3), [1, 2, 3]);
    assert.deepEqual(pageWindow(5, 10), [1, 'gap', 4, 5, 6, 'gap', 10]);
    assert.deepEqual(pageWindow(3, 10), [1, 2, 3, 4, 'gap', 10]);
  });
});

describe('Localized', () => {
  const render = (value: { en: string | null; fr: string | null }) =>
    renderToStaticMarkup(
      createElement(
        LanguageContext.Provider,
        { value: en },
        createElement(
          IntlProvider,
          { locale: en.intlLocale, messages: englishMessages },
          createElement(Localized, { value }),
        ),
      ),
    );

  it('shows the text in the interface language as is', () => {
    assert.equal(render({ en: 'Energy', fr: 'Énergie' }), 'Energy');
  });

  it('marks a fallback with its language and a note', () => {
    const html = render({ en: null, fr: 'Énergie' });
    assert.match(html, /<span lang="fr">Énergie<\/span>/);
    assert.match(html, /\(in French\)/);
  });
});
