import { Badge, Button, Group, Tabs } from '@mantine/core';
import { IconDoorEnter, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { drillsApi } from '../../api/drills';
import { useUser } from '../../auth/SessionContext';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { DrillBanner, ExerciseBadge, LiveIndicator } from '../common';
import { exerciseKey, useControlStream, useTeams } from '../hooks';
import { BoardPanel } from './BoardPanel';
import { ChecksPanel } from './ChecksPanel';
import { ClockControls } from './ClockControls';
import { DeliveriesPanel } from './DeliveriesPanel';
import { LogPanel } from './LogPanel';
import { QueuePanel } from './QueuePanel';
import { TeamsPanel } from './TeamsPanel';
import { TimelinePanel } from './TimelinePanel';

const tabs = ['timeline', 'board', 'queue', 'log', 'deliveries', 'teams', 'checks'] as const;
type Tab = (typeof tabs)[number];

/** /drills/:id: the controller's exercise page, kept live by the control stream. */
export function ExercisePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'timeline';
  const exercise = useQuery({ queryKey: [...exerciseKey(id), 'detail'], queryFn: () => drillsApi.exercise(id) });
  const teams = useTeams(id);
  const { events, state } = useControlStream(id);

  if (exercise.isPending) return <Loading />;
  if (exercise.error) return <ErrorAlert error={exercise.error} />;
  const ex = exercise.data;
  const lead = user.nodeAdmin || user.memberships.some((m) => m.role === 'controller' && m.organisationId === ex.leadOrganisationId);
  const controller = lead || user.memberships.some((m) => m.role === 'controller');
  const teamNames = new Map((teams.data?.items ?? []).map((x) => [x.id, x.name]));
  const failed = events.filter((e) => e.kind.includes('failed')).length;

  return (
    <>
      <PageHeader
        title={ex.name}
        subtitle={[ex.scenarioName, ex.leadOrganisationName].filter(Boolean).join(' · ')}
        crumbs={[{ label: t('nav.drills'), to: '/drills' }, { label: ex.name }]}
        badges={
          <>
            <ExerciseBadge />
            <LiveIndicator state={state} />
          </>
        }
        actions={
          <>
            {controller && (
              <Button
                component={Link}
                to={`/drills/${id}/facilitate`}
                variant="default"
                size="xs"
                leftSection={<IconDoorEnter size={14} />}
                data-testid="open-facilitator"
              >
                {t('drills.facilitate.title')}
              </Button>
            )}
            <Button component={Link} to={`/drills/${id}/play`} variant="subtle" size="xs" leftSection={<IconPlayerPlay size={14} />}>
              {t('drills.list.play')}
            </Button>
          </>
        }
      />
      <DrillBanner />
      <ClockControls exercise={ex} fetchedAt={exercise.dataUpdatedAt} />
      {!lead && (
        <Badge variant="light" color="gray" mb="sm" radius="sm" tt="none">
          {t('drills.control.notLead')}
        </Badge>
      )}
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'timeline' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              <Group gap={6} wrap="nowrap">
                {t(`drills.tabs.${k}`)}
                {k === 'log' && failed > 0 && (
                  <Badge size="xs" color="red" variant="filled">
                    {failed}
                  </Badge>
                )}
              </Group>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="timeline">
          <TimelinePanel exerciseId={id} canRun={lead} />
        </Tabs.Panel>
        <Tabs.Panel value="board">
          <BoardPanel exerciseId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="queue">
          <QueuePanel exerciseId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="log">
          <LogPanel events={events} teams={teamNames} />
        </Tabs.Panel>
        <Tabs.Panel value="deliveries">
          <DeliveriesPanel exerciseId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="teams">
          <TeamsPanel exerciseId={id} canEdit={controller} />
        </Tabs.Panel>
        <Tabs.Panel value="checks">
          <ChecksPanel exerciseId={id} canRun={lead} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
