import { ApiError, api, setCsrfToken } from '../api/client';
import type { Locale, Session, User } from '../api/types';

/** The signed-in user, or null when there is no session (401 is the normal answer then). */
export async function fetchSession(): Promise<User | null> {
  try {
    const session = await api.get<Session>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export async function login(email: string, password: string): Promise<User> {
  const session = await api.post<Session>('/auth/login', { email, password });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function completeSetup(input: { token: string; email: string; password: string; fullName: string }): Promise<User> {
  const session = await api.post<Session>('/auth/setup', input);
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export async function updateMe(patch: { fullName?: string; locale?: Locale; timeZone?: string | null }): Promise<User> {
  const session = await api.patch<Session>('/auth/me', patch);
  setCsrfToken(session.csrfToken);
  return session.user;
}
