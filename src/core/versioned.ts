import { versionConflict } from './errors';

/** Thrown inside a write transaction to roll it back when the stored version is not the expected one. */
export class StaleVersion extends Error {
  constructor(readonly current: number) {
    super('stale version');
  }
}

/**
 * Runs a versioned write. A `StaleVersion` thrown inside (after its transaction rolled back) becomes a
 * 409 `conflict` carrying the record as it now is, read by `loadCurrent`, so the client can merge.
 */
export async function withVersionCheck<T>(
  entity: string,
  expected: number,
  loadCurrent: () => Promise<unknown>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof StaleVersion) throw versionConflict(entity, expected, await loadCurrent(), err.current);
    throw err;
  }
}
