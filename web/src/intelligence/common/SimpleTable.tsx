import { Paper, ScrollArea, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SimpleColumn<T> {
  header: string;
  width?: number | string;
  render(row: T): ReactNode;
}

interface Props<T> {
  rows: T[];
  rowKey(row: T): string;
  columns: SimpleColumn<T>[];
  empty: string;
  testId?: string;
}

/** The plain tables of an object's page: few rows, no paging, an empty line that says so. */
export function SimpleTable<T>({ rows, rowKey, columns, empty, testId }: Props<T>) {
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
      <ScrollArea type="auto">
        <Table striped verticalSpacing={6} fz="sm" data-testid={testId}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.header} style={{ width: c.width, whiteSpace: 'nowrap' }}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((c) => (
                  <Table.Td key={c.header}>{c.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed" fz="sm" ta="center" py="md">
                    {empty}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
