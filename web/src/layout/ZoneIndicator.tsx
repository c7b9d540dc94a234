import { Group, Text, Tooltip } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { utcOffset } from '../format/timeZones';
import { useFormat } from '../format/useFormat';

/** Says which zone the console's times are in, since colleagues across the region read them. */
export function ZoneIndicator() {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Tooltip label={t('layout.timesShownIn', { zone: f.zoneName() })}>
      <Group gap={4} wrap="nowrap" visibleFrom="md" data-testid="zone-indicator">
        <IconClock size={15} stroke={1.6} color="var(--mantine-color-dimmed)" />
        <Text fz="xs" c="dimmed">
          {f.timeZone} ({utcOffset(f.timeZone)})
        </Text>
      </Group>
    </Tooltip>
  );
}
