import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../../shared/vocab';
import { countryName, vocabLabel, VOCABULARY_NAMES } from './vocab-labels';

/** The web interface's catalogue of one language, read as data. */
function webCatalogue(lang: string): Record<string, string> {
  const file = new URL(`../../web/i18n/messages/${lang}.json`, import.meta.url);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

describe('vocabulary names of exported files', () => {
  for (const lang of LANGUAGES) {
    it(`say what the ${lang} interface says, for every vocabulary term it names`, () => {
      const web = webCatalogue(lang);
      const names = VOCABULARY_NAMES[lang];
      for (const [vocabulary, terms] of Object.entries(names)) {
        if (vocabulary === 'region') {
          assert.equal(terms, web['country.region']);
          continue;
        }
        const webKeys = Object.keys(web).filter((k) => k.startsWith(`vocab.${vocabulary}.`));
        assert.ok(webKeys.length > 0, `the web catalogue names the ${vocabulary} vocabulary`);
        assert.deepEqual(
          Object.fromEntries(
            Object.entries(terms as Record<string, string>).map(([k, v]) => [`vocab.${vocabulary}.${k}`, v]),
          ),
          Object.fromEntries(webKeys.map((k) => [k, web[k]])),
        );
      }
    });
  }

  it('names codes and countries in the language asked for', () => {
    assert.equal(vocabLabel('fr', 'activityStatus', 'ongoing'), 'En cours');
    assert.equal(vocabLabel('en', 'fundingType', 'disbursement'), 'Disbursement');
    assert.equal(vocabLabel('en', 'activityType', 'unknown-code'), 'unknown-code');
    assert.equal(countryName('fr', 'TH'), 'Thaïlande');
    assert.equal(countryName('en', 'TL'), 'Timor-Leste');
    assert.equal(countryName('fr', 'ASEAN'), "Région de l'ANASE");
  });
});
