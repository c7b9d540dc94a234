import { Alert, Badge, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Drill data must never pass for real intelligence (DESIGN.md): a loud, striped badge that no one
 * mistakes for a tag, and a banner for whole pages of exercise data.
 */
export function ExerciseBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      radius="xs"
      fw={800}
      data-testid="exercise-badge"
      styles={{
        root: {
          color: '#fff',
          background: 'repeating-linear-gradient(-45deg, #c2255c, #c2255c 6px, #a61e4d 6px, #a61e4d 12px)',
          letterSpacing: 1,
          minWidth: 'max-content',
        },
      }}
    >
      {t('intel.exercise.badge')}
    </Badge>
  );
}

/** The banner over anything that belongs to a drill; texts default to the intelligence pages'. */
export function ExerciseBanner({
  title,
  text,
  testId = 'exercise-banner',
  children,
}: {
  title?: string;
  text?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="pink"
      variant="filled"
      icon={<IconAlertOctagon size={20} />}
      title={title ?? t('intel.exercise.bannerTitle')}
      mb="md"
      data-testid={testId}
    >
      <Text fz="sm">{text ?? t('intel.exercise.bannerText')}</Text>
      {children}
    </Alert>
  );
}
