import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** The API's sort field; without it the column is not sortable. */
  field?: string;
  sort: string;
  onSort(sort: string): void;
  width?: number | string;
}

/** A header cell that asks the server for `sort=field`, then `-field`, on repeated clicks. */
export function SortableTh({ children, field, sort, onSort, width }: Props) {
  if (!field) return <Table.Th style={{ width, whiteSpace: 'nowrap' }}>{children}</Table.Th>;
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const Icon = !active ? IconArrowsSort : descending ? IconSortDescending : IconSortAscending;
  return (
    <Table.Th style={{ width, whiteSpace: 'nowrap' }} aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        onClick={() => onSort(active && !descending ? `-${field}` : field)}
        data-testid={`sort-${field}`}
        fz="inherit"
        fw="inherit"
      >
        <Group gap={4} wrap="nowrap">
          {children}
          <Icon size={14} stroke={1.6} opacity={active ? 1 : 0.35} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
