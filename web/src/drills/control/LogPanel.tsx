import { Badge, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DrillEvent } from '../../api/drills';
import { DateTime } from '../../format/DateTime';
import { exerciseTime } from '../common';

const kindColor = (kind: string) =>
  kind.startsWith('clock.')
    ? 'blue'
    : kind.startsWith('inject.')
      ? 'teal'
      : kind.startsWith('response.')
        ? 'grape'
        : kind.startsWith('evaluation')
          ? 'orange'
          : kind.includes('fail')
            ? 'red'
            : 'gray';

/** A few words about an event's data, for the log line: the refs, the new status, the verdict. */
function describe(ev: DrillEvent, teams: Map<string, string>): string {
  const d = ev.data;
  const parts: string[] = [];
  if (ev.teamId) parts.push(teams.get(ev.teamId) ?? ev.teamId.slice(0, 8));
  for (const key of ['ref', 'expectation', 'status', 'verdict', 'name', 'error'] as const) {
    const v = d[key];
    if (typeof v === 'string' && v) parts.push(v);
  }
  if (typeof d.speed === 'number' && ev.kind.startsWith('clock.')) parts.push(`×${d.speed}`);
  if (typeof d.exerciseMs === 'number') parts.push(exerciseTime(d.exerciseMs));
  if (d.correct === true) parts.push('✓');
  if (d.correct === false) parts.push('✗');
  return parts.join(' · ');
}

/** The control stream, newest first: what happened, who did it, when. */
export function LogPanel({ events, teams }: { events: DrillEvent[]; teams: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="sm">
      <ScrollArea h={520} type="auto">
        <Stack gap={0} data-testid="live-log">
          {events.map((ev) => (
            <Group
              key={ev.seq}
              gap="sm"
              wrap="nowrap"
              px="sm"
              py={5}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="log-line"
              data-kind={ev.kind}
            >
              <Text fz="xs" c="dimmed" ff="monospace" w={48} ta="right">
                #{ev.seq}
              </Text>
              <Text fz="xs" w={170} style={{ flexShrink: 0 }}>
                <DateTime value={ev.at} />
              </Text>
              <Badge size="sm" radius="sm" tt="none" variant="light" color={kindColor(ev.kind)} style={{ flexShrink: 0 }}>
                {ev.kind}
              </Badge>
              <Text fz="sm" style={{ flex: 1 }} truncate>
                {describe(ev, teams)}
              </Text>
              <Text fz="xs" c="dimmed" truncate maw={200}>
                {ev.actor}
              </Text>
            </Group>
          ))}
          {events.length === 0 && (
            <Text c="dimmed" fz="sm" ta="center" py="lg">
              {t('drills.log.none')}
            </Text>
          )}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}
