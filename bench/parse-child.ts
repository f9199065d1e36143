/**
 * The baseline of the import measure: a bare `saxes` parse of an IATI file (namespaces and
 * positions on, as the import reads it), counting its activities. Prints one JSON line.
 */
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { peakRssMb } from './peak-rss';

const file = process.argv[2];
if (!file) throw new Error('Usage: parse-child.ts FILE');
const started = performance.now();
const parser = new SaxesParser({ xmlns: true, position: true });
let activities = 0;
parser.on('opentag', (tag) => {
  if (tag.local === 'iati-activity') activities++;
});
const stream = fs.createReadStream(file, { encoding: 'utf8' });
for await (const chunk of stream) parser.write(chunk as string);
parser.close();
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    activities,
    bytes: fs.statSync(file).size,
    maxRssMb: peakRssMb(),
  }),
);
