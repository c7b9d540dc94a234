import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { intelApi, intelKey } from '../../api/intel';
import { RowLink } from '../../directory/common/ListPage';
import { DateTime } from '../../format/DateTime';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { objectLink } from '../common/links';
import { SimpleTable } from '../common/SimpleTable';
import { TlpBadge } from '../tlp/TlpBadge';

/** On a DISARM technique: the misinformation reports (the reader may read) that say it was used. */
export function MisinformationPanel({ techniqueId }: { techniqueId: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery({
    queryKey: [intelKey, 'misinformation-by-technique', techniqueId],
    queryFn: () => intelApi.misinformationByTechnique(techniqueId),
  });
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <SimpleTable
      rows={data}
      rowKey={(m) => m.id}
      empty={t('intel.misinformation.noneForTechnique')}
      testId="misinformation-table"
      columns={[
        {
          header: t('intel.object.name'),
          render: (m) => (
            <RowLink to={objectLink(m.id)} maw={420}>
              {m.name}
            </RowLink>
          ),
        },
        {
          header: t('intel.misinformation.platforms'),
          render: (m) => <Text fz="sm">{[...new Set(m.seenAt.map((s) => s.platform))].join(', ')}</Text>,
        },
        { header: t('intel.props.first_seen'), width: 200, render: (m) => <DateTime value={m.firstSeen} /> },
        { header: t('intel.tlp.label'), width: 140, render: (m) => <TlpBadge tlp={m.tlp} size="xs" /> },
      ]}
    />
  );
}
