import { Group, Text } from '@mantine/core';

/**
 * Two linked rings (kizuna, 絆, "bond") on a navy seal, then the name. Drawn, not typed, so it looks
 * the same on machines without CJK fonts.
 */
export function Wordmark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const seal = size === 'lg' ? 34 : 26;
  return (
    <Group gap={8} wrap="nowrap" data-testid="wordmark">
      <svg width={seal} height={seal} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="var(--mantine-color-kizuna-9)" />
        <circle cx="12.5" cy="16" r="6.5" fill="none" stroke="#fff" strokeWidth="2.6" />
        <circle cx="19.5" cy="16" r="6.5" fill="none" stroke="#f2b84b" strokeWidth="2.6" />
      </svg>
      <Text fw={700} fz={size === 'lg' ? 24 : 18} c="kizuna.9" lts={0.5}>
        Kizuna
      </Text>
    </Group>
  );
}
