import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { MarkedText, MarkedTextIn } from '../components/MarkedText';
import { englishMessages } from '../i18n';
import {
  correctedQuery,
  facetValueId,
  hasFacets,
  hasSearch,
  parseSearchQuery,
  searchApiParams,
  searchQueryToParams,
} from './searchQuery';
import { queryString } from '../api/client';

describe('search page URL', () => {
  it('parses the words, facets (comma-separated or repeated) and page with the shared schema', () => {
    const parsed = parseSearchQuery(
      new URLSearchParams('q=+rice++&status=ongoing,completed&country=ID&country=TH&year=2011&kind=activity&page=2'),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.query.q, 'rice');
    assert.deepEqual(parsed.query.status, ['ongoing', 'completed']);
    assert.deepEqual(parsed.query.country, ['ID', 'TH']);
    assert.deepEqual(parsed.query.year, ['2011']);
    assert.deepEqual(parsed.query.kind, ['activity']);
    assert.equal(parsed.query.page, 2);
  });

  it('takes the language from the page, not from the address', () => {
    const parsed = parseSearchQuery(new URLSearchParams('q=eau&lang=xx'));
    assert.ok(parsed.ok, 'a lang parameter is ignored rather than refused');
    assert.equal(searchApiParams(parsed.query, 'fr').lang, 'fr');
  });

  it('names each bad parameter, including unknown ones', () => {
    const parsed = parseSearchQuery(new URLSearchParams('status=lost&year=11&colour=red&q=a'));
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.issues.map((i) => i.name).sort(), ['colour', 'status', 'year']);
    assert.ok(parsed.issues.find((i) => i.name === 'colour')?.unknown);
  });

  it('writes the query back without its defaults, so that shared links stay short', () => {
    const parsed = parseSearchQuery(new URLSearchParams('q=water&type=project&page=1'));
    assert.ok(parsed.ok);
    assert.equal(queryString(searchQueryToParams(parsed.query)), '?q=water&type=project');
    assert.equal(queryString(searchQueryToParams({ ...parsed.query, page: 3 })), '?q=water&type=project&page=3');
  });

  it('knows whether there is anything to search for', () => {
    assert.equal(hasSearch({ q: '  ' }), false);
    assert.equal(hasSearch({ q: 'ri' }), true);
    assert.equal(hasSearch({ q: '', status: ['ongoing'] }), true);
    assert.equal(hasFacets({ q: 'x', status: [] }), false);
  });
});

describe('search corrections', () => {
  it('replaces the corrected words where they stand as whole words', () => {
    assert.equal(correctedQuery('rcie fishing', [{ from: 'rcie', to: 'rice' }]), 'rice fishing');
    assert.equal(correctedQuery('Wmen and wmen', [{ from: 'wmen', to: 'women' }]), 'women and women');
    assert.equal(correctedQuery('wmenx', [{ from: 'wmen', to: 'women' }]), 'wmenx', 'not inside a longer word');
    assert.equal(correctedQuery('sécurté alimentaire', [{ from: 'sécurté', to: 'sécurité' }]), 'sécurité alimentaire');
    assert.equal(correctedQuery('Sécurté alimentaire', [{ from: 'securte', to: 'securite' }]), 'securite alimentaire');
    assert.equal(correctedQuery('a+b (c', [{ from: 'c', to: 'd' }]), 'a+b (d', 'punctuation is kept');
  });
});

describe('facet value ids', () => {
  it('are valid and distinct for ids, codes and odd values', () => {
    assert.equal(facetValueId('status', 'ongoing'), 'search-status-ongoing');
    assert.notEqual(facetValueId('partner', 'a b'), facetValueId('partner', 'a_b'));
    assert.match(facetValueId('partner', 'a "b"'), /^[A-Za-z0-9_-]+$/);
  });
});

describe(MarkedText.name, () => {
  const render = (node: React.ReactElement) =>
    renderToStaticMarkup(createElement(IntlProvider, { locale: 'en-GB', messages: englishMessages }, node));

  it('marks the matching runs and shows markup in a text as characters', () => {
    const html = render(
      createElement(MarkedText, {
        runs: [
          { text: 'Safe ', match: false },
          { text: 'migra', match: true },
          { text: 'tion <b>now</b>', match: false },
        ],
      }),
    );
    assert.equal(
      html,
      '<span>Safe </span><mark class="search-mark">migra</mark><span>tion &lt;b&gt;now&lt;/b&gt;</span>',
    );
  });

  it('gives text in the other language its lang and a note', () => {
    const html = render(
      createElement(MarkedTextIn, { runs: [{ text: 'eau', match: true }], lang: 'fr', fallback: true }),
    );
    assert.match(html, /<span lang="fr"><mark class="search-mark">eau<\/mark><\/span>/);
    assert.match(html, /\(in French\)/);
    const own = render(
      createElement(MarkedTextIn, { runs: [{ text: 'water', match: true }], lang: 'en', fallback: false }),
    );
    assert.doesNotMatch(own, /lang=/);
  });
});
