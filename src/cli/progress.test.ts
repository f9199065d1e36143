import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { progressBar, progressLine, progressText } from './progress';

const ESC = String.fromCharCode(27);

/** A stream that keeps what is written, as a terminal (`isTTY`) or not. */
function capture(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      written.push(chunk.toString());
      cb();
    },
  });
  return { stream: Object.assign(w, { isTTY }) as unknown as NodeJS.WriteStream, written };
}

describe('progress of long CLI work', () => {
  it('states bytes, share, items, both rates and the time left', () => {
    const text = progressText(5 * 1024 * 1024, 2500, 20 * 1024 * 1024, 2000, 'activities');
    assert.equal(text, '5.0 MB of 20.0 MB (25%), 2,500 activities, 2.5 MB/s, 1,250 activities/s, about 6 s left');
  });

  it('draws a bar filled to the share done', () => {
    assert.equal(progressBar(0, 100, 10), '[..........]');
    assert.equal(progressBar(50, 100, 10), '[#####.....]');
    assert.equal(progressBar(150, 100, 10), '[##########]');
  });

  it('redraws one line with a bar on a terminal', () => {
    const { stream, written } = capture(true);
    const p = progressLine('Importing', 1000, 'activities', stream);
    p.update(500, 10);
    p.done();
    assert.ok(written.length >= 1);
    const last = written.at(-1) ?? '';
    assert.ok(last.startsWith(`\r${ESC}[2K`), 'each line clears and redraws the last one');
    assert.match(last.slice(5), /^\[#{12}\.{12}\] Importing: 500 B of 1000 B \(50%\), 10 activities/);
    assert.ok(last.endsWith('\n'), 'the final line ends the redrawn line');
  });

  it('writes plain lines without control characters elsewhere', () => {
    const { stream, written } = capture(false);
    const p = progressLine('Importing', 1000, 'activities', stream);
    p.update(1000, 20);
    p.done();
    assert.equal(written.length, 1);
    assert.match(written[0] ?? '', /^Importing: 1000 B of 1000 B \(100%\), 20 activities/);
    assert.ok(!written.join('').includes('\r') && !written.join('').includes(ESC), 'no carriage return or escape');
  });
});
