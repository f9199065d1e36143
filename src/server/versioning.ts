import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../core/errors';

/** The ETag of a record at a version: `"3"`. */
export function etag(version: number): string {
  return `"${version}"`;
}

export function sendVersioned<T extends { version: number }>(reply: FastifyReply, body: T, status = 200): FastifyReply {
  return reply.code(status).header('etag', etag(body.version)).send(body);
}

/**
 * The version a write is based on, from `If-Match` (`"3"`, `W/"3"` or `3`). Writes without it are
 * refused, so that no client can overwrite a change it has not seen.
 */
export function expectedVersion(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  const m = typeof header === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim()) : null;
  if (!m) {
    throw new DomainError(
      'precondition_required',
      'Send the version you edited in the If-Match header (the ETag of the record you read, e.g. If-Match: "3"), so that no one else’s change is overwritten.',
    );
  }
  return Number(m[1]);
}

/**
 * The version from `If-Match` when the header is sent, null when it is not: for writes that create
 * the record when it does not exist and need the version only to update it. A malformed header is
 * refused like in {@link expectedVersion}.
 */
export function optionalExpectedVersion(req: FastifyRequest): number | null {
  return req.headers['if-match'] === undefined ? null : expectedVersion(req);
}

/** The `:version` of a history route, e.g. `POST …/history/:version/restore`. */
export const historyVersion = z.coerce
  .number({ error: 'Give a version number.' })
  .int('Give a whole version number.')
  .min(1, 'Versions start at 1.');
