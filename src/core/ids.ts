import { createHash, randomUUID } from 'node:crypto';

/** A fresh random id for a new record. */
export function newId(): string {
  return randomUUID();
}

const NAMESPACE = 'actionline-seed';

/**
 * A stable UUID (version 5 layout, SHA-1) derived from a seed key, e.g. `activity:unifem-grant`.
 * The same seed yields the same ids on every installation, so URLs to seeded records are stable.
 */
export function stableId(key: string): string {
  const h = createHash('sha1').update(`${NAMESPACE}:${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Current time as ISO-8601 UTC text, the format of every timestamp column. */
export function nowIso(): string {
  return new Date().toISOString();
}
