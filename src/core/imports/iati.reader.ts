/**
 * Reads an IATI activity file (`iati-activities`) as a stream: one small element tree per
 * `iati-activity`, with its line and its source text, so that memory stays flat however large the
 * file. Pure: no database. DTDs, and therefore entity declarations and external entities, are
 * refused; an undeclared entity is an error of the parser.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ACTIONLINE_NAMESPACE } from '../exports/iati.writer';
import { decodeXmlStream, EncodingError } from './xml-text';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/**
 * One element. Names and attribute keys are the local name for IATI's own (namespace-less) names,
 * `xml:…` for the XML namespace, `actionline:…` for ActionLine's extension namespace (whatever
 * prefix the file uses) and `{uri}local` for any other namespace.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

/** The file's root element (its attributes only) and its start tag as written. */
export interface IatiRoot {
  node: XmlNode;
  startTag: string;
}

/** One `iati-activity` as read. */
export interface RawActivity {
  node: XmlNode;
  /** 1-based line of its start tag. */
  line: number;
  /** Its text as in the file, for schema validation; empty when `tooLarge`. */
  source: string;
  /** Larger than one activity may be; its content was not kept. */
  tooLarge: boolean;
}

/** Why a file as a whole cannot be read, and where. */
export class IatiFileError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_ACTIVITY_CHARS = 16 * 1024 * 1024;
const MAX_ACTIVITY_ELEMENTS = 100_000;

function qualified(local: string, uri: string): string {
  if (!uri) return local;
  if (uri === ACTIONLINE_NAMESPACE) return `actionline:${local}`;
  if (uri === XML_NAMESPACE) return `xml:${local}`;
  return `{${uri}}${local}`;
}

function toNode(tag: SaxesTagNS, line: number): XmlNode {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
    attrs[qualified(a.local, a.uri)] = a.value;
  }
  return { name: qualified(tag.local, tag.uri), attrs, children: [], text: '', line };
}

/** Parser messages start with "file:line:column: "; the line is reported on its own. */
function plainParserMessage(message: string): string {
  return message.replace(/^[^:]*:\d+:\d+:\s*/, '');
}

export type IatiReadEvent = ({ type: 'root' } & IatiRoot) | ({ type: 'activity' } & RawActivity);

/**
 * The root, then each activity, of the XML read from `bytes`. Throws {@link IatiFileError} when
 * the file is not well-formed, declares a DTD, or is not an IATI activity file; activities read
 * before the error have been yielded already, so callers that want all or nothing must read to the
 * end before writing. `onBytes` hears how many bytes have been read so far.
 */
export async function* readIatiActivities(
  bytes: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onBytes?: (read: number) => void,
): AsyncGenerator<IatiReadEvent> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: IatiReadEvent[] = [];
  // The first problem found; later ones follow from it.
  const failures: IatiFileError[] = [];
  const fail = (line: number | null, message: string) => {
    failures.push(new IatiFileError(line, message));
  };

  // The text since `bufferStart` (a position of the whole stream), kept from the start of the
  // current activity (or the root's start tag) so that its source can be cut out.
  let buffer = '';
  let bufferStart = 0;
  let depth = 0;
  let sawRoot = false;
  let activityStart = -1;
  let activityLine = 0;
  let stack: XmlNode[] = [];
  let elements = 0;
  let tooLarge = false;
  let tagStart = -1;

  parser.on('doctype', () =>
    fail(
      parser.line,
      'The file declares a DTD (<!DOCTYPE …>). DTDs and entities are refused for safety; remove the declaration and try again.',
    ),
  );
  parser.on('error', (e) => {
    if (!sawRoot && /root element/.test(e.message)) {
      fail(null, 'The file is empty or holds no XML element; choose an IATI activity file.');
    } else fail(parser.line, `The file is not well-formed XML: ${plainParserMessage(e.message).replace(/\.$/, '')}.`);
  });
  parser.on('opentagstart', () => {
    // The parser has read the name and the character after it.
    tagStart = buffer.lastIndexOf('<', parser.position - bufferStart - 1);
  });
  parser.on('opentag', (tag) => {
    depth += 1;
    const line = parser.line;
    if (depth === 1) {
      sawRoot = true;
      if (tag.uri !== '' || tag.local !== 'iati-activities') {
        fail(
          line,
          tag.local === 'iati-organisations'
            ? 'This is an IATI organisation file; import an activity file (iati-activities) instead.'
            : `The file's root element is <${tag.name}>, not <iati-activities>: it is not an IATI activity file.`,
        );
        return;
      }
      const startTag = buffer.slice(Math.max(tagStart, 0), parser.position - bufferStart);
      ready.push({ type: 'root', node: toNode(tag, line), startTag });
      return;
    }
    if (depth === 2) {
      if (tag.uri !== '' || tag.local !== 'iati-activity') return;
      activityStart = bufferStart + Math.max(tagStart, 0);
      activityLine = line;
      elements = 1;
      tooLarge = false;
      stack = [toNode(tag, line)];
      return;
    }
    if (!stack.length) return;
    elements += 1;
    if (elements > MAX_ACTIVITY_ELEMENTS) tooLarge = true;
    const node = toNode(tag, line);
    if (!tooLarge) stack[stack.length - 1]?.children.push(node);
    stack.push(node);
  });
  const onText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current && !tooLarge) current.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    if (!stack.length) return;
    const node = stack.pop() as XmlNode;
    if (stack.length) return;
    const end = parser.position - bufferStart;
    const source = tooLarge ? '' : buffer.slice(activityStart - bufferStart, end);
    ready.push({ type: 'activity', node, line: activityLine, source, tooLarge });
    activityStart = -1;
  });

  let read = 0;
  try {
    for await (const chunk of decodeXmlStream(
      (async function* () {
        for await (const b of bytes) {
          read += typeof b === 'string' ? Buffer.byteLength(b) : b.length;
          yield b;
        }
      })(),
    )) {
      buffer += chunk;
      parser.write(chunk);
      if (failures.length) break;
      // Drop what no activity needs any more: all before the open activity (or, between
      // activities, before the last tag begun, whose name may still be to come), and the open
      // activity itself once it is too large to keep. The buffer then holds one activity at most,
      // and the sources cut from it do not keep earlier text alive.
      let cut: number;
      if (activityStart < 0) cut = Math.max(0, buffer.lastIndexOf('<'));
      else if (bufferStart + buffer.length - activityStart > MAX_ACTIVITY_CHARS) {
        tooLarge = true;
        cut = buffer.length;
      } else cut = activityStart - bufferStart;
      if (cut > 0) {
        buffer = buffer.slice(cut);
        bufferStart += cut;
        if (activityStart >= 0 && activityStart < bufferStart) activityStart = bufferStart;
      }
      onBytes?.(read);
      yield* ready.splice(0);
    }
    if (!failures.length) parser.close();
  } catch (e) {
    if (e instanceof EncodingError) fail(null, e.message);
    else throw e;
  }
  if (!failures.length) {
    yield* ready.splice(0);
    if (!sawRoot) fail(null, 'The file is empty or holds no XML element; choose an IATI activity file.');
  }
  const [failure] = failures;
  if (failure) throw failure;
}
