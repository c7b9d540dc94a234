import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ErrorDetail } from '../api/client';

const knownCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'unavailable',
  'internal',
  'network',
] as const;
type KnownCode = (typeof knownCodes)[number];

/**
 * A failed request in the reader's language: the headline comes from the error code, the server's
 * own message (English, and specific) follows it, with any details no form field claimed.
 */
export function ErrorAlert({ error, details, title }: { error: unknown; details?: ErrorDetail[]; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const known = (knownCodes as readonly string[]).includes(apiError?.code ?? '');
  // A code newer than this console still gets a headline that says whose side the fault is on.
  const code: KnownCode | 'failed' = known ? (apiError?.code as KnownCode) : apiError && apiError.status < 500 ? 'failed' : 'internal';
  const headline = title ?? t(`errors.${code}`);
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  const rest = details ?? apiError?.details ?? [];
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={headline} data-testid="error-alert">
      {message && message !== headline && <Text fz="sm">{message}</Text>}
      {rest.length > 0 && (
        <List size="sm" mt={4}>
          {rest.map((d) => (
            <List.Item key={`${d.path}:${d.message}`}>
              {d.path ? <strong>{d.path}: </strong> : null}
              {d.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
