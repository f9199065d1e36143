import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { settlesWithin } from '../settles-within';
import { CHANGE_CHANNEL } from './migrations/0008-change-notices';

/**
 * Tells whether the records behind public answers changed (migration 0008, ADR 0014). A generation is a number that
 * changes whenever they did, in this process or any other; `null` means "cannot tell right now", and then nothing
 * may be answered from, or kept in, a cache.
 */
export interface ChangeFeed {
  /** The generation as last known, without waiting: to tell whether a change came in meanwhile. */
  generation(): number | null;
  /** The generation including every change committed before the call: to decide whether a cached answer is good. */
  current(): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * SQLite: the counter row kept by the triggers. Read on the connection itself, outside any transaction: inside one,
 * it would count changes that a rollback may still undo.
 */
export function sqliteChangeFeed(sqlite: SqliteDatabase.Database): ChangeFeed {
  let read: SqliteDatabase.Statement | undefined;
  const feed: ChangeFeed = {
    current: () => Promise.resolve(feed.generation()),
    generation() {
      if (sqlite.inTransaction || !sqlite.open) return null;
      try {
        read ??= sqlite.prepare('select generation from data_generation where id = 1').pluck();
        const g: unknown = read.get();
        return typeof g === 'number' ? g : null;
      } catch {
        // Not migrated yet: no counter to read.
        read = undefined;
        return null;
      }
    },
    close: () => Promise.resolve(),
  };
  return feed;
}

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
/** Longest wait for the round trip that makes `current()` include every committed change. */
const ROUND_TRIP_LIMIT_MS = 1_000;

/**
 * PostgreSQL: one connection of its own LISTENs to the change channel; each notice moves the generation on. It
 * starts on the first call (the first answers are not cached) and reconnects by itself with a growing delay; while
 * it is not listening, the generation is unknown, and every (re)connection moves it on, since notices may have been
 * missed meanwhile.
 */
export function postgresChangeFeed(url: string, connectTimeoutMs?: number): ChangeFeed {
  let generation = 0;
  let client: pg.Client | undefined;
  let listening = false;
  let started = false;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  /** The round trip in flight, and the one queued behind it for the calls made after it started. */
  let inFlight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  const roundTrip = (c: pg.Client): Promise<void> => {
    if (!inFlight) {
      inFlight = c.query('select 1').then(
        () => {
          inFlight = null;
        },
        () => {
          inFlight = null;
          // The connection failed: 'error'/'end' make the generation unknown.
        },
      );
      return inFlight;
    }
    queued ??= inFlight.then(() => {
      queued = null;
      return roundTrip(c);
    });
    return queued;
  };

  const retry = () => {
    if (closed) return;
    const timer = setTimeout(() => void connect(), retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = undefined;
    listening = false;
    generation++;
    retry();
  };
  const connect = async () => {
    const c = new pg.Client({
      connectionString: url,
      application_name: 'actionline-changes',
      ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
    });
    c.on('notification', () => {
      generation++;
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`listen ${CHANGE_CHANNEL}`);
    } catch {
      c.end().catch(() => undefined);
      retry();
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    generation++;
    listening = true;
    retryMs = RETRY_FIRST_MS;
  };

  const feed: ChangeFeed = {
    generation() {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      return listening ? generation : null;
    },
    async current() {
      const c = client;
      if (feed.generation() === null || !c) return null;
      // A listening connection that stops answering must not hold requests up: they are then answered afresh.
      const answered = await settlesWithin(roundTrip(c), ROUND_TRIP_LIMIT_MS);
      return answered && listening && client === c ? generation : null;
    },
    async close() {
      closed = true;
      listening = false;
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
  return feed;
}
