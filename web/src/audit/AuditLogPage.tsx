import { Button, Code, Group, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditPage } from '../api/types';
import { canReadAudit } from '../auth/permissions';
import { useUser } from '../auth/SessionContext';
import { DateTime } from '../format/DateTime';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageHeader } from '../ui/PageHeader';
import { AuditTarget } from './AuditTarget';

const PAGE = 50;

/** The hash-chained audit log, newest first; older entries load on demand with `before`. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = canReadAudit(user);
  const query = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => api.get<AuditPage>('/audit', { limit: PAGE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: allowed,
  });

  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('nav.audit')} subtitle={t('audit.subtitle')} />
      {!allowed && <ErrorAlert error={new Error(t('audit.notAllowed'))} title={t('errors.forbidden')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {allowed && (
        <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
          <ScrollArea type="auto">
            <Table striped verticalSpacing={6} fz="sm" miw={900} data-testid="audit-table">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th w={70}>{t('audit.seq')}</Table.Th>
                  <Table.Th w={200}>{t('audit.at')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.target')}</Table.Th>
                  <Table.Th>{t('audit.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td c="dimmed">{e.seq}</Table.Td>
                    <Table.Td>
                      <DateTime value={e.at} />
                    </Table.Td>
                    <Table.Td>{e.actor}</Table.Td>
                    <Table.Td>
                      <Text fz="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {e.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <AuditTarget type={e.targetType} id={e.targetId} />
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Code fz={11} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {summarise(e.summary)}
                      </Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {query.isSuccess && entries.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" fz="sm" ta="center" py="lg">
                        {t('list.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      {allowed && (
        <Group justify="space-between" mt="sm">
          <Text fz="sm" c="dimmed">
            {t('audit.shown', { count: entries.length })}
          </Text>
          {query.hasNextPage && (
            <Button
              variant="default"
              size="sm"
              loading={query.isFetchingNextPage}
              onClick={() => query.fetchNextPage()}
              data-testid="audit-more"
            >
              {t('audit.loadMore')}
            </Button>
          )}
        </Group>
      )}
    </>
  );
}

/** One line of key=value pairs: easier to scan in a table than indented JSON. */
function summarise(summary: Record<string, unknown>): string {
  const parts = Object.entries(summary).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.join('  ') || '–';
}
