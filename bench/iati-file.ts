import fs from 'node:fs';
import { once } from 'node:events';
import { COUNTRY_CODES } from '../src/shared/vocab';
import { Prng, words } from './prng';

/** Bytes of the generated IATI file at scale 1. */
export const FULL_SCALE_IATI_BYTES = 200 * 1024 * 1024;

const TRANSACTION_TYPES = ['2', '3', '3', '4'] as const;

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One IATI 2.03 activity in the elements' schema order, about 2 KB. */
function activityXml(rng: Prng, n: number): string {
  const start = rng.int(2008, 2022);
  const end = start + rng.int(1, 4);
  const funder = `XB-BENCH-FUNDER-${rng.int(1, 40)}`;
  const implementer = `XB-BENCH-IMPL-${rng.int(1, 400)}`;
  const countries = rng.sample(COUNTRY_CODES, rng.int(1, 3));
  const share = Math.floor(100 / countries.length);
  const lines: string[] = [
    ` <iati-activity last-updated-datetime="2025-01-01T00:00:00Z" xml:lang="en" default-currency="CAD">`,
    `  <iati-identifier>XB-BENCH-IMPORT-${n}</iati-identifier>`,
    `  <reporting-org ref="XB-BENCH" type="10"><narrative>Benchmark publisher</narrative></reporting-org>`,
    `  <title><narrative>${xml(words(rng, rng.int(4, 9), 'en'))}</narrative><narrative xml:lang="fr">${xml(words(rng, rng.int(4, 9), 'fr'))}</narrative></title>`,
    `  <description type="1"><narrative>${xml(words(rng, rng.int(20, 40), 'en'))}</narrative><narrative xml:lang="fr">${xml(words(rng, rng.int(20, 40), 'fr'))}</narrative></description>`,
    `  <description type="4"><narrative>${xml(words(rng, rng.int(40, 80), 'en'))}</narrative></description>`,
    `  <participating-org ref="${funder}" role="1" type="10"><narrative>Funder ${funder.slice(-2)}</narrative></participating-org>`,
    `  <participating-org ref="${implementer}" role="4" type="21"><narrative>Implementer ${implementer.slice(-3)}</narrative></participating-org>`,
    `  <activity-status code="${rng.int(1, 4)}"/>`,
    `  <activity-date iso-date="${start}-0${rng.int(1, 9)}-1${rng.int(0, 9)}" type="1"/>`,
    `  <activity-date iso-date="${end}-0${rng.int(1, 9)}-2${rng.int(0, 8)}" type="3"/>`,
    ...countries.map(
      (c, i) =>
        `  <recipient-country code="${c}" percentage="${i === 0 ? 100 - share * (countries.length - 1) : share}"/>`,
    ),
    `  <sector vocabulary="1" code="${rng.pick(['15110', '15150', '31120', '41010', '43010', '12220'])}" percentage="100"/>`,
  ];
  for (let t = 0; t < 4; t++) {
    const year = Math.min(end, start + t);
    lines.push(
      `  <transaction><transaction-type code="${TRANSACTION_TYPES[t] ?? '3'}"/><transaction-date iso-date="${year}-06-30"/>` +
        `<value currency="CAD" value-date="${year}-06-30">${rng.int(10_000, 5_000_000)}</value>` +
        `<provider-org ref="${funder}"><narrative>Funder ${funder.slice(-2)}</narrative></provider-org>` +
        `<receiver-org ref="${implementer}"><narrative>Implementer ${implementer.slice(-3)}</narrative></receiver-org></transaction>`,
    );
  }
  lines.push(' </iati-activity>', '');
  return lines.join('\n');
}

/**
 * Writes an IATI 2.03 activity file of about `bytes` bytes (deterministic: the same size gives the
 * same file) and returns how many activities it holds.
 */
export async function writeIatiFile(file: string, bytes: number): Promise<{ activities: number; bytes: number }> {
  const rng = new Prng(42);
  const out = fs.createWriteStream(file);
  let written = 0;
  const write = async (chunk: string) => {
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2025-01-01T00:00:00Z">\n`,
  );
  let activities = 0;
  while (written < bytes) {
    let chunk = '';
    for (let i = 0; i < 100 && written + chunk.length < bytes; i++) chunk += activityXml(rng, ++activities);
    await write(chunk);
  }
  await write('</iati-activities>\n');
  out.end();
  await once(out, 'finish');
  return { activities, bytes: written };
}
