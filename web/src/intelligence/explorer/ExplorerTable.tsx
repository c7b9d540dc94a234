import { Group, Paper, ScrollArea, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ObjectSummary } from '../../api/intel';
import type { Page } from '../../api/types';
import { RowLink } from '../../directory/common/ListPage';
import { DateTime } from '../../format/DateTime';
import { SortableTh } from '../../ui/SortableTh';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { fallbackName, useIntelLabels } from '../common/labels';
import { objectLink } from '../common/links';
import { TlpBadge } from '../tlp/TlpBadge';
import type { ExplorerParams } from './useExplorerParams';

/** One row per object (its latest version the reader may see), sorted by the server. */
export function ExplorerTable({ result, params }: { result: UseQueryResult<Page<ObjectSummary>>; params: ExplorerParams }) {
  const { t } = useTranslation();
  const { typeLabel } = useIntelLabels();
  const page = result.data;
  const th = (label: string, field?: string, width?: number) => (
    <SortableTh field={field} sort={params.sort} onSort={(sort) => params.update({ sort })} width={width}>
      {label}
    </SortableTh>
  );
  const message = (text: string) => (
    <Table.Tr>
      <Table.Td colSpan={5}>
        <Text c="dimmed" fz="sm" ta="center" py="lg">
          {text}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'hidden', opacity: result.isPlaceholderData ? 0.6 : 1 }}>
      <ScrollArea type="auto">
        <Table striped highlightOnHover verticalSpacing={6} horizontalSpacing="sm" fz="sm" miw={760} data-testid="intel-table">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              {th(t('intel.object.name'), 'name')}
              {th(t('intel.object.type'), 'type', 150)}
              {th(t('intel.tlp.label'), undefined, 140)}
              {th(t('intel.object.owner'))}
              {th(t('intel.object.modified'), 'modified', 190)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.items.map((o) => (
              <Table.Tr key={o.id} data-testid="intel-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {o.exercise && <ExerciseBadge size="xs" />}
                    <RowLink to={objectLink(o.id, o.exercise ? 'exercise' : 'real')} maw={420}>
                      {o.name ?? fallbackName(undefined, o.id)}
                    </RowLink>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" title={o.type}>
                    {typeLabel(o.type)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TlpBadge tlp={o.tlp} size="xs" />
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" maw={240} truncate title={o.ownerOrganisationName ?? undefined}>
                    {o.ownerOrganisationName ?? '–'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DateTime value={o.modified} />
                </Table.Td>
              </Table.Tr>
            ))}
            {page && page.items.length === 0 && message(params.q ? t('list.noMatches', { q: params.q }) : t('intel.explorer.empty'))}
            {!page && result.isPending && message(t('common.loading'))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
