import { Anchor, Group, Paper, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type Resource, useResourceList } from './hooks';

export interface RelatedColumn<T> {
  header: string;
  render(row: T): ReactNode;
}

interface Props<T> {
  resource: Resource;
  query: Record<string, string>;
  columns: RelatedColumn<T>[];
  /** The full list, filtered the same way, for when there are more than fit here. */
  allLink: string;
  testId?: string;
}

const LIMIT = 20;

/** The first rows of a related list on a detail page, with a link to all of them. */
export function RelatedTable<T extends { id: string }>({ resource, query, columns, allLink, testId }: Props<T>) {
  const { t } = useTranslation();
  const result = useResourceList<T>(resource, { ...query, limit: LIMIT });
  if (result.isError) return <ErrorAlert error={result.error} />;
  if (!result.data) return <Loading />;
  const { items, total } = result.data;
  if (items.length === 0)
    return (
      <Text c="dimmed" fz="sm" py="sm">
        {t('list.empty')}
      </Text>
    );
  return (
    <>
      <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
        <Table striped verticalSpacing={6} fz="sm" data-testid={testId}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.header}>{c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={row.id}>
                {columns.map((c) => (
                  <Table.Td key={c.header}>{c.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {total > items.length && (
        <Group justify="flex-end" mt={6}>
          <Anchor component={Link} to={allLink} fz="sm">
            {t('list.showAll', { total })}
          </Anchor>
        </Group>
      )}
    </>
  );
}
