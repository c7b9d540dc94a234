import { Button, Group, Paper, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ErrorDetail } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';

interface Props {
  onSubmit(event: FormEvent): void;
  submitting: boolean;
  failure: { error: unknown; details: ErrorDetail[] } | null;
  submitLabel: string;
  submitTestId: string;
  cancelTo: string;
  children: ReactNode;
}

/** The frame of every directory form: fields, the errors no field claimed, Cancel and Save. */
export function FormFrame({ onSubmit, submitting, failure, submitLabel, submitTestId, cancelTo, children }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Paper withBorder radius="sm" p="lg" maw={720}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {failure && <ErrorAlert error={failure.error} details={failure.details} />}
          {children}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={() => navigate(cancelTo)} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting} data-testid={submitTestId}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
