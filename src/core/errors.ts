/**
 * Domain errors. Services throw these with a stable `code`; the server maps each code to an
 * HTTP status and an `application/problem+json` body in one place. Core code never speaks HTTP.
 */

export interface FieldIssue {
  /** The input's name as the caller wrote it: a query parameter, a body path (`funding.0.amount`), a CLI option. */
  name: string;
  reason: string;
}

export type DomainErrorCode = 'not_found' | 'invalid_input' | 'conflict' | 'invalid_reference';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
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
