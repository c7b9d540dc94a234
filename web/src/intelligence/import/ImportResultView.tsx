import { Alert, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../api/intel';
import { SimpleTable } from '../common/SimpleTable';

/** Failures shown at once; a file with more is a file to fix at its source first. */
const SHOWN = 500;

/** What an import did: new objects, exact duplicates, and every object refused with its reason. */
export function ImportResultView({ result, fileName }: { result: ImportResult; fileName: string }) {
  const { t } = useTranslation();
  const failures = result.failures ?? [];
  const clean = failures.length === 0;
  return (
    <Stack gap="md" data-testid="import-result">
      <Alert
        color={clean ? 'teal' : 'orange'}
        variant="light"
        icon={clean ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={clean ? t('intel.import.succeeded', { file: fileName }) : t('intel.import.partly', { file: fileName })}
      >
        {result.kind && (
          <Text fz="sm">
            {t('intel.import.recognised', { kind: t(`intel.import.kinds.${result.kind}`, { defaultValue: result.kind }) })}
          </Text>
        )}
      </Alert>
      <Paper withBorder radius="sm" p="md">
        <Group gap="xl">
          <Figure label={t('intel.import.added')} value={result.added} testId="import-added" />
          <Figure label={t('intel.import.duplicates')} value={result.duplicates} testId="import-duplicates" />
          <Figure label={t('intel.import.failures')} value={failures.length} testId="import-failures" danger={!clean} />
          {result.total !== undefined && <Figure label={t('intel.import.total')} value={result.total} />}
        </Group>
      </Paper>
      {result.warnings && result.warnings.length > 0 && (
        <div>
          <Title order={4} fz="sm" fw={600} mb={6}>
            {t('intel.import.warnings')}
          </Title>
          <List size="sm">
            {result.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </div>
      )}
      {!clean && (
        <div>
          <Title order={4} fz="sm" fw={600} mb={6}>
            {t('intel.import.failureList')}
          </Title>
          <SimpleTable
            rows={failures.slice(0, SHOWN).map((f, i) => ({ ...f, n: i + 1 }))}
            rowKey={(f) => String(f.n)}
            empty=""
            testId="import-failure-table"
            columns={[
              { header: '#', width: 50, render: (f) => f.n },
              {
                header: t('intel.import.objectId'),
                width: 340,
                render: (f) => (
                  <Text fz="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {f.id ?? t('intel.import.noId')}
                  </Text>
                ),
              },
              { header: t('intel.import.reason'), render: (f) => <Text fz="sm">{f.message}</Text> },
            ]}
          />
          {failures.length > SHOWN && (
            <Text fz="sm" c="dimmed" mt={6}>
              {t('intel.import.moreFailures', { count: failures.length - SHOWN })}
            </Text>
          )}
        </div>
      )}
    </Stack>
  );
}

function Figure({ label, value, testId, danger }: { label: string; value: number; testId?: string; danger?: boolean }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text fz={22} fw={600} c={danger ? 'red.7' : undefined} data-testid={testId}>
        {value.toLocaleString()}
      </Text>
    </Stack>
  );
}
