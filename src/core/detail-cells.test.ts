import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRecipients, parseSectors, recipientsCell, sectorsCell } from './detail-cells';

describe('sector and recipient cells', () => {
  it('writes sectors with their shares, vocabulary 1 implied, and reads them back exactly', () => {
    const sectors = [
      { vocabulary: '1', code: '15170', percentage: 60 },
      { vocabulary: '1', code: '15160', percentage: 40 },
      { vocabulary: '7', code: '5', percentage: 100 },
      { vocabulary: '8', code: '16.a', percentage: null },
      { vocabulary: '99', code: 'A:B', percentage: 33.33 },
    ] as const;
    const cell = sectorsCell(sectors);
    assert.equal(cell, '15170 (60%); 15160 (40%); 7:5 (100%); 8:16.a; 99:A:B (33.33%)');
    assert.deepEqual(
      parseSectors(cell).map((p) => ('value' in p ? p.value : p.reason)),
      sectors.map((s) => ({ ...s, percentage: s.percentage === null ? null : String(s.percentage) })),
    );
    assert.equal(sectorsCell([]), null);
  });

  it('reads what people type: spaces, no percent sign, line breaks; names what it cannot read', () => {
    assert.deepEqual(
      parseSectors(' 15170(60) ;\n7 : 5 ( 100 % )').map((p) => ('value' in p ? p.value : p.reason)),
      [
        { vocabulary: '1', code: '15170', percentage: '60' },
        { vocabulary: '7', code: '5', percentage: '100' },
      ],
    );
    const [bad] = parseSectors('13:5 (100%)');
    assert.ok(bad && 'reason' in bad);
    assert.match(bad.reason, /e\.g\. 15170 \(60%\).*7:5 \(100%\) \(not "13:5 \(100%\)"\)/);
    assert.ok(parseSectors('15170 (60%) (40%)').every((p) => 'reason' in p));
    assert.deepEqual(parseSectors(''), []);
  });

  it('writes countries as codes and regions as region:vocabulary:code, and reads them back', () => {
    const recipients = [
      { kind: 'country', code: 'CN', vocabulary: null },
      { kind: 'region', code: '798', vocabulary: '1' },
      { kind: 'region', code: 'MEKONG', vocabulary: '99' },
    ] as const;
    const cell = recipientsCell(recipients);
    assert.equal(cell, 'CN; region:1:798; region:99:MEKONG');
    assert.deepEqual(
      parseRecipients(cell).map((p) => ('value' in p ? p.value : p.reason)),
      recipients,
    );
    assert.deepEqual(
      parseRecipients('cn; Region: 2 : 142').map((p) => ('value' in p ? p.value : p.reason)),
      [
        { kind: 'country', code: 'CN', vocabulary: null },
        { kind: 'region', code: '142', vocabulary: '2' },
      ],
    );
    const reasons = parseRecipients('China; region:798; region:3:1').map((p) => ('reason' in p ? p.reason : ''));
    assert.match(reasons[0] ?? '', /ISO code, e\.g\. CN, .*region:1:798 \(not "China"\)/);
    assert.match(reasons[1] ?? '', /\(not "region:798"\)/);
    assert.match(reasons[2] ?? '', /vocabulary is 1, 2, 99/);
  });
});
