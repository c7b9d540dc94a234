import { Badge, Button, Group, Modal, MultiSelect, Paper, Progress, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CheckContact, type CommunicationCheck, drillsApi } from '../../api/drills';
import { DateTime } from '../../format/DateTime';
import { useForm } from '../../forms/useForm';
import { check, maxLength, required } from '../../forms/validators';
import { SimpleTable } from '../../intelligence/common/SimpleTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { duration } from '../common';
import { exerciseKey, useInvalidateExercise, useTeams } from '../hooks';
import { OrganisationMultiSelect } from '../../intelligence/common/pickers';

/**
 * Communication checks: a message to every point of contact of the chosen organisations, each of
 * whom acknowledges through a personal link; who answered and how fast.
 */
export function ChecksPanel({ exerciseId, canRun }: { exerciseId: string; canRun: boolean }) {
  const { t } = useTranslation();
  const checks = useQuery({ queryKey: [...exerciseKey(exerciseId), 'checks'], queryFn: () => drillsApi.checks(exerciseId) });
  const [creating, create] = useDisclosure(false);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <Stack gap="sm">
      {canRun && (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={create.open} data-testid="check-create">
            {t('drills.checks.create')}
          </Button>
        </Group>
      )}
      {checks.error ? <ErrorAlert error={checks.error} /> : null}
      {checks.isPending ? (
        <Loading />
      ) : (
        <SimpleTable<CommunicationCheck>
          rows={checks.data?.items ?? []}
          rowKey={(c) => c.id}
          empty={t('drills.checks.none')}
          testId="check-table"
          columns={[
            {
              header: t('drills.checks.titleField'),
              render: (c) => (
                <Button variant="subtle" size="compact-sm" onClick={() => setOpen(c.id)} data-testid="check-open">
                  {c.title}
                </Button>
              ),
            },
            { header: t('drills.checks.sent'), width: 190, render: (c) => <DateTime value={c.createdAt} /> },
            {
              header: t('drills.checks.progress'),
              width: 260,
              render: (c) => <Summary summary={c.summary} />,
            },
          ]}
        />
      )}
      <Modal opened={creating} onClose={create.close} title={t('drills.checks.create')} size="lg">
        {creating && <CheckForm exerciseId={exerciseId} onClose={create.close} />}
      </Modal>
      <Modal opened={Boolean(open)} onClose={() => setOpen(null)} title={t('drills.checks.detail')} size="xl">
        {open && <CheckDetail exerciseId={exerciseId} checkId={open} />}
      </Modal>
    </Stack>
  );
}

function Summary({ summary }: { summary: CommunicationCheck['summary'] }) {
  const { t } = useTranslation();
  const pct = (n: number) => (summary.total ? (100 * n) / summary.total : 0);
  return (
    <Stack gap={2} data-testid="check-summary">
      <Progress.Root size="md">
        <Progress.Section value={pct(summary.acknowledged)} color="teal" />
        <Progress.Section value={pct(summary.failed)} color="red" />
      </Progress.Root>
      <Text fz="xs" c="dimmed">
        {t('drills.checks.counts', { acknowledged: summary.acknowledged, total: summary.total, failed: summary.failed })}
      </Text>
    </Stack>
  );
}

function CheckForm({ exerciseId, onClose }: { exerciseId: string; onClose(): void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateExercise(exerciseId);
  const teams = useTeams(exerciseId);
  const form = useForm({ title: '', message: '', organisationIds: [] as string[] }, (v) => ({
    title: check(v.title, required(t), maxLength(t, 200)),
    message: check(v.message, required(t), maxLength(t, 10_000)),
    organisationIds: v.organisationIds.length ? undefined : t('drills.checks.chooseOrganisations'),
  }));
  // The teams' organisations are the usual audience; any other organisation can be searched for.
  const teamOrgs = [...new Map((teams.data?.items ?? []).map((x) => [x.organisationId, x.organisationName])).entries()];
  const isTeamOrg = (id: string) => teamOrgs.some(([o]) => o === id);
  const submit = form.onSubmit(async (v) => {
    const created = await drillsApi.createCheck(exerciseId, {
      title: v.title.trim(),
      message: v.message.trim(),
      organisationIds: v.organisationIds,
    });
    await invalidate();
    notifications.show({ color: 'teal', message: t('drills.checks.created', { count: created.summary.total }) });
    onClose();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {form.failure && <ErrorAlert error={form.failure.error} details={form.failure.details} />}
        <TextInput label={t('drills.checks.titleField')} required {...form.text('title')} data-testid="check-title" />
        <Textarea
          label={t('drills.checks.message')}
          description={t('drills.checks.messageHint')}
          required
          autosize
          minRows={3}
          maxRows={8}
          {...form.text('message')}
          data-testid="check-message"
        />
        {teamOrgs.length > 0 && (
          <MultiSelect
            label={t('drills.checks.teamOrganisations')}
            data={teamOrgs.map(([value, label]) => ({ value, label }))}
            value={form.values.organisationIds.filter(isTeamOrg)}
            onChange={(ids) => form.setField('organisationIds', [...form.values.organisationIds.filter((id) => !isTeamOrg(id)), ...ids])}
            comboboxProps={{ withinPortal: true }}
            data-testid="check-team-orgs"
          />
        )}
        <OrganisationMultiSelect
          label={teamOrgs.length ? t('drills.checks.otherOrganisations') : t('drills.checks.organisations')}
          value={form.values.organisationIds.filter((id) => !isTeamOrg(id))}
          onChange={(ids) => form.setField('organisationIds', [...form.values.organisationIds.filter(isTeamOrg), ...ids])}
          error={form.errors.organisationIds}
          comboboxProps={{ withinPortal: true }}
          data-testid="check-organisations"
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose} disabled={form.submitting}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="check-submit">
            {t('drills.checks.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CheckDetail({ exerciseId, checkId }: { exerciseId: string; checkId: string }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: [...exerciseKey(exerciseId), 'checks', checkId],
    queryFn: () => drillsApi.check(exerciseId, checkId),
  });
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const c = detail.data;
  const stateColor = { pending: 'gray', sent: 'blue', failed: 'red' } as const;
  return (
    <Stack gap="sm">
      <Paper bg="gray.0" p="sm" radius="sm">
        <Text fw={600} fz="sm">
          {c.title}
        </Text>
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {c.message}
        </Text>
      </Paper>
      <Summary summary={c.summary} />
      <SimpleTable<CheckContact>
        rows={c.contacts ?? []}
        rowKey={(x) => x.id}
        empty={t('drills.checks.noContacts')}
        testId="check-contacts"
        columns={[
          {
            header: t('drills.checks.contact'),
            render: (x) => (
              <>
                <Text fz="sm">{x.name}</Text>
                <Text fz="xs" c="dimmed">
                  {x.email}
                </Text>
              </>
            ),
          },
          { header: t('drills.teams.organisation'), render: (x) => x.organisationName },
          {
            header: t('drills.checks.delivery'),
            width: 110,
            render: (x) => (
              <Badge color={stateColor[x.deliveryState]} variant="light" radius="sm" tt="none">
                {t(`drills.checks.state.${x.deliveryState}`)}
              </Badge>
            ),
          },
          {
            header: t('drills.checks.acknowledged'),
            width: 190,
            render: (x) =>
              x.acknowledgedAt ? (
                <DateTime value={x.acknowledgedAt} />
              ) : (
                <Text fz="xs" c="dimmed">
                  {t('drills.checks.notYet')}
                </Text>
              ),
          },
          {
            header: t('drills.checks.responseTime'),
            width: 120,
            render: (x) => (x.responseMs !== null ? duration(x.responseMs) : '–'),
          },
        ]}
      />
    </Stack>
  );
}
