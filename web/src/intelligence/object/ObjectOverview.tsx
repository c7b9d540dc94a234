import { Anchor, Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiRoot, ObjectDetail, StixObject } from '../../api/intel';
import { DateTime } from '../../format/DateTime';
import { type DetailItem, DetailList } from '../../ui/DetailList';
import { shortId, useIntelLabels } from '../common/labels';
import { objectLink } from '../common/links';

/** The properties shown on the page, in this order; everything else is in the STIX JSON. */
const shown = [
  'description',
  'pattern',
  'value',
  'valid_from',
  'valid_until',
  'indicator_types',
  'report_types',
  'published',
  'first_seen',
  'last_seen',
  'count',
  'sighting_of_ref',
  'relationship_type',
  'source_ref',
  'target_ref',
  'object_refs',
  'labels',
  'external_references',
] as const;
type Shown = (typeof shown)[number];

const MAX_REFS = 25;

/** What an analyst reads first about an object: owner, times, where it is, and its key properties. */
export function ObjectOverview({
  object,
  apiRoot,
  collectionTitle,
}: {
  object: ObjectDetail;
  apiRoot: ApiRoot;
  collectionTitle(id: string): string;
}) {
  const { t } = useTranslation();
  const { typeLabel } = useIntelLabels();
  const latest = object.versions[0]?.object ?? {};
  const ref = (id: string) => (
    <Anchor key={id} component={Link} to={objectLink(id, apiRoot)} fz="sm" ff="monospace">
      {shortId(id)}
    </Anchor>
  );
  const render = (key: Shown, v: unknown): ReactNode => {
    if (key.endsWith('_ref') && typeof v === 'string') return ref(v);
    if (key === 'object_refs' && Array.isArray(v)) {
      const more = v.length - MAX_REFS;
      return (
        <Group gap={8}>
          {v.slice(0, MAX_REFS).map((id) => ref(String(id)))}
          {more > 0 && <Text fz="sm">{t('intel.object.andMore', { count: more })}</Text>}
        </Group>
      );
    }
    if (key === 'external_references' && Array.isArray(v)) return <ExternalReferences refs={v as StixObject[]} />;
    if (['valid_from', 'valid_until', 'published', 'first_seen', 'last_seen'].includes(key)) return <DateTime value={String(v)} />;
    if (key === 'pattern') return <Code block>{String(v)}</Code>;
    if (key === 'description') return <Text style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</Text>;
    if (Array.isArray(v)) {
      // Open vocabularies: known terms in the reader's language, others as written.
      const vocabulary = key === 'indicator_types' ? 'indicatorTypes' : key === 'report_types' ? 'reportTypes' : null;
      return (
        <Group gap={4}>
          {v.map((x) => (
            <Badge key={String(x)} variant="light" color="gray" radius="sm" tt="none" fw={500} title={String(x)}>
              {vocabulary ? t(`intel.${vocabulary}.${String(x)}`, { defaultValue: String(x) }) : String(x)}
            </Badge>
          ))}
        </Group>
      );
    }
    return String(v);
  };

  const collections = [...new Set(object.versions.map((v) => v.collectionId))].map(collectionTitle).join(', ');
  const base: DetailItem[] = [
    { label: t('intel.object.type'), value: typeLabel(object.type) },
    {
      label: t('intel.object.owner'),
      value: object.ownerOrganisationId ? (
        <Anchor component={Link} to={`/directory/organisations/${object.ownerOrganisationId}`} fz="sm">
          {object.ownerOrganisationName ?? object.ownerOrganisationId}
        </Anchor>
      ) : null,
    },
    { label: t('intel.object.created'), value: typeof latest.created === 'string' ? <DateTime value={latest.created} /> : null },
    { label: t('intel.object.modified'), value: <DateTime value={object.versions[0]?.version} /> },
    { label: t('intel.object.collection'), value: collections },
    { label: t('intel.object.versions'), value: object.versions.length },
  ];
  const props = shown.filter((k) => latest[k] !== undefined && latest[k] !== null);
  return (
    <Stack gap="md">
      <DetailList items={base} />
      {props.length > 0 && (
        <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
          <Table verticalSpacing={8} fz="sm" data-testid="object-properties">
            <Table.Tbody>
              {props.map((k) => (
                <Table.Tr key={k}>
                  <Table.Th w={190} fz="xs" c="dimmed" tt="uppercase" fw={600} style={{ verticalAlign: 'top', letterSpacing: 0.3 }}>
                    {t(`intel.props.${k}`)}
                  </Table.Th>
                  <Table.Td data-testid={`prop-${k}`} style={{ overflowWrap: 'anywhere' }}>
                    {render(k, latest[k])}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

function ExternalReferences({ refs }: { refs: StixObject[] }) {
  return (
    <Stack gap={2}>
      {refs.map((r) => {
        const key = JSON.stringify(r);
        const label = [r.source_name, r.external_id].filter(Boolean).join(': ');
        const url = typeof r.url === 'string' && /^https?:\/\//.test(r.url) ? r.url : null;
        return url ? (
          <Anchor key={key} href={url} target="_blank" rel="noreferrer noopener" fz="sm">
            {label || url}
          </Anchor>
        ) : (
          <Text key={key} fz="sm">
            {label}
          </Text>
        );
      })}
    </Stack>
  );
}
