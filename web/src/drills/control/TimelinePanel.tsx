import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconPlayerSkipForward } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drillsApi, type TimelineItem } from '../../api/drills';
import { DateTime } from '../../format/DateTime';
import { SimpleTable } from '../../intelligence/common/SimpleTable';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { exerciseTime, InjectStateBadge } from '../common';
import { exerciseKey, useInvalidateExercise } from '../hooks';

/** The MSEL in time order with each inject's state and deliveries; fire now or skip what has not fired. */
export function TimelinePanel({ exerciseId, canRun }: { exerciseId: string; canRun: boolean }) {
  const { t } = useTranslation();
  const timeline = useQuery({ queryKey: [...exerciseKey(exerciseId), 'timeline'], queryFn: () => drillsApi.timeline(exerciseId) });
  const invalidate = useInvalidateExercise(exerciseId);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (item: TimelineItem, what: 'fire' | 'skip') => {
    setBusy(`${what}:${item.id}`);
    setError(null);
    try {
      await (what === 'fire' ? drillsApi.fire(exerciseId, item.id) : drillsApi.skip(exerciseId, item.id));
      notifications.show({ color: 'teal', message: t(`drills.timeline.${what}Done`, { ref: item.ref }) });
      await invalidate();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  if (timeline.isPending) return <Loading />;
  if (timeline.error) return <ErrorAlert error={timeline.error} />;
  const items = timeline.data.items;
  const fired = items.filter((i) => i.state === 'fired').length;

  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
      <Text fz="sm" c="dimmed" mb="xs" data-testid="timeline-summary">
        {t('drills.timeline.summary', { fired, total: items.length })}
      </Text>
      <SimpleTable<TimelineItem>
        rows={items}
        rowKey={(i) => i.id}
        empty={t('drills.timeline.none')}
        testId="timeline-table"
        columns={[
          {
            header: t('drills.timeline.at'),
            width: 100,
            render: (i) => (
              <Text fz="sm" ff="monospace">
                {exerciseTime(i.offsetMs)}
              </Text>
            ),
          },
          {
            header: t('drills.timeline.inject'),
            render: (i) => (
              <div data-testid="timeline-row" data-ref={i.ref} data-state={i.state} style={{ minWidth: 300 }}>
                <Group gap={6} wrap="nowrap">
                  <Badge
                    variant="outline"
                    color="gray"
                    radius="sm"
                    tt="none"
                    size="sm"
                    styles={{ root: { flexShrink: 0, minWidth: 'max-content' } }}
                  >
                    {i.ref}
                  </Badge>
                  <Text fz="sm" fw={500} lineClamp={2} title={i.title}>
                    {i.title}
                  </Text>
                </Group>
                {i.condition && (
                  <Text fz="xs" c="dimmed">
                    {t('drills.timeline.condition', {
                      inject: i.condition.inject,
                      on: t(`drills.conditionOn.${i.condition.on as 'fired' | 'met' | 'missed'}`),
                    })}
                  </Text>
                )}
              </div>
            ),
          },
          { header: t('drills.timeline.channel'), width: 90, render: (i) => t(`drills.channel.${i.channel}`) },
          { header: t('drills.timeline.state'), width: 130, render: (i) => <InjectStateBadge state={i.state} /> },
          {
            header: t('drills.timeline.due'),
            width: 190,
            render: (i) => <DateTime value={i.firedAt ?? i.dueAt} />,
          },
          {
            header: t('drills.timeline.deliveries'),
            width: 170,
            render: (i) => {
              const d = i.deliveries;
              const total = d.pending + d.sending + d.delivered + d.failed;
              if (!total)
                return (
                  <Text fz="xs" c="dimmed">
                    –
                  </Text>
                );
              return (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={t('drills.delivery.delivered')}>
                    <Badge color="teal" variant="light" size="sm" radius="sm">
                      {d.delivered}/{total}
                    </Badge>
                  </Tooltip>
                  {d.failed > 0 && (
                    <Badge color="red" variant="filled" size="sm" radius="sm" data-testid="timeline-failed">
                      {t('drills.timeline.failed', { count: d.failed })}
                    </Badge>
                  )}
                </Group>
              );
            },
          },
          {
            header: '',
            width: 190,
            render: (i) =>
              canRun &&
              i.state === 'pending' && (
                <Group gap={4} wrap="nowrap">
                  <ConfirmAction
                    message={t('drills.timeline.confirmFire', { ref: i.ref })}
                    confirmLabel={t('drills.timeline.fire')}
                    onConfirm={() => act(i, 'fire')}
                  >
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconBolt size={12} />}
                      loading={busy === `fire:${i.id}`}
                      data-testid="inject-fire"
                    >
                      {t('drills.timeline.fire')}
                    </Button>
                  </ConfirmAction>
                  <ConfirmAction
                    message={t('drills.timeline.confirmSkip', { ref: i.ref })}
                    confirmLabel={t('drills.timeline.skip')}
                    onConfirm={() => act(i, 'skip')}
                  >
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      leftSection={<IconPlayerSkipForward size={12} />}
                      loading={busy === `skip:${i.id}`}
                      data-testid="inject-skip"
                    >
                      {t('drills.timeline.skip')}
                    </Button>
                  </ConfirmAction>
                </Group>
              ),
          },
        ]}
      />
    </>
  );
}
