/**
 * Domain errors. Services throw these with a stable `code`; the server maps each code to an
 * HTTP status and an `application/problem+json` body in one place. Core code never speaks HTTP.
 */

export interface FieldIssue {
  /** The input's name as the caller wrote it: a query parameter, a body path (`funding.0.amount`), a CLI option. */
  name: string;
  reason: string;
}

export type DomainErrorCode =
  | 'not_found'
  | 'invalid_input'
  | 'conflict'
  | 'invalid_reference'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'precondition_required';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** Extra members of the problem answer, e.g. the current state of a record on conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(entity: string, id: string): DomainError {
  return new DomainError('not_found', `No ${entity} with id or key "${id}" exists.`);
}

export function invalidInput(issues: FieldIssue[], message = 'Some input is not valid.'): DomainError {
  return new DomainError('invalid_input', message, issues);
}

/** A filter or field names a record that does not exist. */
export function invalidReference(issues: FieldIssue[]): DomainError {
  return new DomainError('invalid_reference', 'Some input refers to records that do not exist.', issues);
}

export function unauthenticated(message = 'Sign in to do this.'): DomainError {
  return new DomainError('unauthenticated', message);
}

export function forbidden(message: string): DomainError {
  return new DomainError('forbidden', message);
}

/** A write based on an older version than the stored one. `current` is sent back so the client can merge. */
export function versionConflict(
  entity: string,
  expected: number,
  current: unknown,
  currentVersion: number,
): DomainError {
  return new DomainError(
    'conflict',
    `This ${entity} was changed by someone else: you edited version ${expected}, it is now at version ${currentVersion}. Review the current state, merge your changes and save again.`,
    [],
    { currentVersion, current },
  );
}
