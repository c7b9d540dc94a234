import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DetailItem {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Label above value, in columns: reads quickly and stays compact. */
export function DetailList({ items }: { items: DetailItem[] }) {
  return (
    <Paper withBorder p="md" radius="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
        {items.map((item) => (
          <Stack key={item.label} gap={2}>
            <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
              {item.label}
            </Text>
            <Text fz="sm" component="div" data-testid={item.testId} style={{ overflowWrap: 'anywhere' }}>
              {item.value === null || item.value === undefined || item.value === '' ? '–' : item.value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
