import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityInputSchema, type ActivityInputDraft } from './activity.schema';

const base: ActivityInputDraft = { title: { en: 'Labour inspection', fr: null }, type: 'training', status: 'planned' };

/** The problems of an activity with these fields, by path. */
function problems(fields: Partial<ActivityInputDraft> | Record<string, unknown>): Record<string, string> {
  const r = activityInputSchema.safeParse({ ...base, ...fields });
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

const sector = (code: string, percentage?: unknown, vocabulary = '1') => ({ vocabulary, code, percentage });
const country = (code: string) => ({ kind: 'country', code });
const region = (code: string, vocabulary: string | null) => ({ kind: 'region', code, vocabulary });

describe('activity schema: sectors', () => {
  it('checks the code format of the vocabularies it knows, and takes any code of the others', () => {
    const bad: [string, string, RegExp][] = [
      ['1', '1517', /five digits, e\.g\. 15170/],
      ['1', '151700', /five digits/],
      ['2', '15', /three digits, e\.g\. 151/],
      ['7', '18', /number from 1 to 17/],
      ['7', '0', /number from 1 to 17/],
      ['8', '5', /like 5\.2 or 16\.a/],
      ['8', '16.d', /like 5\.2 or 16\.a/],
    ];
    for (const [vocabulary, code, message] of bad) {
      const p = problems({ sectors: [sector(code, undefined, vocabulary)] });
      assert.deepEqual(Object.keys(p), ['sectors.0.code'], `${vocabulary}:${code}`);
      assert.match(p['sectors.0.code'] ?? '', message, `${vocabulary}:${code}`);
    }
    for (const [vocabulary, code] of [
      ['1', '15170'],
      ['2', '151'],
      ['7', '5'],
      ['7', '17'],
      ['8', '5.2'],
      ['8', '16.a'],
      ['99', 'LOCAL-GENDER'],
      ['98', 'x'],
    ] as const) {
      assert.deepEqual(problems({ sectors: [sector(code, undefined, vocabulary)] }), {}, `${vocabulary}:${code}`);
    }
    assert.deepEqual(problems({ sectors: [sector('', undefined)] }), {
      'sectors.0.code': 'Give the sector code, e.g. 15170.',
    });
    assert.match(
      problems({ sectors: [sector('15170', undefined, '13')] })['sectors.0.vocabulary'] ?? '',
      /^Choose a sector vocabulary: 1, 2,.*99/,
    );
  });

  it('reads a share as a number or digits; empty is none; anything else is refused with the fix', () => {
    const parsed = (percentage: unknown) =>
      activityInputSchema.parse({ ...base, sectors: [sector('15170', percentage)] }).sectors[0]?.percentage;
    assert.equal(parsed(100), 100);
    assert.equal(parsed(' 100 '), 100);
    assert.equal(parsed('100.00'), 100);
    assert.equal(parsed(''), null);
    assert.equal(parsed(null), null);
    assert.equal(parsed(undefined), null);
    const three = activityInputSchema.parse({
      ...base,
      sectors: [sector('15170', '33.33'), sector('15160', 33.33), sector('15180', '33.34')],
    }).sectors;
    assert.deepEqual(
      three.map((s) => s.percentage),
      [33.33, 33.33, 33.34],
    );
    // Hundredths that binary floating point cannot hold exactly (0.29 * 100 = 28.999999999999996).
    assert.deepEqual(
      activityInputSchema
        .parse({ ...base, sectors: [sector('15170', 0.29), sector('15160', '99.71')] })
        .sectors.map((s) => s.percentage),
      [0.29, 99.71],
    );
    const fix = 'Give a percentage between 0 and 100 with at most 2 decimals, e.g. 60.';
    for (const bad of ['abc', '60%', '1,5', '-5', '101', '100.01', '33.333', 60.005, -1, 100.5, ' . ']) {
      assert.deepEqual(problems({ sectors: [sector('15170', bad)] }), { 'sectors.0.percentage': fix }, String(bad));
    }
    assert.deepEqual(problems({ sectors: [sector('15170', true)] }), {
      'sectors.0.percentage': 'Give a percentage between 0 and 100, e.g. 60 or 33.33.',
    });
  });

  it('wants shares for every sector of a vocabulary or for none, adding up to 100 within 0.1', () => {
    assert.deepEqual(problems({ sectors: [sector('15170'), sector('15160')] }), {});
    assert.deepEqual(
      problems({ sectors: [sector('15170', 60), sector('15160', 40), sector('5', undefined, '7')] }),
      {},
    );
    assert.deepEqual(problems({ sectors: [sector('15170', 60), sector('15160')] }), {
      'sectors.1.percentage': 'Give a percentage for every sector of vocabulary 1, or for none.',
    });
    assert.deepEqual(problems({ sectors: [sector('15170', 60), sector('15160', 30)] }), {
      'sectors.1.percentage': 'The percentages of vocabulary 1 add up to 90; make them add up to 100.',
    });
    assert.deepEqual(problems({ sectors: [sector('15170', 50)] }), {
      'sectors.0.percentage': 'The percentages of vocabulary 1 add up to 50; make them add up to 100.',
    });
    // Rounded thirds are allowed; more than 0.1 away is not.
    assert.deepEqual(
      problems({ sectors: [sector('15170', 33.33), sector('15160', 33.33), sector('15180', 33.33)] }),
      {},
    );
    assert.deepEqual(problems({ sectors: [sector('15170', 33.3), sector('15160', 33.3), sector('15180', 33.3)] }), {
      'sectors.2.percentage': 'The percentages of vocabulary 1 add up to 99.9; make them add up to 100.',
    });
    // Each vocabulary adds up on its own.
    assert.deepEqual(
      problems({
        sectors: [sector('15170', 100), sector('5', 70, '7'), sector('16', 20, '7')],
      }),
      { 'sectors.2.percentage': 'The percentages of vocabulary 7 add up to 90; make them add up to 100.' },
    );
  });

  it('reports a wrong share and a wrong code together, and no total until every share can be read', () => {
    assert.deepEqual(problems({ sectors: [sector('15170', 60), sector('1516', 'forty')] }), {
      'sectors.1.percentage': 'Give a percentage between 0 and 100 with at most 2 decimals, e.g. 60.',
      'sectors.1.code': 'A DAC 5-digit purpose code has five digits, e.g. 15170.',
    });
  });

  it('refuses the same sector twice in one vocabulary, not the same code in two', () => {
    assert.deepEqual(problems({ sectors: [sector('15170'), sector('15160'), sector('15170')] }), {
      'sectors.2.code': 'This sector is listed already; remove the repeat or change its code.',
    });
    assert.deepEqual(problems({ sectors: [sector('5', undefined, '7'), sector('5', undefined, '99')] }), {});
  });
});

describe('activity schema: other recipients', () => {
  it('takes countries outside ASEAN by ISO code, without a vocabulary', () => {
    assert.deepEqual(problems({ otherRecipients: [country('CN'), country('CA')] }), {});
    assert.deepEqual(problems({ otherRecipients: [country('cn')] }), {
      'otherRecipients.0.code': 'Use a two-letter ISO 3166-1 country code, e.g. CN.',
    });
    assert.deepEqual(problems({ otherRecipients: [country('CHN')] }), {
      'otherRecipients.0.code': 'Use a two-letter ISO 3166-1 country code, e.g. CN.',
    });
    assert.deepEqual(problems({ otherRecipients: [country('PH')] }), {
      'otherRecipients.0.code': 'ASEAN member states and Timor-Leste belong in the countries field.',
    });
    assert.deepEqual(problems({ otherRecipients: [country('TL')] }), {
      'otherRecipients.0.code': 'ASEAN member states and Timor-Leste belong in the countries field.',
    });
    assert.deepEqual(problems({ otherRecipients: [{ ...country('CN'), vocabulary: '1' }] }), {
      'otherRecipients.0.vocabulary': 'Only a region has a vocabulary; leave it empty for a country.',
    });
  });

  it('takes regions with their vocabulary; OECD DAC and UN codes are numbers; 789 of the OECD DAC is refused', () => {
    assert.deepEqual(
      problems({ otherRecipients: [region('798', '1'), region('142', '2'), region('MEKONG', '99')] }),
      {},
    );
    assert.deepEqual(problems({ otherRecipients: [region('798', null)] }), {
      'otherRecipients.0.vocabulary': 'Choose the region vocabulary, e.g. 1 (OECD DAC).',
    });
    assert.deepEqual(problems({ otherRecipients: [region('798', '3')] }), {
      'otherRecipients.0.vocabulary': 'Choose a region vocabulary: 1, 2, 99.',
    });
    for (const vocabulary of ['1', '2']) {
      assert.deepEqual(problems({ otherRecipients: [region('Asia', vocabulary)] }), {
        'otherRecipients.0.code': 'An OECD DAC or UN region code is a number, e.g. 798.',
      });
    }
    assert.deepEqual(problems({ otherRecipients: [region('789', '1')] }), {
      'otherRecipients.0.code': 'Far East Asia (789) is the ASEAN region: mark the activity region-wide instead.',
    });
    assert.deepEqual(problems({ otherRecipients: [region('789', '99')] }), {});
    assert.deepEqual(problems({ otherRecipients: [{ kind: 'province', code: 'X' }] }), {
      'otherRecipients.0.kind': 'Choose country or region.',
    });
  });

  it('refuses the same recipient twice, not the same code in two vocabularies', () => {
    assert.deepEqual(problems({ otherRecipients: [country('CN'), region('798', '1'), country('CN')] }), {
      'otherRecipients.2.code': 'This country or region is listed already; remove the repeat.',
    });
    assert.deepEqual(problems({ otherRecipients: [region('798', '1'), region('798', '1')] }), {
      'otherRecipients.1.code': 'This country or region is listed already; remove the repeat.',
    });
    assert.deepEqual(problems({ otherRecipients: [region('142', '1'), region('142', '2')] }), {});
  });
});

describe('activity schema: results', () => {
  const indicator = (measure: string, values: { baselineValue?: string; target?: string; actual?: string }) => ({
    title: { en: 'Inspectors trained', fr: null },
    measure,
    baselineValue: values.baselineValue,
    periods: [{ start: '2027-01', end: '2027-12', target: values.target, actual: values.actual }],
  });
  const result = (...indicators: unknown[]) => ({
    type: 'output',
    title: { en: 'Inspectors trained', fr: null },
    indicators,
  });

  it('wants numbers for unit and percentage indicators, words are fine for the others', () => {
    for (const measure of ['unit', 'percentage']) {
      const fix = `A ${measure} indicator is measured in numbers, e.g. 120 or 45.5.`;
      assert.deepEqual(
        problems({
          results: [result(indicator(measure, { baselineValue: 'about 40', target: '120', actual: 'many' }))],
        }),
        {
          'results.0.indicators.0.baselineValue': fix,
          'results.0.indicators.0.periods.0.actual': fix,
        },
        measure,
      );
      assert.deepEqual(
        problems({ results: [result(indicator(measure, { baselineValue: '-3', target: '45.5', actual: '0' }))] }),
        {},
      );
    }
    assert.deepEqual(
      problems({ results: [result(indicator('qualitative', { baselineValue: 'weak', target: 'strong' }))] }),
      {},
    );
    assert.deepEqual(problems({ results: [result(indicator('ordinal', { target: 'level 3' }))] }), {});
  });

  it('refuses a period that ends before it starts', () => {
    const period = (start: string, end: string) => ({
      results: [result({ title: { en: 'Inspectors trained', fr: null }, measure: 'unit', periods: [{ start, end }] })],
    });
    assert.deepEqual(problems(period('2027-06', '2027-01')), {
      'results.0.indicators.0.periods.0.end': 'The end must not be before the start (2027-06).',
    });
    assert.deepEqual(problems(period('2027', '2026-12-31')), {
      'results.0.indicators.0.periods.0.end': 'The end must not be before the start (2027).',
    });
    assert.deepEqual(problems(period('2027-06', '2027')), {});
    assert.deepEqual(problems(period('2027-01-01', '2027-01-01')), {});
  });

  it('wants a title and a known kind for a result and a known measure for an indicator', () => {
    const p = problems({
      results: [
        { type: 'goal', title: { en: null, fr: null }, indicators: [{ title: { en: 'x' }, measure: 'count' }] },
      ],
    });
    assert.match(p['results.0.type'] ?? '', /^Choose a kind of result: output, outcome, impact, other\.$/);
    assert.match(p['results.0.title.en'] ?? '', /Give the result a title in English, French or both\./);
    assert.match(p['results.0.indicators.0.measure'] ?? '', /^Choose a measure: unit, percentage/);
  });
});

describe('activity schema: texts in other languages', () => {
  const t = (lang: string, field = 'title') => ({ field, lang, text: 'ការត្រួតពិនិត្យការងារ' });

  it('takes ISO 639 codes other than English and French, lower-cased', () => {
    const parsed = activityInputSchema.parse({ ...base, otherLanguageTexts: [t('KM'), t('th', 'summary')] });
    assert.deepEqual(
      parsed.otherLanguageTexts.map((x) => [x.field, x.lang]),
      [
        ['title', 'km'],
        ['summary', 'th'],
      ],
    );
    for (const lang of ['en', 'FR', ' fr ']) {
      assert.deepEqual(problems({ otherLanguageTexts: [t(lang)] }), {
        'otherLanguageTexts.0.lang': 'English and French texts belong in the title, summary and description.',
      });
    }
    for (const lang of ['k', 'khmr', 'k1', 'km-KH']) {
      assert.deepEqual(
        problems({ otherLanguageTexts: [t(lang)] }),
        { 'otherLanguageTexts.0.lang': 'Use a two- or three-letter ISO 639 language code, e.g. km or th.' },
        lang,
      );
    }
    assert.deepEqual(problems({ otherLanguageTexts: [{ field: 'title', lang: 'km', text: '' }] }), {
      'otherLanguageTexts.0.text': 'Give the text.',
    });
    assert.deepEqual(problems({ otherLanguageTexts: [t('km', 'objectives')] }), {
      'otherLanguageTexts.0.field': 'Choose the text: title, summary, description.',
    });
  });

  it('refuses the same text twice in one language', () => {
    assert.deepEqual(problems({ otherLanguageTexts: [t('km'), t('km', 'summary'), t('KM')] }), {
      'otherLanguageTexts.2.lang':
        'This text is given in this language already; remove the repeat or change its language.',
    });
  });
});

describe('activity schema: reporting organisation and value date', () => {
  it('keeps an id or none, and a value date as a partial date', () => {
    const a = activityInputSchema.parse({
      ...base,
      reportingOrganisationId: ' org-1 ',
      funding: [{ amount: '10', currency: 'CAD', type: 'commitment', valueDate: '2027-01-15' }],
    });
    assert.equal(a.reportingOrganisationId, 'org-1');
    assert.equal(a.funding[0]?.valueDate, '2027-01-15');
    assert.equal(activityInputSchema.parse(base).reportingOrganisationId, null);
    assert.deepEqual(problems({ reportingOrganisationId: '' }), { reportingOrganisationId: 'Choose one.' });
    assert.match(
      problems({ funding: [{ amount: '10', currency: 'CAD', type: 'commitment', valueDate: '15/01/2027' }] })[
        'funding.0.valueDate'
      ] ?? '',
      /YYYY/,
    );
  });
});
