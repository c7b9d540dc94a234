import { Badge, Group, Stack, Text, Textarea } from '@mantine/core';
import type { PatternErrorDetail, PatternObservable } from '@kizuna/stix-pattern';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PatternCheck } from './usePatternCheck';

interface Props {
  value: string;
  onChange(value: string): void;
  check: PatternCheck;
  /** A message from submitting (required, or the server's answer), shown when the parser has none. */
  error?: string;
}

/**
 * The pattern box, checked as the analyst types: the parser's first error with its line and column
 * and a caret under the offending character, or the observables the pattern will be correlated on.
 */
export function PatternField({ value, onChange, check, error }: Props) {
  const { t } = useTranslation();
  const parsed = check.state === 'checked' ? check.result : null;
  const problem = parsed && !parsed.ok ? <PatternError source={value} error={parsed.error} /> : error;
  return (
    <Stack gap={4}>
      <Textarea
        label={t('intel.indicator.pattern')}
        description={t('intel.indicator.patternHint')}
        placeholder="[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'vpn-update.example']"
        required
        autosize
        minRows={3}
        maxRows={10}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={problem}
        data-testid="indicator-pattern"
      />
      {parsed?.ok && <Observables observables={parsed.observables} />}
      {(check.state === 'loading' || check.state === 'unavailable') && (
        <Text fz="xs" c="dimmed">
          {t(check.state === 'loading' ? 'intel.indicator.parserLoading' : 'intel.indicator.parserUnavailable')}
        </Text>
      )}
    </Stack>
  );
}

function PatternError({ source, error }: { source: string; error: PatternErrorDetail }) {
  const { t } = useTranslation();
  const line = source.split('\n')[error.line - 1] ?? '';
  // Long lines are cut around the error so the caret stays on screen.
  const start = Math.max(0, error.column - 60);
  const shown = (start > 0 ? '…' : '') + line.slice(start, start + 120);
  const caret = ' '.repeat(error.column - start + (start > 0 ? 1 : 0));
  return (
    <span data-testid="pattern-error" data-offset={error.offset}>
      {t('intel.indicator.patternError', { line: error.line, column: error.column + 1 })}: {error.message}
      <Text component="pre" fz={12} ff="monospace" m={0} mt={4} c="red.8" style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
        {`${shown}\n${caret}^`}
      </Text>
    </span>
  );
}

function Observables({ observables }: { observables: PatternObservable[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} data-testid="pattern-ok">
      <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" />
      <Text fz="xs" c="teal.8">
        {observables.length ? t('intel.indicator.patternValidWith') : t('intel.indicator.patternValid')}
      </Text>
      {observables.map((o) => (
        <Badge
          key={`${o.kind}:${o.objectPath}:${o.value}`}
          variant="light"
          color="teal"
          radius="sm"
          tt="none"
          fw={500}
          title={o.objectPath}
        >
          {t(`intel.observableKinds.${o.kind}`)}: {o.value}
        </Badge>
      ))}
    </Group>
  );
}
