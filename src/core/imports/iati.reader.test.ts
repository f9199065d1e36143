import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IatiFileError, readIatiActivities, type IatiReadEvent } from './iati.reader';

async function readAll(chunks: (string | Uint8Array)[]): Promise<IatiReadEvent[]> {
  const events: IatiReadEvent[] = [];
  for await (const e of readIatiActivities(chunks)) events.push(e);
  return events;
}

const ONE_LINE =
  '<iati-activities version="2.03" xmlns:al="https://actionline.org/ns/iati/1"><iati-activity al:id="a1"><iati-identifier>A</iati-identifier><title><narrative xml:lang="fr">Été</narrative></title></iati-activity><iati-activity><iati-identifier>B</iati-identifier><x:ext xmlns:x="urn:x">kept out</x:ext></iati-activity></iati-activities>';

describe('IATI reader', () => {
  it('cuts out each activity exactly as written, whatever the chunks', async () => {
    const whole = await readAll([ONE_LINE]);
    const bytes = Buffer.from(ONE_LINE, 'utf8');
    const chunks: Uint8Array[] = [];
    // Chunks of 7 bytes also split the two-byte "É" of UTF-8.
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const chunked = await readAll(chunks);
    for (const events of [whole, chunked]) {
      assert.deepEqual(
        events.map((e) => (e.type === 'root' ? e.startTag : e.source)),
        [
          '<iati-activities version="2.03" xmlns:al="https://actionline.org/ns/iati/1">',
          '<iati-activity al:id="a1"><iati-identifier>A</iati-identifier><title><narrative xml:lang="fr">Été</narrative></title></iati-activity>',
          '<iati-activity><iati-identifier>B</iati-identifier><x:ext xmlns:x="urn:x">kept out</x:ext></iati-activity>',
        ],
      );
    }
    const [, first, second] = whole;
    assert.equal(first?.type, 'activity');
    if (first?.type !== 'activity' || second?.type !== 'activity') return;
    assert.equal(
      first.node.attrs['actionline:id'],
      'a1',
      'the ActionLine namespace is known by its URI, not its prefix',
    );
    assert.equal(first.node.children[1]?.children[0]?.attrs['xml:lang'], 'fr');
    assert.equal(first.node.children[1]?.children[0]?.text, 'Été');
    assert.equal(second.node.children[1]?.name, '{urn:x}ext', 'other namespaces stay apart');
  });

  it('gives each activity the line of its start tag', async () => {
    const xml =
      '<?xml version="1.0"?>\n<iati-activities version="2.03">\n  <iati-activity>\n  </iati-activity>\n\n  <iati-activity/>\n</iati-activities>\n';
    const lines = (await readAll([xml])).flatMap((e) => (e.type === 'activity' ? [e.line] : []));
    assert.deepEqual(lines, [3, 6]);
  });

  const refused = async (xml: string, reason: RegExp, line: number | null = null) => {
    await assert.rejects(readAll([xml]), (e: unknown) => {
      assert.ok(e instanceof IatiFileError);
      assert.match(e.message, reason);
      if (line !== null) assert.equal(e.line, line);
      return true;
    });
  };

  it('refuses DTDs, entities, other roots and broken XML, naming the line', async () => {
    await refused('<!DOCTYPE x [<!ENTITY e "boom">]>\n<iati-activities/>', /DTD/, 1);
    await refused(
      '<iati-activities version="2.03">\n<iati-activity>&e;</iati-activity></iati-activities>',
      /not well-formed.*entity/i,
      2,
    );
    await refused('<iati-organisations version="2.03"/>', /organisation file/);
    await refused('<html/>', /not an IATI activity file/);
    await refused('<iati-activities version="2.03">\n\n<iati-activity>', /not well-formed/, 3);
    await refused('   ', /empty/);
  });
});

describe('IATI reader on a large file', () => {
  it('reads 128 MB with memory that stays flat', async () => {
    const activity = (i: number) =>
      `  <iati-activity default-currency="CAD">\n    <iati-identifier>XM-GEN-${i}</iati-identifier>\n    <title><narrative xml:lang="en">Generated activity ${i} on regional cooperation</narrative></title>\n    <description type="1"><narrative>${'Text of the activity. '.repeat(40)}</narrative></description>\n    <activity-status code="2"/>\n  </iati-activity>\n`;
    const target = 128 * 1024 * 1024;
    let produced = 0;
    let made = 0;
    async function* file(): AsyncGenerator<Buffer> {
      yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n');
      while (produced < target) {
        let chunk = '';
        while (chunk.length < 64 * 1024) chunk += activity(made++);
        produced += chunk.length;
        yield Buffer.from(chunk);
      }
      yield Buffer.from('</iati-activities>\n');
    }
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let read = 0;
    let lastLine = 0;
    for await (const e of readIatiActivities(file())) {
      if (e.type !== 'activity') continue;
      read += 1;
      lastLine = e.line;
      if (read % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    assert.equal(read, made, 'every activity is read');
    assert.equal(lastLine, 2 + (made - 1) * 6 + 1, 'lines keep counting through the file');
    // Holding the file would take 256 MB of string; the reader keeps one chunk and one activity.
    assert.ok(peak < 64 * 1024 * 1024, `heap grew by ${Math.round(peak / 1024 / 1024)} MB`);
  });
});
