import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { sessionKey } from '../api/queryClient';
import type { User } from '../api/types';
import * as auth from './api';

interface SessionValue {
  user: User | null;
  /** True until the first answer of /auth/me, so pages do not flash the login form. */
  loading: boolean;
  /** Replaces the cached user after login, setup or a profile change. */
  setUser(user: User | null): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: sessionKey, queryFn: auth.fetchSession, staleTime: Number.POSITIVE_INFINITY });

  const setUser = useCallback((user: User | null) => queryClient.setQueryData(sessionKey, user), [queryClient]);

  const signOut = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      // Nothing read under this session may be shown to whoever signs in next.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, null);
    }
  }, [queryClient]);

  const value = useMemo<SessionValue>(
    () => ({ user: query.data ?? null, loading: query.isPending, setUser, signOut }),
    [query.data, query.isPending, setUser, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user, for pages rendered under RequireAuth. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
