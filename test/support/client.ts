import type { Role, Side } from '../../src/shared/vocab';
import type { TestServer } from './server';

/** Where a client sends its requests: a test server, or a server in a child process. */
export type Target = Pick<TestServer, 'baseUrl'>;

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * An HTTP client that behaves like a browser session: it keeps the session cookie and sends the
 * CSRF token with writes. `bearer` makes it an API-token client instead.
 */
export class Client {
  private cookie: string | null = null;
  csrf: string | null = null;
  constructor(
    private readonly server: Target,
    private readonly bearer?: string,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.server.baseUrl + path, {
      method,
      headers: h,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /al_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `al_session=${m[1]}` : null;
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  /** A POST of raw bytes (a file upload) with this session's credentials; the answer is JSON. */
  async upload<T = unknown>(
    path: string,
    bytes: Uint8Array | string,
    contentType = 'application/xml',
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'content-type': contentType, ...this.writeHeaders() };
    const body = typeof bytes === 'string' ? bytes : new Blob([new Uint8Array(bytes)]);
    const res = await fetch(this.server.baseUrl + path, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  /** A GET with this session's credentials whose body is left for the caller to read (files). */
  raw(path: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    return fetch(this.server.baseUrl + path, { headers });
  }

  /** This session's credentials for a write sent some other way (a raw body). */
  writeHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    return headers;
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  async signIn(email: string, password: string): Promise<Reply<{ csrfToken: string }>> {
    const res = await this.request<{ csrfToken: string }>('POST', '/api/v1/auth/sign-in', { email, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an active account and returns a signed-in client for it. */
export async function signedIn(
  server: TestServer,
  role: Role,
  side: Side = 'asean',
  email = `${role}.${side}@example.org`,
) {
  await server.core.auth.createUser(null, { email, displayName: `${role} ${side}`, role, side }, TEST_PASSWORD);
  const client = new Client(server);
  const res = await client.signIn(email, TEST_PASSWORD);
  if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return client;
}
