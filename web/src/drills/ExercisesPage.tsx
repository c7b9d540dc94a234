import { Anchor, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Exercise } from '../api/drills';
import { useUser } from '../auth/SessionContext';
import { DateTime } from '../format/DateTime';
import { SimpleTable } from '../intelligence/common/SimpleTable';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Loading } from '../ui/Loading';
import { PageHeader } from '../ui/PageHeader';
import { ClockBadge, ExerciseBadge, exerciseTime } from './common';
import { useExercises, useIsStaff } from './hooks';
import { NewExerciseDialog } from './NewExerciseDialog';

/** /drills: the exercises the user runs, evaluates or plays in. */
export function ExercisesPage() {
  const { t } = useTranslation();
  const list = useExercises();
  const staff = useIsStaff();
  const user = useUser();
  const player = !staff || user.memberships.some((m) => m.role === 'player');
  const [creating, create] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title={t('drills.list.title')}
        subtitle={t('drills.list.subtitle')}
        crumbs={[{ label: t('nav.drills') }]}
        actions={
          staff && (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="exercise-create">
              {t('drills.list.create')}
            </Button>
          )
        }
      />
      {list.error && <ErrorAlert error={list.error} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <SimpleTable<Exercise>
          rows={list.data?.items ?? []}
          rowKey={(e) => e.id}
          empty={t('drills.list.none')}
          testId="exercise-table"
          columns={[
            {
              header: t('drills.list.name'),
              render: (e) => (
                <Group gap={6} wrap="nowrap">
                  <ExerciseBadge size="xs" />
                  {staff ? (
                    <Anchor component={Link} to={`/drills/${e.id}`} fz="sm" fw={500} data-testid="exercise-link">
                      {e.name}
                    </Anchor>
                  ) : (
                    <Text fz="sm" fw={500}>
                      {e.name}
                    </Text>
                  )}
                </Group>
              ),
            },
            { header: t('drills.list.state'), width: 120, render: (e) => <ClockBadge status={e.status} /> },
            {
              header: t('drills.list.scenario'),
              render: (e) => (
                <Text fz="sm" c={e.scenarioName ? undefined : 'dimmed'}>
                  {e.scenarioName ?? t('drills.list.noScenario')}
                </Text>
              ),
            },
            {
              header: t('drills.list.start'),
              width: 200,
              render: (e) => <DateTime value={e.startedAt ?? e.plannedStartAt} />,
            },
            {
              header: t('drills.list.clock'),
              width: 110,
              render: (e) => (
                <Text fz="sm" ff="monospace">
                  {e.status === 'scheduled' ? '–' : exerciseTime(e.exerciseMs)}
                </Text>
              ),
            },
            { header: t('drills.list.speed'), width: 80, render: (e) => `×${e.speed}` },
            {
              header: '',
              width: 120,
              render: (e) =>
                player && (
                  <Button
                    component={Link}
                    to={`/drills/${e.id}/play`}
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconPlayerPlay size={14} />}
                    data-testid="exercise-play"
                  >
                    {t('drills.list.play')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <NewExerciseDialog opened={creating} onClose={create.close} />
    </>
  );
}
