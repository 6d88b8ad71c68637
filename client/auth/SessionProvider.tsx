/**
 * Who is logged in (GET /api/auth/me), shared with every page. A 401 from any API call, or a
 * collaboration socket closed with CloseCode.Unauthorized, ends the session here.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeResponse } from '../../shared/apiTypes.ts';
import { ApiError } from '../apiClient/errors.ts';
import { api } from '../apiClient/endpoints.ts';
import { setUnauthenticatedHandler } from '../apiClient/http.ts';
import type { MessageKey } from '../i18n/pl.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice: MessageKey | null }
  | { status: 'error'; error: unknown }
  | { status: 'authenticated'; me: MeResponse };

export interface Session {
  state: SessionState;
  /** Re-reads /api/auth/me (after login or a membership change). */
  refresh(): Promise<void>;
  logout(): Promise<void>;
  /** The server ended the session (401, WebSocket close 4401, password change); `notice` is shown at login. */
  sessionEnded(notice?: MessageKey): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'authenticated', me: await api.me() });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') setState({ status: 'anonymous', notice: null });
      else setState({ status: 'error', error });
    }
  }, []);

  const sessionEnded = useCallback((notice: MessageKey = 'app.sessionEnded') => {
    setState((prev) => (prev.status === 'authenticated' ? { status: 'anonymous', notice } : prev));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'anonymous', notice: null });
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => sessionEnded());
    void refresh();
    return () => setUnauthenticatedHandler(null);
  }, [refresh, sessionEnded]);

  const value = useMemo(() => ({ state, refresh, logout, sessionEnded }), [state, refresh, logout, sessionEnded]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in user's data; only for components rendered behind the login gate. */
export function useMe(): MeResponse {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe without a session');
  return state.me;
}
