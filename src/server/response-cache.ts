import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeFeed } from '../core/db/changes';
import { settlesWithin } from '../core/settles-within';
import { SESSION_COOKIE, UNSAFE_METHODS } from './auth';

/**
 * A cache of the public's API answers, in each instance's memory (ADR 0014). Only anonymous GETs under /api/v1/
 * that answered 200 without setting a cookie are kept, keyed by protocol, host, address and Accept. An entry is
 * used only while the database's change generation is the one it was made under (any write to the records, from
 * any instance or process, moves it on) and for at most `ttlMs` (bounds what a lagging read replica could leave).
 * A request with `Cache-Control: no-cache` is answered afresh (and refreshes the entry).
 */
export interface ResponseCacheOptions {
  /** Memory the entries may take, in bytes; 0 turns the cache off. */
  maxBytes: number;
  /** Longest life of an entry, in ms. */
  ttlMs: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { maxBytes: 256 * 1024 * 1024, ttlMs: 30_000 };

/** Compressing below this size gains nothing: the threshold of the server's compression and of cached copies. */
export const COMPRESS_THRESHOLD = 1024;
/** Headers of the answer that are not kept: per request, per connection, or added again on the way out. */
const NOT_KEPT = new Set(['set-cookie', 'x-request-id', 'content-length', 'content-encoding', 'x-cache']);

export type Encoding = 'br' | 'gzip';

/** Made once per entry, so a stronger setting than the server's per-request compression pays off. */
const BROTLI_QUALITY = 6;

interface Entry {
  generation: string;
  expires: number;
  body: Buffer;
  /** The body compressed, per encoding, made on first demand. */
  encoded: Partial<Record<Encoding, Buffer>>;
  headers: Record<string, string>;
  bytes: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on a cacheable request that was not answered from the cache: where to keep its answer. */
    cacheSlot: { key: string; generation: string; release: (() => void) | null } | null;
  }
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Moves on after every write request this instance answers, so that its own writes are seen at once. */
  private localWrites = 0;
  /** Answers being made, by key: the same question asked meanwhile waits for them instead of making its own. */
  private readonly making = new Map<string, { generation: string; done: Promise<void> }>();

  constructor(
    private readonly changes: ChangeFeed,
    private readonly options: ResponseCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for a key if it is still good for the current generation; stale ones are dropped. */
  lookup(key: string, generation: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.generation !== generation || e.expires <= this.now()) {
      this.remove(key, e);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e); // most recently used last
    return e;
  }

  store(key: string, generation: string, body: Buffer, headers: Record<string, string>): void {
    const bytes = body.length + key.length + 256;
    if (bytes > this.options.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, { generation, expires: this.now() + this.options.ttlMs, body, headers, bytes, encoded: {} });
    this.bytes += bytes;
    this.evict();
  }

  /**
   * For a miss: either a promise to wait for (the same answer is being made for this generation) or, when none is,
   * a release function: this request makes the answer, and calls it once the answer is kept or has failed.
   */
  claim(key: string, generation: string): { wait: Promise<void> } | { release: () => void } {
    const current = this.making.get(key);
    if (current?.generation === generation) return { wait: current.done };
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = () => {
        if (this.making.get(key)?.done === done) this.making.delete(key);
        resolve();
      };
    });
    this.making.set(key, { generation, done });
    return { release };
  }

  /** The body compressed with an encoding, made once per entry. */
  encode(e: Entry, encoding: Encoding): Buffer {
    let out = e.encoded[encoding];
    if (!out) {
      out =
        encoding === 'br'
          ? brotliCompressSync(e.body, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: e.body.length,
              },
            })
          : gzipSync(e.body);
      e.encoded[encoding] = out;
      e.bytes += out.length;
      this.bytes += out.length;
      this.evict();
    }
    return out;
  }

  /** The database's change generation and this instance's writes, as last known; null when changes cannot be told. */
  generation(): string | null {
    return this.combine(this.changes.generation());
  }

  /** The same, including every change committed anywhere before the call. */
  async current(): Promise<string | null> {
    const local = this.localWrites;
    const g = await this.changes.current();
    // A write answered here meanwhile: what it changed may or may not be in what is read next.
    return local === this.localWrites ? this.combine(g) : null;
  }

  private combine(g: number | null): string | null {
    return g === null ? null : `${g}:${this.localWrites}`;
  }

  /** A write request was answered here: whatever it changed, cached answers made before it are not used. */
  wrote(): void {
    this.localWrites++;
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(key, e);
    }
  }

  private remove(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}

function cacheable(req: FastifyRequest): boolean {
  return (
    req.method === 'GET' &&
    req.url.startsWith('/api/v1/') &&
    !req.actor &&
    !req.headers.authorization &&
    !req.cookies[SESSION_COOKIE]
  );
}

function keyOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}${req.url}\n${req.headers.accept ?? ''}`;
}

function wantsFresh(req: FastifyRequest): boolean {
  const cc = req.headers['cache-control'];
  return typeof cc === 'string' && /\bno-(cache|store)\b/i.test(cc);
}

/** How long a request waits for the same answer being made by another before making its own. */
const WAIT_FOR_SAME_MS = 30_000;

/** Accept-Encoding values already read: browsers send a handful of distinct ones, so each is parsed once. */
const encodings = new Map<string, Encoding | null>();
const ENCODINGS_KEPT = 64;

/** The encoding to send a cached body in: Brotli, else gzip, when the client accepts it (`q=0` refuses). */
function encodingFor(req: FastifyRequest): Encoding | null {
  const ae = req.headers['accept-encoding'];
  if (typeof ae !== 'string') return null;
  let known = encodings.get(ae);
  if (known === undefined) {
    known = parseAcceptEncoding(ae);
    if (encodings.size >= ENCODINGS_KEPT) encodings.clear();
    encodings.set(ae, known);
  }
  return known;
}

function parseAcceptEncoding(ae: string): Encoding | null {
  const accepted = new Set<string>();
  for (const part of ae.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) accepted.add(name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

/**
 * Registers the cache's two hooks: after sign-in resolution (so `req.actor` is known), answer from the cache; and
 * before compression, keep what the route answered. Call after `registerAuth` and before compression is registered.
 */
export function registerResponseCache(app: FastifyInstance, cache: ResponseCache): void {
  app.decorateRequest('cacheSlot', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!cacheable(req)) return;
    const generation = await cache.current();
    if (generation === null) return;
    const key = keyOf(req);
    const fresh = wantsFresh(req);
    let hit = fresh ? undefined : cache.lookup(key, generation);
    if (!hit && !fresh) {
      // The same question asked by many at once (after a change, say) is answered once, then from the cache.
      const claim = cache.claim(key, generation);
      if ('release' in claim) {
        req.cacheSlot = { key, generation, release: claim.release };
      } else {
        await settlesWithin(claim.wait, WAIT_FOR_SAME_MS);
        hit = cache.lookup(key, generation);
      }
    }
    if (!hit) {
      req.cacheSlot ??= { key, generation, release: null };
      reply.header('x-cache', 'miss');
      return;
    }
    reply.headers(hit.headers);
    reply.header('x-cache', 'hit');
    const encoding = hit.body.length >= COMPRESS_THRESHOLD ? encodingFor(req) : null;
    if (encoding) {
      reply.header('content-encoding', encoding);
      reply.header('vary', 'accept-encoding');
      return reply.code(200).send(cache.encode(hit, encoding));
    }
    return reply.code(200).send(hit.body);
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // The database's notice of a write made here may reach the listener a moment after the answer: counting the
    // write before answering makes the writer's next read fresh whatever the order.
    if (UNSAFE_METHODS.has(req.method)) cache.wrote();
    const slot = req.cacheSlot;
    if (!slot) return payload;
    keep(slot, reply, payload);
    slot.release?.();
    return payload;
  });
  // Whatever became of the request (an error before any answer, a client gone), those waiting on it go on.
  const release = async (req: FastifyRequest) => req.cacheSlot?.release?.();
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  function keep(slot: { key: string; generation: string }, reply: FastifyReply, payload: unknown): void {
    if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return;
    // A write seen while the answer was being made: it may predate or follow the write, so it is not kept.
    if (cache.generation() !== slot.generation) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined || NOT_KEPT.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    cache.store(slot.key, slot.generation, Buffer.isBuffer(payload) ? payload : Buffer.from(payload), headers);
  }
}
