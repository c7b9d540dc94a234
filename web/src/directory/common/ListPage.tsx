import { Anchor, Button, Group, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeader } from '../../ui/PageHeader';
import { SearchInput } from '../../ui/SearchInput';
import { SortableTh } from '../../ui/SortableTh';
import type { ListParams } from './useListParams';

export interface Column<T> {
  key: string;
  header: string;
  /** The API's sort field for this column, if it can be sorted. */
  sort?: string;
  width?: number | string;
  render(row: T): ReactNode;
}

interface Props<T extends { id: string }> {
  title: string;
  create?: { to: string; label: string; testId: string };
  searchPlaceholder: string;
  filters?: ReactNode;
  columns: Column<T>[];
  result: UseQueryResult<Page<T>>;
  params: ListParams;
  testId: string;
}

/** The frame every directory list shares: header, search and filters, server-sorted table, pages. */
export function ListPage<T extends { id: string }>({
  title,
  create,
  searchPlaceholder,
  filters,
  columns,
  result,
  params,
  testId,
}: Props<T>) {
  const { t } = useTranslation();
  const page = result.data;
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ label: t('nav.directory') }, { label: title }]}
        actions={
          create && (
            <Button component={Link} to={create.to} size="sm" leftSection={<IconPlus size={16} />} data-testid={create.testId}>
              {create.label}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <SearchInput value={params.q} onChange={(q) => params.update({ q })} placeholder={searchPlaceholder} />
        {filters}
      </Group>
      {result.isError && <ErrorAlert error={result.error} />}
      <Paper withBorder radius="sm" style={{ overflow: 'hidden', opacity: result.isPlaceholderData ? 0.6 : 1 }}>
        <ScrollArea type="auto">
          <Table striped highlightOnHover verticalSpacing={6} horizontalSpacing="sm" fz="sm" data-testid={testId} miw={720}>
            <Table.Thead bg="gray.0">
              <Table.Tr>
                {columns.map((c) => (
                  <SortableTh key={c.key} field={c.sort} sort={params.sort} onSort={(sort) => params.update({ sort })} width={c.width}>
                    {c.header}
                  </SortableTh>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page?.items.map((row) => (
                <Table.Tr key={row.id}>
                  {columns.map((c) => (
                    <Table.Td key={c.key}>{c.render(row)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
              {page && page.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={columns.length}>
                    <Text c="dimmed" fz="sm" ta="center" py="lg">
                      {params.q ? t('list.noMatches', { q: params.q }) : t('list.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {!page && result.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={columns.length}>
                    <Text c="dimmed" fz="sm" ta="center" py="lg">
                      {t('common.loading')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      {page && (
        <ListFooter
          total={page.total}
          page={params.page}
          size={params.size}
          onPage={(p) => params.update({ page: p })}
          onSize={(size) => params.update({ size })}
        />
      )}
    </>
  );
}

/**
 * A link to a record's page. `maw` keeps long names (ministries, national CERTs) on one line with
 * the full name on hover, so rows stay one line high.
 */
export function RowLink({ to, children, maw, secondary }: { to: string; children: string; maw?: number; secondary?: boolean }) {
  return (
    <Anchor
      component={Link}
      to={to}
      fz="sm"
      fw={secondary ? 400 : 500}
      maw={maw}
      truncate={maw ? 'end' : undefined}
      display={maw ? 'block' : undefined}
      title={maw ? children : undefined}
    >
      {children}
    </Anchor>
  );
}
