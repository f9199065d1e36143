import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { can as policyCan, type Action } from '../../core/policy';
import { ApiError, clearApiCache } from '../api/client';
import { auth, setCsrfToken, setSessionListener, type SessionAnswer, type SessionUser } from '../api/workspace';

export type SessionStatus = 'loading' | 'signedOut' | 'signedIn';

export interface SessionValue {
  status: SessionStatus;
  user: SessionUser | null;
  /**
   * The server said the session had ended while the person was working. Their pages stay on
   * screen (nothing typed is lost); saving asks them to sign in again.
   */
  ended: boolean;
  /** Takes over the session a sign-in or an accepted link opened. */
  adopt: (answer: SessionAnswer) => void;
  signOut: () => Promise<void>;
  /**
   * Reads the session again (`GET /api/v1/auth/me`): after an administrator changed the person's
   * role, or when they come back to the tab. A session that ended meanwhile is marked `ended`.
   */
  refresh: () => Promise<void>;
  /** Whether the signed-in person's role allows the action (the server decides in the end). */
  can: (action: Action) => boolean;
}

const SessionContext = createContext<SessionValue>({
  status: 'signedOut',
  user: null,
  ended: false,
  adopt: () => undefined,
  signOut: () => Promise.resolve(),
  refresh: () => Promise.resolve(),
  can: () => false,
});

/**
 * A hint, not a credential: set while this browser has a session, so that visitors who never
 * signed in are not asked `GET /api/v1/auth/me` (and its 401) on every page. The session itself is
 * the HttpOnly cookie.
 */
const HINT_KEY = 'actionline.signedIn';

function hint(value?: boolean): boolean {
  try {
    if (value === true) localStorage.setItem(HINT_KEY, '1');
    else if (value === false) localStorage.removeItem(HINT_KEY);
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

interface State {
  status: SessionStatus;
  user: SessionUser | null;
  ended: boolean;
}

/** Loads who is signed in (`GET /api/v1/auth/me`) once, and keeps the CSRF token in memory. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>(() =>
    hint() ? { status: 'loading', user: null, ended: false } : { status: 'signedOut', user: null, ended: false },
  );

  const adopt = useCallback((answer: SessionAnswer) => {
    hint(true);
    setCsrfToken(answer.csrfToken);
    clearApiCache();
    setState({ status: 'signedIn', user: answer.user, ended: false });
  }, []);

  useEffect(() => {
    setSessionListener({
      ended: () => setState((s) => (s.status === 'signedIn' ? { ...s, ended: true } : s)),
      renewed: (answer) => setState({ status: 'signedIn', user: answer.user, ended: false }),
    });
    if (!hint()) return () => setSessionListener(null);
    const controller = new AbortController();
    auth.me(controller.signal).then(
      (answer) => {
        setCsrfToken(answer.csrfToken);
        setState({ status: 'signedIn', user: answer.user, ended: false });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && err.status === 401) hint(false);
        setState({ status: 'signedOut', user: null, ended: false });
      },
    );
    return () => {
      controller.abort();
      setSessionListener(null);
    };
  }, []);

  const status = useRef(state.status);
  useEffect(() => {
    status.current = state.status;
  }, [state.status]);

  const refresh = useCallback(async () => {
    if (status.current !== 'signedIn') return;
    try {
      const answer = await auth.me();
      setCsrfToken(answer.csrfToken);
      setState((s) => (s.status === 'signedIn' ? { status: 'signedIn', user: answer.user, ended: false } : s));
    } catch (err) {
      // A 401 has marked the session as ended already; anything else leaves it as it was.
      if (!(err instanceof ApiError)) throw err;
    }
  }, []);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await auth.signOut();
    } catch {
      // The session may be gone already; the person is signed out either way.
    }
    hint(false);
    setCsrfToken(null);
    clearApiCache();
    setState({ status: 'signedOut', user: null, ended: false });
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      ...state,
      adopt,
      signOut,
      refresh,
      can: (action) => state.status === 'signedIn' && policyCan(state.user, action),
    }),
    [state, adopt, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}
