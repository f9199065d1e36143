import type {
  ActivityDetail,
  ActivitySummary,
  ExchangeRateView,
  FrameworkNodeDetail,
  OrganisationDetail,
  Page,
  PlanDetail,
  PlanLoadPreview,
  ImportReport,
  ImportSummary,
  LinkRejection,
  LinkSuggestionAnswer,
  Problem,
  SnapshotDetail,
  UserView,
} from '../../shared/api-types';
import type { ImportFormat, ImportMode } from '../../shared/schemas/import.schema';
import type { PlanDefinitionFormat } from '../../shared/schemas/plan-definition.schema';
import type { LocalizedText } from '../../shared/localized';
import type { UserUpdateInput } from '../../shared/schemas/auth.schema';
import type { SnapshotInput } from '../../shared/schemas/snapshot.schema';
import type { Language, Role, Side, WorkflowState } from '../../shared/vocab';
import { API_BASE, ApiError, clearApiCache, problemFrom, queryString, type ActivityListParams } from './client';

/** The signed-in person, as `GET /api/v1/auth/me` describes them. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  side: Side;
  organisationId: string | null;
}

export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string | null;
  expiresAt: string | null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  /** The whole token; the server keeps only its hash, so this is the one time it is seen. */
  token: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  version: number;
  action: string;
  at: string;
  user: { id: string; displayName: string } | null;
  comment: string | null;
  changes: FieldChange[];
}

export interface ReviewQueueItem {
  id: string;
  title: LocalizedText;
  version: number;
  submittedAt: string;
  requiredSides: Side[];
  approvedBy: { side: Side; name: string; at: string }[];
}

export interface TrashItem {
  id: string;
  title: LocalizedText;
  deletedAt: string;
  deletedBy: string | null;
  version: number;
}

export interface OrganisationTrashItem {
  id: string;
  name: LocalizedText;
  deletedAt: string;
  deletedBy: string | null;
  /** Set when it went to the trash by being merged into another organisation (which cannot be undone here). */
  mergedIntoId: string | null;
  version: number;
}

/** The activity list with the filters only staff may use. */
export interface StaffActivityListParams extends ActivityListParams {
  workflowState?: readonly WorkflowState[] | undefined;
  /** A user id, or `me` for the signed-in person. */
  createdBy?: string | undefined;
}

export interface IssuedLink {
  token: string;
  expiresAt: string;
}

/**
 * The session's CSRF token, kept in memory only (never in storage): every cookie-authenticated
 * write sends it in `x-csrf-token`.
 */
let csrfToken: string | null = null;

export interface SessionListener {
  /** The server answered 401: the session has ended (idle, expired or signed out elsewhere). */
  ended: () => void;
  /** A new session was found (e.g. after signing in again in another tab). */
  renewed: (answer: SessionAnswer) => void;
}

let listener: SessionListener | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setSessionListener(value: SessionListener | null): void {
  listener = value;
}

/** An answer with the record version its ETag names (null when it has none). */
export interface Versioned<T> {
  data: T;
  version: number | null;
}

interface CallOptions {
  body?: unknown;
  /** The version the write is based on, sent as If-Match. */
  version?: number | undefined;
  signal?: AbortSignal | undefined;
}

function versionOf(response: Response): number | null {
  const m = /(\d+)/.exec(response.headers.get('etag') ?? '');
  return m ? Number(m[1]) : null;
}

const isCsrfProblem = (type: string) => type.endsWith(':csrf');

/**
 * One API call that bypasses the read cache; writes send the CSRF token and clear that cache.
 * A write refused for its CSRF token (the person signed in again in another tab) fetches the
 * current session's token and is sent once more.
 */
export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<Versioned<T>> {
  try {
    return await send<T>(method, path, options);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 403 || !isCsrfProblem(err.problem.type)) throw err;
    const me = await send<SessionAnswer>('GET', '/auth/me', {});
    csrfToken = me.data.csrfToken;
    listener?.renewed(me.data);
    return send<T>(method, path, options);
  }
}

async function send<T>(method: string, path: string, options: CallOptions): Promise<Versioned<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: String(err) }, true);
  }
  if (method !== 'GET') clearApiCache();
  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && !path.startsWith('/auth/sign-in') && !path.startsWith('/auth/accept')) {
      listener?.ended();
    }
    throw new ApiError(problem);
  }
  const text = response.status === 204 ? '' : await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, version: versionOf(response) };
}

const seg = encodeURIComponent;
const get = <T>(path: string, signal?: AbortSignal) => call<T>('GET', path, { signal });
const data = async <T>(p: Promise<Versioned<T>>): Promise<T> => (await p).data;

/** Decisions a reviewer takes on a submitted activity. */
export type ReviewDecision = 'approve' | 'return';

export const auth = {
  me: (signal?: AbortSignal) => data(get<SessionAnswer>('/auth/me', signal)),
  signIn: (email: string, password: string) =>
    data(call<SessionAnswer>('POST', '/auth/sign-in', { body: { email, password } })),
  signOut: () => call<void>('POST', '/auth/sign-out'),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
  accept: (token: string, password: string) =>
    data(call<SessionAnswer>('POST', '/auth/accept', { body: { token, password } })),
  tokens: (signal?: AbortSignal) => data(get<{ items: ApiTokenView[] }>('/auth/tokens', signal)),
  createToken: (name: string) => data(call<CreatedApiToken>('POST', '/auth/tokens', { body: { name } })),
  revokeToken: (id: string) => call<void>('DELETE', `/auth/tokens/${seg(id)}`),
};

export const activities = {
  /** One page of the activity list as staff see it (drafts included), never from the read cache. */
  list: (params: StaffActivityListParams, signal?: AbortSignal) =>
    data(get<Page<ActivitySummary>>(`/activities${queryString({ ...params })}`, signal)),
  get: (id: string, signal?: AbortSignal) => get<ActivityDetail>(`/activities/${seg(id)}`, signal),
  create: (input: unknown) => call<ActivityDetail>('POST', '/activities', { body: input }),
  update: (id: string, version: number, input: unknown) =>
    call<ActivityDetail>('PUT', `/activities/${seg(id)}`, { body: input, version }),
  trash: (id: string, version: number) => call<void>('DELETE', `/activities/${seg(id)}`, { version }),
  submit: (id: string, version: number) => call<ActivityDetail>('POST', `/activities/${seg(id)}/submit`, { version }),
  decide: (id: string, version: number, decision: ReviewDecision, comment: string) =>
    call<ActivityDetail>('POST', `/activities/${seg(id)}/${decision}`, {
      version,
      body: decision === 'approve' ? (comment.trim() ? { comment } : {}) : { comment },
    }),
  history: (id: string, signal?: AbortSignal) =>
    data(get<{ items: HistoryEntry[] }>(`/activities/${seg(id)}/history`, signal)),
  restoreVersion: (id: string, version: number, currentVersion: number) =>
    call<ActivityDetail>('POST', `/activities/${seg(id)}/history/${version}/restore`, { version: currentVersion }),
  reviewQueue: (signal?: AbortSignal) => data(get<{ items: ReviewQueueItem[] }>('/review-queue', signal)),
  trashList: (signal?: AbortSignal) =>
    data(get<{ activities: TrashItem[]; organisations?: OrganisationTrashItem[] }>('/trash', signal)),
  restoreFromTrash: (id: string) => call<ActivityDetail>('POST', `/trash/activities/${seg(id)}/restore`),
  /** The framework nodes a draft most likely serves (ADR 0017); links nothing. */
  suggestLinks: (input: unknown, signal?: AbortSignal) =>
    data(call<LinkSuggestionAnswer>('POST', '/link-suggestions', { body: input, signal })),
  /** The suggestions turned down for a stored activity; turning one down, and withdrawing that. */
  linkRejections: (id: string, signal?: AbortSignal) =>
    data(call<{ items: LinkRejection[] }>('GET', `/activities/${seg(id)}/link-rejections`, { signal })),
  rejectLink: (id: string, nodeId: string) =>
    data(call<LinkRejection>('PUT', `/activities/${seg(id)}/link-rejections/${seg(nodeId)}`)),
  withdrawLinkRejection: (id: string, nodeId: string) =>
    call<void>('DELETE', `/activities/${seg(id)}/link-rejections/${seg(nodeId)}`),
};

export const organisations = {
  get: (id: string, signal?: AbortSignal) => get<OrganisationDetail>(`/organisations/${seg(id)}`, signal),
  create: (input: unknown) => call<OrganisationDetail>('POST', '/organisations', { body: input }),
  update: (id: string, version: number, input: unknown) =>
    call<OrganisationDetail>('PUT', `/organisations/${seg(id)}`, { body: input, version }),
  remove: (id: string, version: number) => call<void>('DELETE', `/organisations/${seg(id)}`, { version }),
  merge: (id: string, version: number, into: string) =>
    call<OrganisationDetail>('POST', `/organisations/${seg(id)}/merge`, { body: { into }, version }),
  history: (id: string, signal?: AbortSignal) =>
    data(get<{ items: HistoryEntry[] }>(`/organisations/${seg(id)}/history`, signal)),
  restoreVersion: (id: string, version: number, currentVersion: number) =>
    call<OrganisationDetail>('POST', `/organisations/${seg(id)}/history/${version}/restore`, {
      version: currentVersion,
    }),
  restoreFromTrash: (id: string) => call<OrganisationDetail>('POST', `/trash/organisations/${seg(id)}/restore`),
};

export const plans = {
  get: (idOrSlug: string, signal?: AbortSignal) => get<PlanDetail>(`/plans/${seg(idOrSlug)}`, signal),
  update: (idOrSlug: string, version: number, input: unknown) =>
    call<PlanDetail>('PUT', `/plans/${seg(idOrSlug)}`, { body: input, version }),
  addNode: (idOrSlug: string, input: unknown) =>
    call<FrameworkNodeDetail>('POST', `/plans/${seg(idOrSlug)}/nodes`, { body: input }),
  node: (id: string, signal?: AbortSignal) => get<FrameworkNodeDetail>(`/framework-nodes/${seg(id)}`, signal),
  updateNode: (id: string, version: number, input: unknown) =>
    call<FrameworkNodeDetail>('PUT', `/framework-nodes/${seg(id)}`, { body: input, version }),
  setNodeStatus: (id: string, version: number, action: 'retire' | 'reinstate') =>
    call<FrameworkNodeDetail>('POST', `/framework-nodes/${seg(id)}/${action}`, { version }),
  history: (idOrSlug: string, signal?: AbortSignal) =>
    data(get<{ items: HistoryEntry[] }>(`/plans/${seg(idOrSlug)}/history`, signal)),
  restoreVersion: (idOrSlug: string, version: number, currentVersion: number) =>
    call<PlanDetail>('POST', `/plans/${seg(idOrSlug)}/history/${version}/restore`, { version: currentVersion }),
  nodeHistory: (id: string, signal?: AbortSignal) =>
    data(get<{ items: HistoryEntry[] }>(`/framework-nodes/${seg(id)}/history`, signal)),
  restoreNodeVersion: (id: string, version: number, currentVersion: number) =>
    call<FrameworkNodeDetail>('POST', `/framework-nodes/${seg(id)}/history/${version}/restore`, {
      version: currentVersion,
    }),
};

export const users = {
  list: (signal?: AbortSignal) => data(get<{ items: UserView[] }>('/users', signal)),
  create: (input: unknown) => data(call<UserView>('POST', '/users', { body: input })),
  /** Replaces the editable fields of an account (disabling it ends its sessions and revokes its tokens). */
  update: (id: string, version: number, input: UserUpdateInput) =>
    call<UserView>('PUT', `/users/${seg(id)}`, { body: input, version }),
  history: (id: string, signal?: AbortSignal) =>
    data(get<{ items: HistoryEntry[] }>(`/users/${seg(id)}/history`, signal)),
  link: (id: string, kind: 'invite' | 'reset') =>
    data(call<IssuedLink>('POST', `/users/${seg(id)}/links`, { body: { kind } })),
};

/** The exchange-rates table (administrators write; everyone reads through `api.exchangeRates`). */
export const exchangeRates = {
  get: (currency: string, year: number, signal?: AbortSignal) =>
    get<ExchangeRateView>(`/exchange-rates/${seg(currency)}/${year}`, signal),
  /** Creates the rate (no version) or replaces it (the version it was read at). */
  put: (currency: string, year: number, version: number | undefined, input: unknown) =>
    call<ExchangeRateView>('PUT', `/exchange-rates/${seg(currency)}/${year}`, { body: input, version }),
  remove: (currency: string, year: number, version: number) =>
    call<void>('DELETE', `/exchange-rates/${seg(currency)}/${year}`, { version }),
  history: (currency: string, year: number, signal?: AbortSignal) =>
    data(get<{ items: HistoryEntry[] }>(`/exchange-rates/${seg(currency)}/${year}/history`, signal)),
};

/** Coverage snapshots of a plan (reviewers freeze, administrators withdraw; everyone reads through `api`). */
export const snapshots = {
  create: (planIdOrSlug: string, input: SnapshotInput) =>
    call<SnapshotDetail>('POST', `/plans/${seg(planIdOrSlug)}/snapshots`, { body: input }),
  withdraw: (planIdOrSlug: string, id: string, version: number) =>
    call<void>('DELETE', `/plans/${seg(planIdOrSlug)}/snapshots/${seg(id)}`, { version }),
};

/** What an upload has sent so far. */
export interface UploadProgress {
  sent: number;
  total: number;
}

/** What an import upload takes besides the file (the query of `POST /imports/{format}`). */
export interface UploadOptions {
  mode: ImportMode;
  lang: Language;
  dryRun: boolean;
  fileName: string;
}

const isReport = (value: unknown): value is ImportReport =>
  typeof value === 'object' && value !== null && 'outcome' in value && 'counts' in value;

/** One upload through XMLHttpRequest: the status and the parsed answer (null when not JSON). */
function sendUpload(
  url: string,
  file: Blob,
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal | undefined,
): Promise<{ status: number; statusText: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onerror = () =>
      reject(
        new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: 'The upload failed.' }, true),
      );
    xhr.onload = () => {
      signal?.removeEventListener('abort', abort);
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, statusText: xhr.statusText, body });
    };
    xhr.send(file);
  });
}

/** What a plan load takes besides the file (the query of `POST /plan-definitions`). */
export interface PlanLoadOptions {
  partnership: string;
  format: PlanDefinitionFormat;
  dryRun: boolean;
  fileName: string;
  slug?: string | undefined;
  titleEn?: string | undefined;
  titleFr?: string | undefined;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
}

const problemOf = (body: unknown): Problem | null =>
  typeof body === 'object' && body !== null && 'status' in body && 'title' in body ? (body as Problem) : null;

/**
 * A file sent through XMLHttpRequest (whose upload events give the bytes sent; fetch gives none) with the session's
 * CSRF token, renewed and sent once more when another tab signed in again, as other writes do. `accepted` says which
 * answers are the result; any other is an `ApiError`.
 */
async function upload<T>(
  url: string,
  file: Blob,
  accepted: (status: number, body: unknown) => body is T,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  let answer = await sendUpload(url, file, onProgress, signal);
  if (answer.status === 403 && isCsrfProblem(problemOf(answer.body)?.type ?? '')) {
    const me = await send<SessionAnswer>('GET', '/auth/me', { signal });
    csrfToken = me.data.csrfToken;
    listener?.renewed(me.data);
    answer = await sendUpload(url, file, onProgress, signal);
  }
  clearApiCache();
  const { status, statusText, body } = answer;
  if (accepted(status, body)) return body;
  if (status === 401) listener?.ended();
  throw new ApiError(
    problemOf(body) ?? {
      type: 'about:blank',
      title: statusText || 'Error',
      status,
      detail: `The server answered ${status}.`,
    },
  );
}

const isPlanLoad = (value: unknown): value is PlanLoadPreview =>
  typeof value === 'object' && value !== null && 'counts' in value && 'tree' in value;

/**
 * Plan definitions: a new plan and its framework from a YAML, CSV or XLSX file, previewed first (`dryRun`). The
 * answer is the preview (or the created plan); a file with problems is an `ApiError` whose problem holds the
 * preview as `preview`.
 */
export const planDefinitions = {
  load: (file: Blob, options: PlanLoadOptions, signal?: AbortSignal): Promise<PlanLoadPreview> =>
    upload(
      `${API_BASE}/plan-definitions${queryString({ ...options, dryRun: String(options.dryRun) })}`,
      file,
      (status, body): body is PlanLoadPreview => (status === 200 || status === 201) && isPlanLoad(body),
      () => undefined,
      signal,
    ),
};

/**
 * Imports: the upload goes through XMLHttpRequest, whose upload events give the bytes sent (fetch
 * gives none), with the session's CSRF token (renewed and sent once more when another tab signed
 * in again, as other writes do); the answer is the import's report, also when the file was
 * refused (422).
 */
export const imports = {
  upload: (
    format: ImportFormat,
    file: Blob,
    options: UploadOptions,
    onProgress: (p: UploadProgress) => void,
    signal?: AbortSignal,
  ): Promise<ImportReport> =>
    upload(
      `${API_BASE}/imports/${format}${queryString({ ...options, dryRun: String(options.dryRun) })}`,
      file,
      (status, body): body is ImportReport => (status === 200 || status === 201 || status === 422) && isReport(body),
      onProgress,
      signal,
    ),
  list: (page: number, pageSize: number, signal?: AbortSignal) =>
    data(get<Page<ImportSummary>>(`/imports${queryString({ page, pageSize })}`, signal)),
  get: (id: string, signal?: AbortSignal) => data(get<ImportReport>(`/imports/${seg(id)}`, signal)),
};
