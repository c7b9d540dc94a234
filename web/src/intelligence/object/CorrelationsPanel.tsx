import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiRoot, Correlation } from '../../api/intel';
import { RowLink } from '../../directory/common/ListPage';
import { fallbackName, useIntelLabels } from '../common/labels';
import { objectLink } from '../common/links';
import { SimpleTable } from '../common/SimpleTable';
import { TlpBadge } from '../tlp/TlpBadge';

/**
 * Other objects carrying one of this object's observable values. The server only counts objects the
 * reader may read, so a hit never reveals more than the reader already could.
 */
export function CorrelationsPanel({ correlations, apiRoot }: { correlations: Correlation[]; apiRoot: ApiRoot }) {
  const { t } = useTranslation();
  const { typeLabel } = useIntelLabels();
  return (
    <>
      <Text fz="sm" c="dimmed" mb="xs">
        {t('intel.correlations.intro')}
      </Text>
      <SimpleTable
        rows={correlations}
        rowKey={(c) => c.id}
        empty={t('intel.correlations.none')}
        testId="correlation-table"
        columns={[
          {
            header: t('intel.object.name'),
            render: (c) => (
              <RowLink to={objectLink(c.id, apiRoot)} maw={360}>
                {c.name ?? fallbackName(undefined, c.id)}
              </RowLink>
            ),
          },
          { header: t('intel.object.type'), width: 160, render: (c) => typeLabel(c.type) },
          { header: t('intel.tlp.label'), width: 150, render: (c) => <TlpBadge tlp={c.tlp} size="xs" /> },
          {
            header: t('intel.correlations.shared'),
            render: (c) => (
              <Group gap={4}>
                {c.matches.map((m) => (
                  <Badge key={`${m.kind}:${m.value}`} variant="light" color="gray" radius="sm" tt="none" fw={500}>
                    {t(`intel.observableKinds.${m.kind}`, { defaultValue: m.kind })}: {m.value}
                  </Badge>
                ))}
              </Group>
            ),
          },
        ]}
      />
    </>
  );
}
