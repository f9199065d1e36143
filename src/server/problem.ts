import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Problem } from '../shared/api-types';
import type { DomainError } from '../core/errors';
import { invalidInput, type DomainErrorCode, type FieldIssue } from '../core/errors';

const STATUS: Record<DomainErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  invalid_reference: 400,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  precondition_required: 428,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  401: 'Unauthorized',
  403: 'Forbidden',
  409: 'Conflict',
  428: 'Precondition required',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  431: 'Request header fields too large',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problemType(code: string): string {
  return `urn:actionline:problem:${code.replace(/_/g, '-')}`;
}

export function problem(status: number, code: string, detail: string, errors?: FieldIssue[]): Problem {
  return {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

export function problemFromDomainError(err: DomainError): Problem {
  return { ...problem(STATUS[err.code], err.code, err.message, err.issues), ...err.extra };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Zod issues → field issues named as the caller wrote them (`country`, `funding.0.amount`). */
export function fieldIssues(error: z.ZodError, allowed?: readonly string[]): FieldIssue[] {
  return error.issues.flatMap((i): FieldIssue[] => {
    if (i.code === 'unrecognized_keys') {
      const hint = allowed ? ` Use one of: ${allowed.join(', ')}.` : '';
      return i.keys.map((k) => ({ name: [...i.path, k].join('.'), reason: `Unknown parameter.${hint}` }));
    }
    // List parameters are validated item by item; name the parameter, not its index. Inside a
    // list of objects the index stays, so that the item is known (`sectors.1.percentage`).
    const path = [...i.path];
    while (typeof path[path.length - 1] === 'number') path.pop();
    const name = path.join('.') || '(input)';
    return [{ name, reason: i.message }];
  });
}

/** Validates input at the boundary; throws invalid_input listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, allowed?: readonly string[]): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw invalidInput(fieldIssues(result.error, allowed), 'Some parameters are not valid; see errors.');
  return result.data;
}

/** How deep input may nest: the deepest schema (an activity's results' indicators' periods) needs far less. */
export const MAX_INPUT_DEPTH = 32;

/**
 * What in parsed input (a query, route parameters or a JSON body) cannot be taken, and where, named as the caller
 * wrote it (`title.en`, `sectors.1.code`): a string or an object's key holding a NUL character, or nesting deeper
 * than {@link MAX_INPUT_DEPTH}. Null when there is nothing.
 */
export function unacceptableInput(input: unknown): { name: string; reason: 'nul' | 'depth' } | null {
  const visit = (value: unknown, path: (string | number)[]): { name: string; reason: 'nul' | 'depth' } | null => {
    const name = () => path.join('.') || '(input)';
    if (typeof value === 'string') return value.includes('\u0000') ? { name: name(), reason: 'nul' } : null;
    if (typeof value !== 'object' || value === null) return null;
    if (path.length >= MAX_INPUT_DEPTH) return { name: name(), reason: 'depth' };
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) {
        const found = visit(v, [...path, i]);
        if (found) return found;
      }
      return null;
    }
    // Plain objects only, as JSON and query parsing make them (the query parser's have a prototype without one):
    // never a stream's or a buffer's internals.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null && Object.getPrototypeOf(proto) !== null) return null;
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return { name: [...path, k].join('.'), reason: 'nul' };
      const found = visit(v, [...path, k]);
      if (found) return found;
    }
    return null;
  };
  return visit(input, []);
}
