import { Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { drillsApi, drillsKey, MAX_SPEED, MIN_SPEED } from '../api/drills';
import { useUser } from '../auth/SessionContext';
import { OrganisationSelect } from '../directory/common/OrganisationSelect';
import { useForm } from '../forms/useForm';
import { check, maxLength, required } from '../forms/validators';
import { ErrorAlert } from '../ui/ErrorAlert';
import { duration } from './common';
import { useScenarios } from './hooks';

/** A new exercise: a deep copy of a scenario's MSEL (or empty), led by one organisation. */
export function NewExerciseDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('drills.create.title')} size="lg">
      {opened && <NewExerciseForm onClose={onClose} />}
    </Modal>
  );
}

function NewExerciseForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const scenarios = useScenarios();
  const lead = user.memberships.find((m) => m.role === 'controller') ?? user.memberships[0];
  const form = useForm(
    { scenarioId: '', name: '', description: '', leadOrganisationId: lead?.organisationId ?? '', speed: 1 as number | string },
    (v) => ({
      name: check(v.name, required(t), maxLength(t, 200)),
      description: check(v.description, maxLength(t, 4000)),
      leadOrganisationId: check(v.leadOrganisationId, required(t)),
      speed:
        typeof v.speed !== 'number' || v.speed < MIN_SPEED || v.speed > MAX_SPEED
          ? t('drills.clock.speedRange', { min: MIN_SPEED, max: MAX_SPEED })
          : undefined,
    }),
  );
  const chosen = scenarios.data?.items.find((s) => s.id === form.values.scenarioId);

  const submit = form.onSubmit(async (v) => {
    const created = await drillsApi.createExercise({
      scenarioId: v.scenarioId || undefined,
      name: v.name.trim(),
      description: v.description.trim(),
      leadOrganisationId: v.leadOrganisationId,
      speed: Number(v.speed),
    });
    void queryClient.invalidateQueries({ queryKey: [drillsKey] });
    notifications.show({ color: 'teal', message: t('drills.create.created', { name: created.name }) });
    onClose();
    navigate(`/drills/${created.id}`);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {form.failure && <ErrorAlert error={form.failure.error} details={form.failure.details} />}
        {scenarios.error && <ErrorAlert error={scenarios.error} />}
        <Select
          label={t('drills.create.scenario')}
          placeholder={t('drills.create.emptyScenario')}
          clearable
          data={(scenarios.data?.items ?? []).map((s) => ({
            value: s.id,
            label: s.builtin ? `${s.name} (${t('drills.create.builtin')})` : s.name,
          }))}
          comboboxProps={{ withinPortal: true }}
          {...form.pick('scenarioId')}
          onChange={(v) => {
            form.setField('scenarioId', v ?? '');
            const s = scenarios.data?.items.find((x) => x.id === v);
            if (s && !form.values.name.trim()) form.setField('name', s.name);
          }}
          data-testid="exercise-scenario"
        />
        {chosen && (
          <Text fz="xs" c="dimmed" data-testid="scenario-summary">
            {chosen.summary} · {t('drills.create.injects', { count: chosen.injectCount })} · {duration(chosen.durationMs)}
          </Text>
        )}
        <TextInput label={t('drills.create.name')} required {...form.text('name')} data-testid="exercise-name" />
        <Textarea label={t('drills.create.description')} autosize minRows={2} maxRows={5} {...form.text('description')} />
        <OrganisationSelect
          label={t('drills.create.lead')}
          description={t('drills.create.leadHint')}
          required
          comboboxProps={{ withinPortal: true }}
          initialOption={lead ? { value: lead.organisationId, label: lead.organisationName } : null}
          {...form.pick('leadOrganisationId')}
        />
        <NumberInput
          label={t('drills.clock.speed')}
          description={t('drills.create.speedHint')}
          min={MIN_SPEED}
          max={MAX_SPEED}
          decimalScale={2}
          value={form.values.speed}
          error={form.errors.speed}
          onChange={(v) => form.setField('speed', v)}
          w={200}
          data-testid="exercise-speed"
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose} disabled={form.submitting}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="exercise-submit">
            {t('drills.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
