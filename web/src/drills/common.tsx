import { Badge, Group, Text } from '@mantine/core';
import { IconPointFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellStatus, ClockStatus, DeliveryState, InjectState } from '../api/drills';
import { ExerciseBadge, ExerciseBanner } from '../intelligence/common/ExerciseBadge';
import type { StreamState } from './hooks';

/** T+hh:mm:ss of exercise time: how controllers and the MSEL speak of time in a drill. */
export function exerciseTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `T+${two(h)}:${two(m)}:${two(s)}`;
}

/** A duration in a reader's words, for response times and deadlines ("4 min 12 s"). */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

const statusColor: Record<ClockStatus, string> = {
  scheduled: 'gray',
  running: 'teal',
  paused: 'yellow',
  finished: 'blue',
  cancelled: 'red',
};

export function ClockBadge({ status }: { status: ClockStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" radius="sm" tt="none" data-testid="clock-status" data-status={status}>
      {t(`drills.clock.status.${status}`)}
    </Badge>
  );
}

export const cellColor: Record<CellStatus, string> = {
  scheduled: 'gray',
  pending: 'yellow',
  met: 'teal',
  late: 'orange',
  missed: 'red',
};

export function CellBadge({ status, size = 'sm' }: { status: CellStatus; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge color={cellColor[status]} variant={status === 'scheduled' ? 'outline' : 'light'} radius="sm" tt="none" size={size}>
      {t(`drills.cell.${status}`)}
    </Badge>
  );
}

const injectColor: Record<InjectState, string> = { pending: 'gray', fired: 'teal', skipped: 'dark', condition_unmet: 'grape' };

export function InjectStateBadge({ state }: { state: InjectState }) {
  const { t } = useTranslation();
  return (
    <Badge color={injectColor[state]} variant="light" radius="sm" tt="none" data-testid="inject-state" data-state={state}>
      {t(`drills.injectState.${state}`)}
    </Badge>
  );
}

const deliveryColor: Record<DeliveryState, string> = { pending: 'gray', sending: 'blue', delivered: 'teal', failed: 'red' };

export function DeliveryBadge({ state }: { state: DeliveryState }) {
  const { t } = useTranslation();
  return (
    <Badge color={deliveryColor[state]} variant="light" radius="sm" tt="none">
      {t(`drills.delivery.${state}`)}
    </Badge>
  );
}

/** Everything a player sees says EXERCISE (DESIGN.md): a banner no one mistakes for a real alert. */
export function DrillBanner({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ExerciseBanner title={t('drills.banner.title')} text={t('drills.banner.text')} testId="drill-banner">
      {children}
    </ExerciseBanner>
  );
}

export { ExerciseBadge };

export function LiveIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  const color = state === 'live' ? 'teal' : state === 'closed' ? 'red' : 'yellow';
  return (
    <Group gap={2} wrap="nowrap" data-testid="stream-state" data-state={state}>
      <IconPointFilled size={16} color={`var(--mantine-color-${color}-6)`} />
      <Text fz="xs" c="dimmed">
        {t(`drills.stream.${state}`)}
      </Text>
    </Group>
  );
}
