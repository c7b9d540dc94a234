import { ActionIcon, Anchor, Badge, Button, Code, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconPrinter, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { cardsPdfUrl, drillsApi, type Team } from '../../api/drills';
import type { Page, Site } from '../../api/types';
import { OrganisationSelect } from '../../directory/common/OrganisationSelect';
import { RemoteSelect } from '../../directory/common/RemoteSelect';
import { useForm } from '../../forms/useForm';
import { check, email, maxLength, orNull, required } from '../../forms/validators';
import { SimpleTable } from '../../intelligence/common/SimpleTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useInvalidateExercise, useTeams } from '../hooks';

/** Teams of the exercise: who plays where, tied to an organisation and a site. */
export function TeamsPanel({ exerciseId, canEdit }: { exerciseId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const teams = useTeams(exerciseId);
  const [adding, add] = useDisclosure(false);
  const [playersOf, setPlayersOf] = useState<Team | null>(null);

  if (teams.isPending) return <Loading />;
  if (teams.error) return <ErrorAlert error={teams.error} />;
  const current = playersOf && teams.data.items.find((x) => x.id === playersOf.id);

  return (
    <Stack gap="sm">
      {canEdit && (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={add.open} data-testid="team-create">
            {t('drills.teams.add')}
          </Button>
        </Group>
      )}
      <SimpleTable<Team>
        rows={teams.data.items}
        rowKey={(x) => x.id}
        empty={t('drills.teams.none')}
        testId="team-table"
        columns={[
          {
            header: t('drills.teams.name'),
            render: (x) => (
              <Group gap={6}>
                <Text fz="sm" fw={500}>
                  {x.name}
                </Text>
                {x.simulated && (
                  <Badge size="xs" variant="outline" color="gray" tt="none">
                    {t('drills.teams.simulated')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { header: t('drills.teams.organisation'), render: (x) => `${x.organisationName} (${x.countryCode})` },
          { header: t('drills.teams.site'), render: (x) => x.siteName ?? '–' },
          { header: t('drills.teams.timeZone'), width: 160, render: (x) => x.timeZone },
          {
            header: t('drills.teams.players'),
            render: (x) => (
              <Group gap={4}>
                <Text fz="sm" c={x.playerCount ? undefined : 'dimmed'} title={x.players.map((p) => p.email).join(', ')}>
                  {x.playerCount ? x.players.map((p) => p.fullName).join(', ') : t('drills.teams.noPlayers')}
                </Text>
                {canEdit && (
                  <Tooltip label={t('drills.teams.managePlayers')}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      onClick={() => setPlayersOf(x)}
                      aria-label={t('drills.teams.managePlayers')}
                      data-testid="team-players"
                    >
                      <IconUserPlus size={14} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ),
          },
          {
            header: '',
            width: 130,
            render: (x) => (
              <Anchor href={cardsPdfUrl(exerciseId, x.id)} target="_blank" rel="noopener" fz="xs" data-testid="team-cards">
                <Group gap={4} wrap="nowrap">
                  <IconPrinter size={14} />
                  {t('drills.facilitate.cards')}
                </Group>
              </Anchor>
            ),
          },
        ]}
      />
      <Modal opened={adding} onClose={add.close} title={t('drills.teams.add')} size="lg">
        {adding && <TeamForm exerciseId={exerciseId} onClose={add.close} />}
      </Modal>
      <Modal
        opened={Boolean(current)}
        onClose={() => setPlayersOf(null)}
        title={current ? t('drills.teams.playersOf', { team: current.name }) : ''}
        size="lg"
      >
        {current && <PlayersForm exerciseId={exerciseId} team={current} />}
      </Modal>
    </Stack>
  );
}

const siteOption = (s: Site) => ({ value: s.id, label: s.name, hint: `${s.timeZone} · ${s.mode === 'in_person' ? '👥' : '🖥'}` });

function TeamForm({ exerciseId, onClose }: { exerciseId: string; onClose(): void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateExercise(exerciseId);
  const form = useForm({ name: '', organisationId: '', siteId: '', email: '', webhookUrl: '' }, (v) => ({
    name: check(v.name, required(t), maxLength(t, 200)),
    organisationId: check(v.organisationId, required(t)),
    email: check(v.email, email(t)),
    webhookUrl: v.webhookUrl.trim() && !/^https?:\/\/\S+$/.test(v.webhookUrl.trim()) ? t('drills.teams.badUrl') : undefined,
  }));
  const submit = form.onSubmit(async (v) => {
    const team = await drillsApi.createTeam(exerciseId, {
      name: v.name.trim(),
      organisationId: v.organisationId,
      siteId: v.siteId || null,
      email: orNull(v.email),
      webhookUrl: orNull(v.webhookUrl),
    });
    await invalidate();
    notifications.show({ color: 'teal', message: t('drills.teams.created', { name: team.name }) });
    // The server shows a webhook secret once: it stays on screen until the controller has copied it.
    if (team.webhookSecret)
      notifications.show({
        color: 'yellow',
        autoClose: false,
        title: t('drills.teams.webhookSecret'),
        message: <Code data-testid="webhook-secret">{team.webhookSecret}</Code>,
      });
    onClose();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {form.failure && <ErrorAlert error={form.failure.error} details={form.failure.details} />}
        <TextInput label={t('drills.teams.name')} required {...form.text('name')} data-testid="team-name" />
        <OrganisationSelect
          label={t('drills.teams.organisation')}
          required
          comboboxProps={{ withinPortal: true }}
          {...form.pick('organisationId')}
          onChange={(v) => {
            form.setField('organisationId', v ?? '');
            form.setField('siteId', '');
          }}
          data-testid="team-organisation"
        />
        <RemoteSelect
          key={form.values.organisationId}
          label={t('drills.teams.site')}
          description={t('drills.teams.siteHint')}
          cacheKey={['sites', form.values.organisationId]}
          search={async (q) =>
            form.values.organisationId
              ? (await api.get<Page<Site>>('/sites', { q, organisationId: form.values.organisationId, limit: 50 })).items.map(siteOption)
              : []
          }
          disabled={!form.values.organisationId}
          clearable
          comboboxProps={{ withinPortal: true }}
          {...form.pick('siteId')}
          data-testid="team-site"
        />
        <TextInput label={t('drills.teams.email')} description={t('drills.teams.emailHint')} {...form.text('email')} />
        <TextInput
          label={t('drills.teams.webhook')}
          description={t('drills.teams.webhookHint')}
          {...form.text('webhookUrl')}
          data-testid="team-webhook"
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose} disabled={form.submitting}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="team-submit">
            {t('drills.teams.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds players by searching the people of the team's country (organisation names match too). */
function PlayersForm({ exerciseId, team }: { exerciseId: string; team: Team }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateExercise(exerciseId);
  const [userId, setUserId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await invalidate();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const chosen = userId;

  return (
    <Stack gap="sm">
      {error ? <ErrorAlert error={error} /> : null}
      <Stack gap={4} data-testid="player-list">
        {team.players.map((p) => (
          <Group key={p.userId} justify="space-between">
            <Text fz="sm">
              {p.fullName}{' '}
              <Text span fz="xs" c="dimmed">
                {p.email}
              </Text>
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('drills.teams.removePlayer')}
              onClick={() => run(() => drillsApi.removePlayer(exerciseId, team.id, p.userId))}
            >
              <IconUserMinus size={16} />
            </ActionIcon>
          </Group>
        ))}
        {team.players.length === 0 && (
          <Text fz="sm" c="dimmed">
            {t('drills.teams.noPlayers')}
          </Text>
        )}
      </Stack>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <RemoteSelect
          label={t('drills.teams.addPlayer')}
          cacheKey={['player-candidates', team.id]}
          search={async (q) =>
            (await drillsApi.playerCandidates(exerciseId, team.id, q)).items.map((p) => ({
              value: p.id,
              label: p.name,
              hint: p.email ? `${p.organisationName} · ${p.email}` : p.organisationName,
            }))
          }
          value={userId}
          onChange={setUserId}
          comboboxProps={{ withinPortal: true }}
          style={{ flex: 1 }}
          data-testid="player-select"
        />
        <Button
          disabled={!chosen}
          loading={busy}
          onClick={() =>
            chosen &&
            run(async () => {
              await drillsApi.addPlayer(exerciseId, team.id, chosen);
              setUserId(null);
            })
          }
          data-testid="player-add"
        >
          {t('drills.teams.addPlayer')}
        </Button>
      </Group>
    </Stack>
  );
}
