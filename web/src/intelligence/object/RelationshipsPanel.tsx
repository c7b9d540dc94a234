import { Code, Group, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiRoot, Relationship } from '../../api/intel';
import { RowLink } from '../../directory/common/ListPage';
import { shortId, useIntelLabels } from '../common/labels';
import { objectLink } from '../common/links';
import { SimpleTable } from '../common/SimpleTable';
import { TlpBadge } from '../tlp/TlpBadge';

/** Relationships from and to the object, each pointing at the object on its other end. */
export function RelationshipsPanel({
  objectId,
  relationships,
  apiRoot,
}: {
  objectId: string;
  relationships: Relationship[];
  apiRoot: ApiRoot;
}) {
  const { t } = useTranslation();
  const { typeLabel } = useIntelLabels();
  return (
    <SimpleTable
      rows={relationships}
      rowKey={(r) => r.id}
      empty={t('intel.relationships.none')}
      testId="relationship-table"
      columns={[
        {
          header: t('intel.relationships.type'),
          render: (r) => (
            <Group gap={6} wrap="nowrap">
              {r.sourceRef === objectId ? <IconArrowRight size={14} /> : <IconArrowLeft size={14} />}
              <Code>{r.relationshipType ?? '–'}</Code>
              <Text fz="xs" c="dimmed">
                {r.sourceRef === objectId ? t('intel.relationships.outgoing') : t('intel.relationships.incoming')}
              </Text>
            </Group>
          ),
        },
        {
          header: t('intel.relationships.other'),
          render: (r) => {
            const other = r.sourceRef === objectId ? r.targetRef : r.sourceRef;
            return (
              <Group gap={6} wrap="nowrap">
                <Text fz="xs" c="dimmed">
                  {typeLabel(other.split('--')[0])}
                </Text>
                <RowLink to={objectLink(other, apiRoot)} secondary>
                  {shortId(other)}
                </RowLink>
              </Group>
            );
          },
        },
        { header: t('intel.tlp.label'), width: 150, render: (r) => <TlpBadge tlp={r.tlp} size="xs" /> },
        {
          header: t('intel.relationships.relationship'),
          render: (r) => (
            <RowLink to={objectLink(r.id, apiRoot)} secondary>
              {shortId(r.id)}
            </RowLink>
          ),
        },
      ]}
    />
  );
}
