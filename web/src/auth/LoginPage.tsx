import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { login } from './api';
import { AuthFrame } from './AuthFrame';
import { safeNext } from './RequireAuth';
import { useSession } from './SessionContext';

export function LoginPage() {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `${t('login.title')} · Kizuna`;
  }, [t]);

  if (user) return <Navigate to={next} replace />;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setUser(await login(email.trim(), password));
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  // The server answers the same 401 for an unknown e-mail and a wrong password, and so do we.
  const message =
    error instanceof ApiError && error.status === 401
      ? t('login.wrongCredentials')
      : error instanceof ApiError && error.status === 429
        ? t('login.throttled')
        : null;

  return (
    <AuthFrame title={t('login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error ? message ? <ErrorAlert error={new Error(message)} title={t('login.failed')} /> : <ErrorAlert error={error} /> : null}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
            autoFocus
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
          <Button type="submit" loading={busy} disabled={!email.trim() || !password} data-testid="login-submit" mt="xs" fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
