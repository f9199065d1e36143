import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, fetchApi, peekCached, type ApiRequest } from './client';

export interface ApiState<T> {
  /** The answer for the current request (or, with keepPrevious, the last one while the next loads). */
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

interface Internal<T> {
  key: string | null;
  nonce: number;
  data: T | undefined;
  error: ApiError | undefined;
  done: boolean;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError({ type: 'about:blank', title: 'Unexpected response', status: 0, detail }, true);
}

interface LoaderOptions<T> {
  /** Keep showing the previous answer while a new key loads (lists that re-filter in place). */
  keepPrevious?: boolean;
  /** A synchronously available answer for a key, e.g. from the response cache. */
  peek?: (key: string) => T | undefined;
}

/**
 * Runs `load` whenever `key` changes (null: do nothing), aborting the previous run.
 * The latest `load` is always used; only the key decides when to reload.
 */
export function useLoader<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: LoaderOptions<T> = {},
): ApiState<T> {
  const { keepPrevious = false, peek } = options;
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Internal<T>>(() => {
    const cached = key !== null ? peek?.(key) : undefined;
    return { key, nonce: 0, data: cached, error: undefined, done: cached !== undefined };
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, nonce, data, error: undefined, done: true });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setState({ key, nonce, data: undefined, error: toApiError(err), done: true });
      },
    );
    return () => controller.abort();
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  const current = state.key === key && state.nonce === nonce;
  if (current) return { data: state.data, error: state.error, loading: key !== null && !state.done, reload };
  const cached = key !== null && nonce === 0 ? peek?.(key) : undefined;
  if (cached !== undefined) return { data: cached, error: undefined, loading: false, reload };
  return { data: keepPrevious ? state.data : undefined, error: undefined, loading: key !== null, reload };
}

/** Loads one API request; re-runs when its URL changes. */
export function useApi<T>(req: ApiRequest<T> | null, options: { keepPrevious?: boolean } = {}): ApiState<T> {
  return useLoader<T>(
    req?.url ?? null,
    (signal) => (req ? fetchApi(req, signal) : Promise.reject(new Error('no request'))),
    {
      ...options,
      peek: (url) => peekCached<T>({ url }),
    },
  );
}
