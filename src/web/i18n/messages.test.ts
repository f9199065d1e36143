import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { isPluralElement, isSelectElement, isTagElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES, type Messages } from './index';
import en from './messages/en.json';
import fr from './messages/fr.json';

// Compile-time check as well: the French catalogue has every key of the English one.
const french: Messages = fr;
const english: Record<string, string> = en;

const MESSAGES_DIR = new URL('./messages/', import.meta.url);

/** Every catalogue in messages/, by language code (file name without .json). */
function catalogues(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const file of fs.readdirSync(MESSAGES_DIR).sort()) {
    if (!file.endsWith('.json')) continue;
    const body: unknown = JSON.parse(fs.readFileSync(new URL(file, MESSAGES_DIR), 'utf8'));
    assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), `${file} is not a JSON object`);
    out.set(file.slice(0, -'.json'.length), body as Record<string, unknown>);
  }
  return out;
}

/** Argument names used anywhere in a message, including inside plural/select options and tags. */
function argumentNames(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.literal:
      case TYPE.pound:
        break;
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(el.value);
        break;
      case TYPE.select:
      case TYPE.plural:
        into.add(el.value);
        for (const option of Object.values(el.options)) argumentNames(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${el.value}>`);
        argumentNames(el.children, into);
        break;
    }
  }
  return into;
}

/** For each select argument, the cases it names ("kind" → pillar, area, …, other). */
function selectCases(elements: readonly MessageFormatElement[], into = new Map<string, Set<string>>()) {
  for (const el of elements) {
    if (isSelectElement(el)) {
      const cases = into.get(el.value) ?? new Set<string>();
      for (const key of Object.keys(el.options)) cases.add(key);
      into.set(el.value, cases);
    }
    if (isSelectElement(el) || isPluralElement(el)) {
      for (const option of Object.values(el.options)) selectCases(option.value, into);
    }
    if (isTagElement(el)) selectCases(el.children, into);
  }
  return into;
}

const sorted = (set: Iterable<string>) => [...set].sort();

const all = catalogues();
const reference = all.get('en');
const others = [...all.entries()].filter(([code]) => code !== 'en');

describe('message catalogues', () => {
  it('has the English reference catalogue and one registered language per catalogue', () => {
    assert.ok(reference, 'messages/en.json is missing');
    assert.deepEqual(sorted(all.keys()), sorted(Object.keys(LANGUAGES)));
    assert.ok(all.has('fr'), 'messages/fr.json is missing');
  });

  for (const [code, messages] of all) {
    it(`${code}: every message is a non-empty string that parses as ICU`, () => {
      const problems: string[] = [];
      for (const [key, value] of Object.entries(messages)) {
        if (typeof value !== 'string') {
          problems.push(`${key}: not a string`);
          continue;
        }
        if (value.trim() === '') {
          problems.push(`${key}: empty`);
          continue;
        }
        try {
          parse(value, { requiresOtherClause: true });
        } catch (err) {
          problems.push(`${key}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      assert.deepEqual(problems, [], `${code}.json:\n${problems.join('\n')}`);
    });
  }

  for (const [code, messages] of others) {
    it(`${code}: has exactly the keys of en.json`, () => {
      const keys = new Set(Object.keys(messages));
      const wanted = new Set(Object.keys(reference ?? {}));
      const missing = sorted([...wanted].filter((k) => !keys.has(k)));
      const extra = sorted([...keys].filter((k) => !wanted.has(k)));
      assert.deepEqual(missing, [], `${code}.json lacks keys of en.json: ${missing.join(', ')}`);
      assert.deepEqual(extra, [], `${code}.json has keys that en.json lacks: ${extra.join(', ')}`);
    });

    it(`${code}: uses the same arguments and select cases as English in every message`, () => {
      const problems: string[] = [];
      for (const [key, source] of Object.entries(reference ?? {})) {
        const translated = messages[key];
        if (typeof source !== 'string' || typeof translated !== 'string') continue;
        let a: MessageFormatElement[];
        let b: MessageFormatElement[];
        try {
          a = parse(source);
          b = parse(translated);
        } catch {
          continue; // reported by the parse test
        }
        const wanted = sorted(argumentNames(a));
        const got = sorted(argumentNames(b));
        if (wanted.join() !== got.join()) {
          problems.push(`${key}: en has {${wanted.join(', ')}}, ${code} has {${got.join(', ')}}`);
        }
        const casesA = selectCases(a);
        const casesB = selectCases(b);
        for (const [name, cases] of casesA) {
          const other = casesB.get(name);
          if (other && sorted(cases).join() !== sorted(other).join()) {
            problems.push(
              `${key}: select {${name}} cases differ: [${sorted(cases).join(', ')}] / [${sorted(other).join(', ')}]`,
            );
          }
        }
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
});

/** Values that read the same in both languages: names, codes and a few shared words. */
const SAME_IN_FRENCH = new Set([
  'ActionLine',
  '{title} – ActionLine',
  '{start} – {end}',
  '{kind} {code}',
  'Budget',
  'Date',
  'Dates',
  'Description',
  'Dialogue',
  'Forum',
  'Organisation',
  'Organisations',
  'Sources',
  'Total',
  'Type',
  'Version',
  'Version {version}',
  '{currency}',
  'Source',
  'Note',
  'Actions',
  'Code',
  'AidData',
  'Impact',
  'Qualitative',
]);

describe('French catalogue', () => {
  it('is translated, not a copy of the English one', () => {
    const identical = Object.keys(english).filter((key) => english[key] === french[key as keyof Messages]);
    const unexpected = identical.filter((key) => !SAME_IN_FRENCH.has(english[key] ?? ''));
    assert.deepEqual(
      unexpected,
      [],
      `Messages identical to English: ${unexpected.map((k) => `${k} = "${english[k]}"`).join('; ')}`,
    );
    assert.ok(
      identical.length <= Object.keys(english).length / 10,
      `${identical.length} of ${Object.keys(english).length} French messages are the same as English`,
    );
  });

  it('follows French plural rules: "one" covers 0 and 1', () => {
    const count = french['count.activities'];
    assert.match(count, /one \{# activité\}/);
    assert.match(count, /other \{# activités\}/);
    assert.equal(new Intl.PluralRules('fr-CA').select(0), 'one');
  });

  it('puts a no-break space before colons and inside guillemets', () => {
    const bad = Object.entries(french)
      .filter(([, v]) => /[^\u00a0]:|«[^\u00a0]|[^\u00a0]»/.test(v))
      .map(([k]) => k);
    assert.deepEqual(bad, [], `use U+00A0 before ":" and inside « »: ${bad.join(', ')}`);
  });
});
