import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { damerauLevenshtein, fold, trigrams, words } from './fold';
import { queryWords, toFtsMatch, toTsQuery } from './query';
import { markRuns, snippetRuns } from './runs';

describe('fold', () => {
  it('folds case and accents, French and Vietnamese alike', () => {
    assert.equal(fold('Développement'), fold('developpement'));
    assert.equal(fold('Việt Nam'), 'viet nam');
    assert.equal(fold('Quảng Ninh'), 'quang ninh');
    assert.equal(fold('ĐÀ NẴNG'), 'da nang');
    assert.equal(fold('Œuvre Straße'), 'oeuvre strasse');
  });

  it('turns everything that is not a letter or a digit into one space', () => {
    assert.equal(fold("l'eau — 2021/22, e-mail"), 'l eau 2021 22 e mail');
    assert.equal(fold('  "*:&(NEAR OR)  '), 'near or');
    assert.equal(fold(null), '');
    assert.deepEqual(words('Ateliers régionaux!'), ['ateliers', 'regionaux']);
  });

  it('pads trigrams like pg_trgm and measures a swap as one edit', () => {
    assert.deepEqual(trigrams('cat'), ['  c', ' ca', 'cat', 'at ']);
    assert.equal(damerauLevenshtein('womn', 'women'), 1);
    assert.equal(damerauLevenshtein('mangorve', 'mangrove'), 1);
    assert.equal(damerauLevenshtein('kitten', 'sitting'), 3);
    assert.equal(damerauLevenshtein('', 'abc'), 3);
  });
});

/** Each word of a query as a term without alternatives. */
const terms = (q: string) => queryWords(q).map((w) => [w]);

describe('query parsing', () => {
  it('keeps each folded word once, in order', () => {
    assert.deepEqual(queryWords('Work WORK développement'), ['work', 'developpement']);
    assert.deepEqual(queryWords('  '), []);
  });

  it('quotes every word as a prefix for FTS5, so operators typed are plain words', () => {
    for (const q of ['"', '*', ':', '&', '(', ')']) assert.deepEqual(queryWords(q), [], q);
    assert.equal(toFtsMatch(terms('NEAR OR work')), '"near"* AND "or"* AND "work"*');
    assert.equal(toFtsMatch([['womn', 'women'], ['x']]), '("womn"* OR "women"*) AND "x"*');
    assert.equal(toFtsMatch([['a"b']]), '"a""b"*', 'a quote inside is doubled');
    assert.equal(toFtsMatch([]), '');
  });

  it('quotes every word as a prefix for tsquery, escaping quotes and backslashes', () => {
    assert.equal(toTsQuery(terms('work & (shops) | !x')), "'work':* & 'shops':* & 'x':*");
    assert.equal(toTsQuery([["it's"], ['a\\b']]), "'it''s':* & 'a\\\\b':*");
    assert.equal(toTsQuery([['womn', 'women']]), "('womn':* | 'women':*)");
  });
});

describe('marked runs', () => {
  it('marks whole words that start with a query word, whatever their accents and case', () => {
    assert.deepEqual(markRuns('Ateliers régionaux, Régions', ['region']), [
      { text: 'Ateliers ', match: false },
      { text: 'régionaux', match: true },
      { text: ', ', match: false },
      { text: 'Régions', match: true },
    ]);
    assert.deepEqual(markRuns('Việt Nam', ['viet', 'nam']), [
      { text: 'Việt', match: true },
      { text: ' ', match: false },
      { text: 'Nam', match: true },
    ]);
    assert.deepEqual(markRuns('No match here', ['zzz']), [{ text: 'No match here', match: false }]);
    assert.deepEqual(markRuns('', ['a']), []);
  });

  it('cuts a long text around its first match at word boundaries, with ellipses', () => {
    const text = `${'lorem ipsum '.repeat(30)}mangrove restoration ${'dolor sit '.repeat(30)}`.trim();
    const runs = snippetRuns(text, ['mangrove'], 80)!;
    const joined = runs.map((r) => r.text).join('');
    assert.ok(joined.startsWith('… '), joined);
    assert.ok(joined.endsWith(' …'), joined);
    assert.ok(joined.length <= 80 + 4, `${joined.length}`);
    assert.deepEqual(
      runs.filter((r) => r.match).map((r) => r.text),
      ['mangrove'],
    );
    assert.ok(!/\b(lore|ipsu|dolo)\s/.test(joined.replace(/…/g, '')), 'no word is cut');
    assert.equal(snippetRuns(text, ['absent']), null);
    assert.deepEqual(snippetRuns('Short mangrove text', ['mangrove']), [
      { text: 'Short ', match: false },
      { text: 'mangrove', match: true },
      { text: ' text', match: false },
    ]);
  });
});
