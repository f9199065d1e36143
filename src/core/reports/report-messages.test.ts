import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { message, REPORT_MESSAGES } from './report-messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report messages', () => {
  it('has the same keys in English and French', () => {
    assert.deepEqual(Object.keys(REPORT_MESSAGES.fr).sort(), Object.keys(REPORT_MESSAGES.en).sort());
  });

  it('uses the same placeholders in both languages, and no empty message', () => {
    for (const [key, en] of Object.entries(REPORT_MESSAGES.en)) {
      const fr = REPORT_MESSAGES.fr[key as keyof typeof REPORT_MESSAGES.fr];
      assert.deepEqual(placeholders(fr), placeholders(en), key);
      assert.ok(en.trim() && fr.trim(), key);
    }
  });

  it('fills placeholders', () => {
    assert.equal(message('fr', 'kpiAddressedValue', { addressed: 3, leaves: 4, percent: '75 %' }), '3 sur 4 (75 %)');
  });
});
