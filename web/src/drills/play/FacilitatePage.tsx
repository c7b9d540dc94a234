import { Anchor, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { cardsPdfUrl } from '../../api/drills';
import { useFormat } from '../../format/useFormat';
import { languageNames } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useExercise, useTeams } from '../hooks';
import { InboxView } from './InboxView';

/**
 * /drills/:id/facilitate: for in-person rooms. A facilitator picks the team, sees its inbox live,
 * records the room's answers for it, and prints the inject cards for the room.
 */
export function FacilitatePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const exercise = useExercise(id);
  const teams = useTeams(id);
  const teamId = params.get('team') ?? '';
  const team = teams.data?.items.find((x) => x.id === teamId);

  return (
    <>
      <PageHeader
        title={t('drills.facilitate.title')}
        subtitle={t('drills.facilitate.subtitle')}
        crumbs={[
          { label: t('nav.drills'), to: '/drills' },
          { label: exercise.data?.name ?? '…', to: `/drills/${id}` },
          { label: t('drills.facilitate.title') },
        ]}
      />
      {teams.error ? <ErrorAlert error={teams.error} /> : null}
      {teams.isPending ? (
        <Loading />
      ) : (
        <Stack gap="md">
          <Paper withBorder radius="sm" p="sm">
            <Group align="flex-end" justify="space-between">
              <Select
                label={t('drills.facilitate.team')}
                placeholder={t('drills.facilitate.chooseTeam')}
                searchable
                data={(teams.data?.items ?? []).map((x) => ({
                  value: x.id,
                  label: `${x.name} — ${[x.organisationName, x.siteName].filter(Boolean).join(', ')}`,
                }))}
                value={teamId || null}
                onChange={(v) => setParams(v ? { team: v } : {}, { replace: true })}
                w={480}
                data-testid="facilitate-team"
              />
              {team && (
                <Group gap="md">
                  {(['en', 'vi', 'ja'] as const).map((lang) => (
                    <Anchor
                      key={lang}
                      href={cardsPdfUrl(id, team.id, lang)}
                      target="_blank"
                      rel="noopener"
                      fz="sm"
                      data-testid={`cards-${lang}`}
                    >
                      <Group gap={4} wrap="nowrap">
                        <IconPrinter size={16} />
                        {t('drills.facilitate.cardsIn', { lang: languageNames[lang] })}
                      </Group>
                    </Anchor>
                  ))}
                </Group>
              )}
            </Group>
            {team && (
              <Text fz="xs" c="dimmed" mt={6}>
                {t('drills.facilitate.recording', { team: team.name, country: f.country(team.countryCode) })}
              </Text>
            )}
          </Paper>
          {team ? (
            <InboxView key={team.id} exerciseId={id} teamId={team.id} />
          ) : (
            <Text c="dimmed" fz="sm" ta="center" py="lg">
              {t('drills.facilitate.pick')}
            </Text>
          )}
        </Stack>
      )}
    </>
  );
}
