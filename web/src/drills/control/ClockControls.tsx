import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconRefresh, IconRocket, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClockCommand, drillsApi, type Exercise, MAX_SPEED, MIN_SPEED } from '../../api/drills';
import { DateTime } from '../../format/DateTime';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ClockBadge, exerciseTime } from '../common';
import { useInvalidateExercise } from '../hooks';

/** The exercise clock between two fetches: it runs at `speed` from the server's reading. */
function useTicking(ex: Exercise, fetchedAt: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (ex.status !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [ex.status]);
  return ex.status === 'running' ? ex.exerciseMs + Math.max(0, now - fetchedAt) * ex.speed : ex.exerciseMs;
}

/** Start, pause, resume, speed, finish, cancel, reset: what the state allows, nothing else. */
export function ClockControls({ exercise, fetchedAt }: { exercise: Exercise; fetchedAt: number }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateExercise(exercise.id);
  const [busy, setBusy] = useState<ClockCommand | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [speed, setSpeed] = useState<number | string>(exercise.speed);
  const clock = useTicking(exercise, fetchedAt);
  const s = exercise.status;

  useEffect(() => setSpeed(exercise.speed), [exercise.speed]);

  const run = async (command: ClockCommand) => {
    setBusy(command);
    setError(null);
    try {
      const next = await drillsApi.clock(exercise.id, command, command === 'speed' ? Number(speed) : undefined);
      notifications.show({ color: 'teal', message: t(`drills.clock.done.${command}`, { speed: next.speed }) });
      await invalidate();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const speedValid = typeof speed === 'number' && speed >= MIN_SPEED && speed <= MAX_SPEED;
  const active = s === 'running' || s === 'paused';

  return (
    <Paper withBorder radius="sm" p="md" mb="md" data-testid="clock-panel">
      <Stack gap="sm">
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <Group gap="lg" align="flex-end">
            <Stack gap={2}>
              <Text fz="xs" c="dimmed">
                {t('drills.clock.title')}
              </Text>
              <Group gap="xs">
                <Text fz={26} fw={600} ff="monospace" lh={1} data-testid="exercise-clock">
                  {exerciseTime(clock)}
                </Text>
                <ClockBadge status={s} />
              </Group>
            </Stack>
            <Stack gap={2}>
              <Text fz="xs" c="dimmed">
                {t('drills.clock.startedAt')}
              </Text>
              <Text fz="sm">
                <DateTime value={exercise.startedAt ?? exercise.plannedStartAt} />
              </Text>
            </Stack>
            {exercise.endedAt && (
              <Stack gap={2}>
                <Text fz="xs" c="dimmed">
                  {t('drills.clock.endedAt')}
                </Text>
                <Text fz="sm">
                  <DateTime value={exercise.endedAt} />
                </Text>
              </Stack>
            )}
          </Group>
          <Group gap="xs" align="flex-end">
            <NumberInput
              label={t('drills.clock.speed')}
              size="xs"
              w={110}
              min={MIN_SPEED}
              max={MAX_SPEED}
              decimalScale={2}
              prefix="×"
              value={speed}
              onChange={setSpeed}
              disabled={!(s === 'scheduled' || active)}
              error={speedValid ? undefined : t('drills.clock.speedRange', { min: MIN_SPEED, max: MAX_SPEED })}
              data-testid="clock-speed-input"
            />
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRocket size={14} />}
              disabled={!speedValid || speed === exercise.speed || !(s === 'scheduled' || active)}
              loading={busy === 'speed'}
              onClick={() => run('speed')}
              data-testid="clock-speed"
            >
              {t('drills.clock.setSpeed')}
            </Button>
            {s === 'scheduled' && (
              <Button
                size="xs"
                color="teal"
                leftSection={<IconPlayerPlay size={14} />}
                loading={busy === 'start'}
                onClick={() => run('start')}
                data-testid="clock-start"
              >
                {t('drills.clock.start')}
              </Button>
            )}
            {s === 'running' && (
              <Button
                size="xs"
                color="yellow"
                leftSection={<IconPlayerPause size={14} />}
                loading={busy === 'pause'}
                onClick={() => run('pause')}
                data-testid="clock-pause"
              >
                {t('drills.clock.pause')}
              </Button>
            )}
            {s === 'paused' && (
              <Button
                size="xs"
                color="teal"
                leftSection={<IconPlayerPlay size={14} />}
                loading={busy === 'resume'}
                onClick={() => run('resume')}
                data-testid="clock-resume"
              >
                {t('drills.clock.resume')}
              </Button>
            )}
            {active && (
              <ConfirmAction
                message={t('drills.clock.confirmFinish')}
                confirmLabel={t('drills.clock.finish')}
                onConfirm={() => run('finish')}
              >
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPlayerStop size={14} />}
                  loading={busy === 'finish'}
                  data-testid="clock-finish"
                >
                  {t('drills.clock.finish')}
                </Button>
              </ConfirmAction>
            )}
            {active && (
              <ConfirmAction
                message={t('drills.clock.confirmCancel')}
                confirmLabel={t('drills.clock.cancel')}
                onConfirm={() => run('cancel')}
              >
                <Button
                  size="xs"
                  variant="default"
                  color="red"
                  leftSection={<IconX size={14} />}
                  loading={busy === 'cancel'}
                  data-testid="clock-cancel"
                >
                  {t('drills.clock.cancel')}
                </Button>
              </ConfirmAction>
            )}
            {s !== 'scheduled' && (
              <ConfirmAction message={t('drills.clock.confirmReset')} confirmLabel={t('drills.clock.reset')} onConfirm={() => run('reset')}>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconRefresh size={14} />}
                  loading={busy === 'reset'}
                  data-testid="clock-reset"
                >
                  {t('drills.clock.reset')}
                </Button>
              </ConfirmAction>
            )}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
