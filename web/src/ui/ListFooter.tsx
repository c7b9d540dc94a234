import { Group, Pagination, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const pageSizes = [25, 50, 100] as const;

interface Props {
  total: number;
  page: number;
  size: number;
  onPage(page: number): void;
  onSize(size: number): void;
}

export function ListFooter({ total, page, size, onPage, onSize }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <Group justify="space-between" mt="sm" gap="sm">
      <Text fz="sm" c="dimmed" data-testid="list-range">
        {t('list.range', { from, to, total })}
      </Text>
      <Group gap="sm">
        <Select
          size="xs"
          w={110}
          aria-label={t('list.pageSize')}
          data={pageSizes.map((n) => ({ value: String(n), label: t('list.perPage', { count: n }) }))}
          value={String(size)}
          onChange={(v) => v && onSize(Number(v))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Pagination size="sm" total={pages} value={Math.min(page, pages)} onChange={onPage} withEdges={pages > 5} />
      </Group>
    </Group>
  );
}
