import { Button, Code, Group, Text } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ObjectVersion, StixObject } from '../../api/intel';
import { DateTime } from '../../format/DateTime';
import { SimpleTable } from '../common/SimpleTable';
import { TlpBadge } from '../tlp/TlpBadge';

/** Properties whose values differ between two versions; `modified` always does, so it is left out. */
function changedProperties(newer: StixObject, older: StixObject | undefined): string[] {
  if (!older) return [];
  const keys = new Set([...Object.keys(newer), ...Object.keys(older)]);
  keys.delete('modified');
  return [...keys].filter((k) => JSON.stringify(newer[k]) !== JSON.stringify(older[k])).sort();
}

interface Props {
  versions: ObjectVersion[];
  collectionTitle(id: string): string;
  onShowJson(version: string): void;
}

/** Every version the reader may see, newest first, with what changed from the one before. */
export function VersionsPanel({ versions, collectionTitle, onShowJson }: Props) {
  const { t } = useTranslation();
  return (
    <SimpleTable
      rows={versions.map((v, i) => ({
        ...v,
        changed: changedProperties(v.object, versions[i + 1]?.object),
        first: i === versions.length - 1,
      }))}
      rowKey={(v) => `${v.version}|${v.collectionId}`}
      empty={t('list.empty')}
      testId="version-table"
      columns={[
        { header: t('intel.object.modified'), width: 200, render: (v) => <DateTime value={v.version} /> },
        { header: t('intel.object.added'), width: 200, render: (v) => <DateTime value={v.dateAdded} /> },
        { header: t('intel.object.collection'), render: (v) => collectionTitle(v.collectionId) },
        { header: t('intel.tlp.label'), width: 150, render: (v) => <TlpBadge tlp={v.tlp} size="xs" /> },
        {
          header: t('intel.versions.changes'),
          render: (v) =>
            v.first ? (
              <Text fz="xs" c="dimmed">
                {t('intel.versions.first')}
              </Text>
            ) : (
              <Group gap={4}>
                {v.changed.map((k) => (
                  <Code key={k} fz={11}>
                    {k}
                  </Code>
                ))}
              </Group>
            ),
        },
        {
          header: '',
          width: 110,
          render: (v) => (
            <Button size="compact-xs" variant="subtle" leftSection={<IconBraces size={14} />} onClick={() => onShowJson(v.version)}>
              {t('intel.json.show')}
            </Button>
          ),
        },
      ]}
    />
  );
}
