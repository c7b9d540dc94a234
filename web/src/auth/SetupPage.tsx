import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useForm } from '../forms/useForm';
import { check, email, minLength, required } from '../forms/validators';
import { ErrorAlert } from '../ui/ErrorAlert';
import { completeSetup } from './api';
import { AuthFrame } from './AuthFrame';
import { useSession } from './SessionContext';

/** /setup?token=…: the one-time link a new node prints, which creates the first node admin. */
export function SetupPage() {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';

  const form = useForm({ email: '', fullName: '', password: '', confirm: '' }, (v) => ({
    email: check(v.email, required(t), email(t)),
    fullName: check(v.fullName, required(t)),
    password: check(v.password, required(t), minLength(t, 12)),
    confirm: v.confirm === v.password ? undefined : t('setup.mismatch'),
  }));

  useEffect(() => {
    document.title = `${t('setup.title')} · Kizuna`;
  }, [t]);

  if (user) return <Navigate to="/" replace />;

  const submit = form.onSubmit(async (v) => {
    setUser(await completeSetup({ token, email: v.email.trim(), fullName: v.fullName.trim(), password: v.password }));
    navigate('/', { replace: true });
  });

  return (
    <AuthFrame title={t('setup.title')}>
      {!token ? (
        <Alert color="yellow" variant="light">
          {t('setup.noToken')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">
              {t('setup.intro')}
            </Text>
            {form.failure && <ErrorAlert error={form.failure.error} details={form.failure.details} />}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              {...form.text('email')}
              data-testid="setup-email"
            />
            <TextInput label={t('user.fullName')} autoComplete="name" required {...form.text('fullName')} data-testid="setup-name" />
            <PasswordInput
              label={t('login.password')}
              description={t('setup.passwordHint')}
              autoComplete="new-password"
              required
              {...form.text('password')}
              data-testid="setup-password"
            />
            <PasswordInput
              label={t('setup.confirm')}
              autoComplete="new-password"
              required
              {...form.text('confirm')}
              data-testid="setup-confirm"
            />
            <Button type="submit" loading={form.submitting} data-testid="setup-submit" mt="xs" fullWidth>
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
