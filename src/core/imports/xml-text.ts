/**
 * Bytes to text for XML files of any size: the encoding comes from the byte-order mark, else from
 * the XML declaration, else UTF-8 (XML 1.0 §4.3.3 and Appendix F). Decoding is incremental, so a
 * file is never held whole in memory.
 */

import { decodeWindows1252, WINDOWS_1252_LABELS } from './windows-1252';

/** Raised when the file's bytes cannot be read as text in the encoding they claim. */
export class EncodingError extends Error {}

const SNIFF_BYTES = 512;

/** The encoding label of a file that starts with `head`, as `TextDecoder` names it. */
export function sniffXmlEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark still starts with "<?" as two-byte characters.
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return 'utf-16be';
  const ascii = Buffer.from(head.subarray(0, SNIFF_BYTES)).toString('latin1');
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(ascii)?.[1];
  // A UTF-16 declaration read as ASCII means the file was re-saved in an 8-bit encoding.
  if (!declared || /^utf-?16/i.test(declared)) return 'utf-8';
  return declared.toLowerCase();
}

/** Decodes chunks of one stream: `stream` says more chunks follow. */
interface ChunkDecoder {
  decode(chunk: Uint8Array, options: { stream: boolean }): string;
}

function decoderFor(label: string): ChunkDecoder {
  if (WINDOWS_1252_LABELS.has(label)) return { decode: (chunk) => decodeWindows1252(chunk) };
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new EncodingError(
      `The file declares the encoding "${label}", which ActionLine cannot read; save it as UTF-8 and try again.`,
    );
  }
}

/**
 * Decodes a stream of bytes into text chunks. The first chunk's byte-order mark is dropped. Bytes
 * that are not valid in the encoding raise an {@link EncodingError} naming it.
 */
export async function* decodeXmlStream(bytes: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let decoder: ChunkDecoder | null = null;
  let label = 'utf-8';
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return (decoder as ChunkDecoder).decode(chunk, { stream });
    } catch {
      throw new EncodingError(
        `The file is not valid ${label.toUpperCase()} text; save it as UTF-8 (or declare its real encoding) and try again.`,
      );
    }
  };
  for await (const raw of bytes) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (!decoder) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength < SNIFF_BYTES) continue;
      const head = Buffer.concat(pending);
      pending = [];
      label = sniffXmlEncoding(head);
      decoder = decoderFor(label);
      const text = decode(head, true);
      if (text) yield text;
      continue;
    }
    const text = decode(chunk, true);
    if (text) yield text;
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    label = sniffXmlEncoding(head);
    decoder = decoderFor(label);
    const text = decode(head, false);
    if (text) yield text;
    return;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest) yield rest;
}
