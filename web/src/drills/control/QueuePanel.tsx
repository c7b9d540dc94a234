import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drillsApi, type QueueItem } from '../../api/drills';
import { DateTime } from '../../format/DateTime';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { duration, exerciseTime } from '../common';
import { exerciseKey, useInvalidateExercise } from '../hooks';

/** Manual answers waiting for an evaluator: read the answer, judge met or missed, with a note. */
export function QueuePanel({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const queue = useQuery({ queryKey: [...exerciseKey(exerciseId), 'queue'], queryFn: () => drillsApi.queue(exerciseId) });
  if (queue.isPending) return <Loading />;
  if (queue.error) return <ErrorAlert error={queue.error} />;
  const items = queue.data.items;
  if (!items.length)
    return (
      <Text c="dimmed" fz="sm" ta="center" py="lg" data-testid="queue-empty">
        {t('drills.queue.none')}
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="queue">
      {items.map((item) => (
        <QueueCard key={item.id} exerciseId={exerciseId} item={item} />
      ))}
    </Stack>
  );
}

function QueueCard({ exerciseId, item }: { exerciseId: string; item: QueueItem }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateExercise(exerciseId);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'met' | 'missed' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const judge = async (verdict: 'met' | 'missed') => {
    if (!item.expectationId) return;
    setBusy(verdict);
    setError(null);
    try {
      await drillsApi.judge(exerciseId, { teamId: item.teamId, expectationId: item.expectationId, verdict, note: note.trim() });
      notifications.show({ color: 'teal', message: t('drills.queue.judged', { team: item.teamName }) });
      await invalidate();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder radius="sm" p="sm" data-testid="queue-item">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6}>
            <Text fw={600} fz="sm">
              {item.teamName}
            </Text>
            <Badge variant="outline" color="gray" radius="sm" tt="none" size="sm">
              {item.injectRef} · {item.expectationRef}
            </Badge>
            {item.late && (
              <Badge color="orange" variant="light" radius="sm" tt="none" size="sm">
                {t('drills.cell.late')}
              </Badge>
            )}
          </Group>
          <Text fz="xs" c="dimmed">
            {exerciseTime(item.exerciseMs)} · <DateTime value={item.createdAt} /> ·{' '}
            {t('drills.queue.deadline', { d: duration(item.deadlineMs) })}
          </Text>
        </Group>
        {item.description && (
          <Text fz="xs" c="dimmed">
            {item.description}
          </Text>
        )}
        <Paper bg="gray.0" p="xs" radius="sm">
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {item.text || t('drills.queue.noText')}
          </Text>
          {item.files.map((f) => (
            <Anchor key={f.id} href={`/api/v1/exercises/${exerciseId}/responses/${item.id}/files/${f.id}`} fz="xs" display="block">
              {f.name} ({Math.ceil(f.size / 1024)} KB)
            </Anchor>
          ))}
          <Text fz="xs" c="dimmed" mt={4}>
            {t('drills.queue.recordedBy', { who: item.recordedBy })}
          </Text>
        </Paper>
        {error ? <ErrorAlert error={error} /> : null}
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            label={t('drills.queue.note')}
            autosize
            minRows={1}
            maxRows={4}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={4000}
            style={{ flex: 1 }}
            data-testid="queue-note"
          />
          <Button
            size="xs"
            color="teal"
            leftSection={<IconCheck size={14} />}
            loading={busy === 'met'}
            onClick={() => judge('met')}
            data-testid="judge-met"
          >
            {t('drills.queue.met')}
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            leftSection={<IconX size={14} />}
            loading={busy === 'missed'}
            onClick={() => judge('missed')}
            data-testid="judge-missed"
          >
            {t('drills.queue.missed')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
