import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mapIatiActivity } from './iati.mapper';
import { IatiFileError, readIatiActivities } from './iati.reader';
import { readCsv, readXlsx, SheetFileError } from './sheet.reader';

/**
 * Property-based tests of the file readers: whatever bytes come in, a reader either gives rows (or activities that
 * map to fields and problems) or refuses the file with its own error, saying what is wrong; it never throws
 * anything else, and never hangs.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Accepts only the reader's own refusal, with a message. */
function isRefusal(e: unknown, kind: new (...args: never[]) => Error): boolean {
  if (!(e instanceof kind)) throw e;
  assert.ok(e.message.trim().length > 10, `a refusal that says too little: "${e.message}"`);
  return true;
}

/** Fragments of IATI XML, shuffled and cut, so that the parser meets almost-files rather than noise only. */
const xmlPiece = fc.oneof(
  fc.constantFrom(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<iati-activities version="2.03">',
    '</iati-activities>',
    '<iati-activity default-currency="CAD" xml:lang="fr">',
    '</iati-activity>',
    '<iati-identifier>XM-1</iati-identifier>',
    '<title><narrative>Été 2011</narrative></title>',
    '<activity-date iso-date="2011-13-45" type="1"/>',
    '<activity-status code="9"/>',
    '<participating-org role="1" ref=""><narrative/></participating-org>',
    '<transaction><transaction-type code="2"/><value value-date="2012-01-01">1e999</value></transaction>',
    '<budget><value currency="XXX">-5</value></budget>',
    '<recipient-country code="ZZ" percentage="150"/>',
    '<!DOCTYPE x [<!ENTITY e "&e;">]>',
    '<![CDATA[ <not a tag> ]]>',
    '&amp;&lt;&unknown;',
    '<x:ext xmlns:x="urn:x">',
    '\u0000',
    '\uFEFF',
    '<',
    '"',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const xmlish = fc.array(xmlPiece, { maxLength: 30 }).map((parts) => parts.join(''));

/** Elements of an activity, each whole, with odd values: files that parse, so that the mapper meets them. */
const element = fc.oneof(
  fc.constantFrom(
    '<iati-identifier>XM-1</iati-identifier>',
    '<iati-identifier></iati-identifier>',
    '<title><narrative>Été 2011</narrative><narrative xml:lang="ar">مرحبا</narrative></title>',
    '<description type="9"><narrative>&lt;script&gt;alert(1)&lt;/script&gt;</narrative></description>',
    '<activity-date iso-date="2011-13-45" type="1"/>',
    '<activity-date iso-date="2012-02-29" type="3"/>',
    '<activity-status code="9"/>',
    '<participating-org role="1" ref=""><narrative/></participating-org>',
    '<participating-org role="x" type="999"/>',
    '<transaction><transaction-type code="2"/><value value-date="2012-01-01">1e999</value></transaction>',
    '<transaction><transaction-type code="3"/><value currency="CAD" value-date="2012">-0</value></transaction>',
    '<budget><period-start iso-date="2011-01-01"/><value currency="XXX">12.345</value></budget>',
    '<recipient-country code="ZZ" percentage="150"/>',
    '<recipient-region code="999" vocabulary="1"/>',
    '<sector code="x" vocabulary="99" percentage="-3"/>',
    '<x:ext xmlns:x="urn:x"><x:y/></x:ext>',
  ),
  fc
    .string({ unit: 'binary', maxLength: 20 })
    .map((t) => `<title><narrative>${t.replace(/[<&]/g, ' ')}</narrative></title>`),
);
const activityFile = fc
  .array(fc.array(element, { maxLength: 12 }), { minLength: 1, maxLength: 4 })
  .map(
    (activities) =>
      `<iati-activities version="2.03">${activities
        .map((inner) => `<iati-activity default-currency="USD">${inner.join('')}</iati-activity>`)
        .join('')}</iati-activities>`,
  );

describe('file readers, on any input', () => {
  it('IATI: activities that map, or a file error naming the problem', async () => {
    let mappedCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(activityFile, xmlish, fc.string({ unit: 'binary', maxLength: 500 })),
        fc.integer({ min: 1, max: 64 }),
        async (xml, size) => {
          // Fed in chunks of any size, as a stream delivers them.
          const bytes = Buffer.from(xml, 'utf8');
          const chunks: Uint8Array[] = [];
          for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
          try {
            for await (const e of readIatiActivities(chunks)) {
              if (e.type !== 'activity' || e.tooLarge) continue;
              const mapped = mapIatiActivity(e.node, e.line, { lang: null, currency: null });
              mappedCount += 1;
              for (const p of mapped.problems) assert.ok(p.field && p.reason, JSON.stringify(p));
            }
          } catch (e) {
            isRefusal(e, IatiFileError);
          }
        },
      ),
      { numRuns: RUNS },
    );
    assert.ok(mappedCount >= RUNS / 4, `only ${mappedCount} activities reached the mapper`);
  });

  it('CSV: rows, or a sheet error naming the problem', () => {
    const csvish = fc
      .array(
        fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('"', '""', '\r\n', ';', ',')), {
          maxLength: 6,
        }),
        { maxLength: 8 },
      )
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(
        fc.oneof(
          csvish.map((t) => Buffer.from(t, 'utf8')),
          fc.uint8Array({ maxLength: 400 }),
        ),
        (bytes) => {
          try {
            const sheet = readCsv(bytes);
            for (const row of sheet.rows) assert.ok(Number.isInteger(row.number) && row.number >= 2);
          } catch (e) {
            isRefusal(e, SheetFileError);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('XLSX: rows, or a sheet error naming the problem', async () => {
    const zipish = fc
      .uint8Array({ maxLength: 400 })
      .map((b) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(b)]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(zipish, fc.uint8Array({ maxLength: 400 })), async (bytes) => {
        try {
          await readXlsx(bytes);
        } catch (e) {
          isRefusal(e, SheetFileError);
        }
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });
});
