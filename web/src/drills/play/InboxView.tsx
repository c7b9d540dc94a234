import { Anchor, Badge, Button, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconClock, IconDownload, IconMail, IconWebhook, IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drillsApi, type Inbox, type InboxItem, type PlayerExpectation } from '../../api/drills';
import { zoneDisplayName } from '../../format/datetime';
import { utcOffset } from '../../format/timeZones';
import { useFormat } from '../../format/useFormat';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { CellBadge, ClockBadge, DrillBanner, duration, ExerciseBadge, LiveIndicator } from '../common';
import { useInbox, useInvalidateExercise, usePlayerStream } from '../hooks';
import { AnswerForm } from './AnswerForm';

const channelIcon = { inbox: IconInbox, email: IconMail, webhook: IconWebhook } as const;

/**
 * A team's live inbox: what the player sees, and what a facilitator sees when recording a room's
 * answers (teamId given). Every time is in the team's site zone, with the zone named.
 */
export function InboxView({ exerciseId, teamId }: { exerciseId: string; teamId?: string }) {
  const { t } = useTranslation();
  const inbox = useInbox(exerciseId, teamId);
  const stream = usePlayerStream(exerciseId, teamId, inbox.data);

  if (inbox.isPending) return <Loading />;
  if (inbox.error) return <ErrorAlert error={inbox.error} />;
  const data = inbox.data;

  return (
    <Stack gap="md" data-testid="inbox">
      <InboxHeader inbox={data} stream={stream} />
      {data.items.length === 0 && (
        <Paper withBorder radius="sm" p="xl">
          <Text c="dimmed" ta="center" fz="sm" data-testid="inbox-empty">
            {data.exercise.status === 'scheduled' ? t('drills.inbox.notStarted') : t('drills.inbox.empty')}
          </Text>
        </Paper>
      )}
      {/* Newest first, like any inbox: the stream and a refetch may deliver them in either order. */}
      {[...data.items]
        .sort((a, b) => b.seq - a.seq)
        .map((item) => (
          <InjectCard key={item.deliveryId} exerciseId={exerciseId} item={item} teamId={teamId} timeZone={data.timeZone} />
        ))}
    </Stack>
  );
}

function InboxHeader({ inbox, stream }: { inbox: Inbox; stream: ReturnType<typeof usePlayerStream> }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const zone = inbox.timeZone;
  return (
    <>
      <DrillBanner />
      <Paper withBorder radius="sm" p="sm">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={2}>
            <Group gap="xs">
              <ExerciseBadge />
              <Title order={3} fz={18} data-testid="inbox-team">
                {inbox.team.name}
              </Title>
              <ClockBadge status={inbox.exercise.status} />
            </Group>
            <Text fz="sm" c="dimmed">
              {inbox.exercise.name}
              {inbox.team.siteName ? ` · ${inbox.team.siteName}` : ''}
            </Text>
          </Stack>
          <Stack gap={2} align="flex-end">
            <Group gap={6} data-testid="inbox-zone" data-zone={zone}>
              <IconClock size={14} />
              <Text fz="sm">{t('drills.inbox.timesIn', { zone: zoneDisplayName(zone, lang), id: zone, offset: utcOffset(zone) })}</Text>
            </Group>
            <LiveIndicator state={stream} />
          </Stack>
        </Group>
      </Paper>
    </>
  );
}

function InjectCard({ exerciseId, item, teamId, timeZone }: { exerciseId: string; item: InboxItem; teamId?: string; timeZone: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const invalidate = useInvalidateExercise(exerciseId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const Icon = channelIcon[item.channel];
  const at = (iso: string) => f.dateTimeIn(iso, timeZone);

  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      await drillsApi.ack(exerciseId, item.injectId, teamId);
      await invalidate();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper
      withBorder
      radius="sm"
      p="md"
      data-testid="inbox-item"
      data-inject={item.injectId}
      data-acknowledged={String(item.acknowledged)}
      style={{ borderLeft: '4px solid var(--mantine-color-pink-7)' }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <ExerciseBadge size="xs" />
              <Text fw={600} fz="md" data-testid="inbox-title">
                {item.title}
              </Text>
            </Group>
            <Group gap={6}>
              <Icon size={14} color="var(--mantine-color-dimmed)" />
              <Text fz="xs" c="dimmed" data-testid="inbox-time">
                {t('drills.inbox.received', { at: at(item.releasedAt) })}
              </Text>
              {item.tags.map((tag) => (
                <Badge key={tag} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          </Stack>
          {item.acknowledged ? (
            <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />} radius="sm" tt="none" data-testid="acknowledged">
              {t('drills.inbox.acknowledged')}
            </Badge>
          ) : (
            <Button size="xs" color="teal" loading={busy} onClick={acknowledge} data-testid="inbox-ack">
              {t('drills.inbox.acknowledge')}
            </Button>
          )}
        </Group>
        {error ? <ErrorAlert error={error} /> : null}
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="inbox-content">
          {item.content}
        </Text>
        {item.attachments.length > 0 && (
          <Group gap="xs">
            {item.attachments.map((a) => (
              <Anchor key={a.name} fz="xs" download={a.name} href={`data:${a.mediaType};charset=utf-8,${encodeURIComponent(a.content)}`}>
                <Group gap={4} wrap="nowrap">
                  <IconDownload size={12} />
                  {a.name}
                </Group>
              </Anchor>
            ))}
          </Group>
        )}
        {item.expectations.length > 0 && (
          <>
            <Divider label={t('drills.inbox.expected')} labelPosition="left" />
            <Stack gap="sm">
              {item.expectations.map((x) => (
                <Expectation key={x.id} exerciseId={exerciseId} x={x} teamId={teamId} at={at} onAnswered={() => void invalidate()} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Expectation({
  exerciseId,
  x,
  teamId,
  at,
  onAnswered,
}: {
  exerciseId: string;
  x: PlayerExpectation;
  teamId?: string;
  at(iso: string): string;
  onAnswered(): void;
}) {
  const { t } = useTranslation();
  // Met and late are settled; a missed one may still be answered, late.
  const open = x.kind !== 'acknowledge' && (x.status === 'pending' || x.status === 'missed');
  return (
    <Paper bg="gray.0" radius="sm" p="sm" data-testid="expectation" data-ref={x.ref} data-kind={x.kind} data-status={x.status}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb={open ? 6 : 0}>
        <Stack gap={0}>
          <Group gap={6}>
            <Text fz="sm" fw={500}>
              {t(`drills.kind.${x.kind}`)}
            </Text>
            <Text fz="xs" c="dimmed">
              {t('drills.inbox.points', { count: x.score })}
              {x.per === 'every' ? ` · ${t('drills.inbox.everyPlayer')}` : ''}
            </Text>
          </Group>
          {x.description && <Text fz="sm">{x.description}</Text>}
          {x.deadlineAt ? (
            <Text fz="xs" c="dimmed" data-testid="expectation-deadline">
              {t('drills.inbox.deadline', { at: at(x.deadlineAt) })}
            </Text>
          ) : (
            // A paused clock has no wall time for a deadline yet: it moves with the pause.
            x.status === 'pending' && (
              <Text fz="xs" c="dimmed">
                {t('drills.inbox.deadlinePaused', { d: duration(x.deadlineMs) })}
              </Text>
            )
          )}
        </Stack>
        <Group gap={6} wrap="nowrap" data-testid="expectation-status">
          {x.answered && x.status === 'pending' && (
            <Badge size="sm" variant="light" color="blue" radius="sm" tt="none" data-testid="expectation-answered">
              {t('drills.inbox.answered')}
            </Badge>
          )}
          <CellBadge status={x.status} />
        </Group>
      </Group>
      {open && <AnswerForm exerciseId={exerciseId} expectation={x} teamId={teamId} onAnswered={onAnswered} />}
    </Paper>
  );
}
