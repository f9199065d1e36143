/**
 * The HTTP client of the remote commands: talks to an ActionLine server's `/api/v1` with Node's
 * fetch and a personal API token. The token lives in a private field, is sent only in the
 * Authorization header and is never part of a message; {@link redactToken} hides it from any text
 * that is printed anyway.
 */
import type { Problem } from '../shared/api-types';

export const SERVER_ENV = 'ACTIONLINE_SERVER';
export const TOKEN_ENV = 'ACTIONLINE_TOKEN';

/** How long one request may take before the command gives up. */
const TIMEOUT_MS = 60_000;
const TOKEN_PREFIX = 'alt_';

/** Something the person running the command must fix before anything is sent (exit code 2). */
export class RemoteUsageError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'RemoteUsageError';
  }
}

/** The server could not be reached, or did not answer like an ActionLine server (exit code 1). */
export class RemoteConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteConnectionError';
  }
}

/** The API answered with an `application/problem+json` error. */
export class RemoteProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Whether the request carried an API token (a 401 then means the token was refused). */
    readonly sentToken: boolean,
  ) {
    super(problem.detail);
    this.name = 'RemoteProblemError';
  }
}

export interface RemoteReply<T> {
  status: number;
  /** The record's version from the ETag header, when the answer carries one. */
  version: number | null;
  body: T;
}

export interface RequestOptions {
  query?: URLSearchParams;
  body?: unknown;
  /** Sent as `If-Match: "n"`: the version the write is based on. */
  ifMatch?: number;
}

/**
 * The server address from `--server` or ACTIONLINE_SERVER: an http(s) URL, possibly with a path
 * prefix when the server is published under one (`https://example.org/actionline`).
 */
export function resolveServer(option: string | undefined, env: NodeJS.ProcessEnv): URL {
  const raw = (option ?? env[SERVER_ENV] ?? '').trim();
  const source = option !== undefined ? '--server' : SERVER_ENV;
  if (!raw) {
    throw new RemoteUsageError(
      `Say which ActionLine server to use: --server <url> or the ${SERVER_ENV} environment variable, e.g. https://actionline.example.org.`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RemoteUsageError(`${source} is not a web address; give one such as https://actionline.example.org.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RemoteUsageError(`${source} must start with https:// (or http:// for a server on this machine).`);
  }
  if (url.username || url.password) {
    throw new RemoteUsageError(
      `Leave the user name and password out of ${source}: the API token is the only credential the CLI sends.`,
    );
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Checks the shape of a token without ever showing it: it must be one `alt_…` word, as the server
 * issues them. A token with spaces or line breaks inside would otherwise end up in an error message
 * from the HTTP layer.
 */
export function checkToken(raw: string, source: string): string {
  const token = raw.trim();
  if (!token) {
    throw new RemoteUsageError(
      source === '--token-stdin'
        ? '--token-stdin read nothing: pipe the token in, e.g. --token-stdin < ~/.config/actionline/token.'
        : `${TOKEN_ENV} is empty.`,
    );
  }
  if (!token.startsWith(TOKEN_PREFIX) || !/^[\x21-\x7e]+$/.test(token) || token.length > 500) {
    throw new RemoteUsageError(
      `The token from ${source} is not an ActionLine API token: those start with ${TOKEN_PREFIX} and are one word. Copy the whole token shown when it was created.`,
    );
  }
  return token;
}

/** Replaces every occurrence of the token in a text that is about to be printed. */
export function redactToken(text: string, token: string | null): string {
  return token ? text.split(token).join('[API token hidden]') : text;
}

/** The server's address as shown in messages. */
export function describeServer(server: URL): string {
  return server.href.replace(/\/$/, '');
}

/** Whether the host is this machine, where plain http does not expose the token on a network. */
export function isLoopback(server: URL): boolean {
  const host = server.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing accepted the connection',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection broke',
};

function networkReason(err: unknown): string {
  const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
  const first = cause instanceof AggregateError ? (cause.errors[0] as unknown) : cause;
  const code =
    typeof first === 'object' && first !== null && 'code' in first && typeof first.code === 'string'
      ? first.code
      : undefined;
  if (code && NETWORK_REASONS[code]) return `${NETWORK_REASONS[code]} (${code})`;
  if (code && /CERT|TLS|SSL|SELF_SIGNED|VERIFY/.test(code)) return `its TLS certificate was not accepted (${code})`;
  if (first instanceof Error && first.message) return code ? `${first.message} (${code})` : first.message;
  return code ?? 'the request failed';
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    typeof value.status === 'number' &&
    'detail' in value &&
    typeof value.detail === 'string'
  );
}

/** A client for one server and, optionally, one API token. */
export class RemoteClient {
  readonly #token: string | null;

  constructor(
    readonly server: URL,
    token: string | null,
  ) {
    this.#token = token;
  }

  get hasToken(): boolean {
    return this.#token !== null;
  }

  /** Hides this client's token in a text about to be printed. */
  redact(text: string): string {
    return redactToken(text, this.#token);
  }

  get<T>(path: string, query?: URLSearchParams): Promise<RemoteReply<T>> {
    return this.request<T>('GET', path, query ? { query } : {});
  }

  /** Sends one request to `/api/v1/…` (path without the leading slash) and parses the JSON answer. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<RemoteReply<T>> {
    const url = new URL(`api/v1/${path}`, this.server);
    if (options.query) url.search = options.query.toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const where = describeServer(this.server);

    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        // Redirects are not followed: the token must go only where --server says.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'TimeoutError') {
        throw new RemoteConnectionError(
          `The ActionLine server at ${where} did not answer within ${TIMEOUT_MS / 1000} s.`,
        );
      }
      throw new RemoteConnectionError(
        this.redact(`Could not reach the ActionLine server at ${where}: ${networkReason(err)}.`),
      );
    }

    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      throw new RemoteConnectionError(
        `The server at ${where} redirects ${method} ${url.pathname} to ${location ?? 'another address'} (${res.status}). ` +
          'Give the final address as --server: the CLI does not follow redirects, so that the API token goes nowhere else.',
      );
    }

    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let body: unknown = null;
    if (text) {
      const parsed = /\bjson\b/i.test(type) ? safeJson(text) : undefined;
      if (parsed === undefined) {
        throw new RemoteConnectionError(
          `The server at ${where} answered ${res.status} ${res.statusText || ''} with ${type.split(';')[0] || 'no content type'}, ` +
            'not with ActionLine API JSON. Check that --server is the address of an ActionLine server.',
        );
      }
      body = parsed;
    }
    if (!res.ok) {
      const problem: Problem = isProblem(body)
        ? body
        : {
            type: 'about:blank',
            title: res.statusText,
            status: res.status,
            detail: `${method} ${url.pathname} failed.`,
          };
      throw new RemoteProblemError(res.status, problem, this.#token !== null);
    }
    const etag = /^(?:W\/)?"?(\d+)"?$/.exec(res.headers.get('etag') ?? '');
    return { status: res.status, version: etag ? Number(etag[1]) : null, body: body as T };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
