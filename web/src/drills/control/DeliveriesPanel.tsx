import { Badge, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Delivery, type DeliveryState, drillsApi } from '../../api/drills';
import { DateTime } from '../../format/DateTime';
import { SimpleTable } from '../../intelligence/common/SimpleTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { DeliveryBadge } from '../common';
import { exerciseKey } from '../hooks';

/** Delivery state per inject and team: e-mail and webhook failures, with their last error, first. */
export function DeliveriesPanel({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<DeliveryState | 'all'>('all');
  const list = useQuery({
    queryKey: [...exerciseKey(exerciseId), 'deliveries', state],
    queryFn: () => drillsApi.deliveries(exerciseId, state === 'all' ? undefined : state),
    placeholderData: keepPreviousData,
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} />;
  // Failures first: they are what a controller has to act on.
  const rank = { failed: 0, sending: 1, pending: 2, delivered: 3 } as const;
  const rows = [...list.data.items].sort((a, b) => rank[a.state] - rank[b.state]);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={state}
          onChange={(v) => setState(v as DeliveryState | 'all')}
          data={[
            { value: 'all', label: t('drills.deliveries.all') },
            ...(['failed', 'pending', 'sending', 'delivered'] as const).map((s) => ({ value: s, label: t(`drills.delivery.${s}`) })),
          ]}
          data-testid="delivery-filter"
        />
        <Text fz="xs" c="dimmed">
          {t('drills.deliveries.total', { count: list.data.total })}
        </Text>
      </Group>
      <SimpleTable<Delivery>
        rows={rows}
        rowKey={(d) => d.id}
        empty={t('drills.deliveries.none')}
        testId="delivery-table"
        columns={[
          {
            header: t('drills.timeline.inject'),
            width: 110,
            render: (d) => (
              <Badge variant="outline" color="gray" radius="sm" tt="none" size="sm">
                {d.injectRef}
              </Badge>
            ),
          },
          { header: t('drills.board.team'), render: (d) => d.teamName },
          { header: t('drills.timeline.channel'), width: 90, render: (d) => t(`drills.channel.${d.channel}`) },
          {
            header: t('drills.deliveries.state'),
            width: 130,
            render: (d) => (
              <span data-testid="delivery-state" data-state={d.state}>
                <DeliveryBadge state={d.state} />
              </span>
            ),
          },
          { header: t('drills.deliveries.attempts'), width: 80, render: (d) => d.attempts },
          {
            header: t('drills.deliveries.when'),
            width: 190,
            render: (d) => <DateTime value={d.deliveredAt ?? d.nextAttemptAt ?? d.dueAt} />,
          },
          {
            header: t('drills.deliveries.error'),
            render: (d) =>
              d.lastError ? (
                <Tooltip label={d.lastError} multiline w={360} withinPortal>
                  <Text fz="xs" c="red" lineClamp={2}>
                    {d.lastError}
                  </Text>
                </Tooltip>
              ) : (
                <Text fz="xs" c="dimmed">
                  –
                </Text>
              ),
          },
        ]}
      />
    </Stack>
  );
}
