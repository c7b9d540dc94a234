import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ObjectDetail, SightingCount } from '../../api/intel';
import { RowLink } from '../../directory/common/ListPage';
import { useFormat } from '../../format/useFormat';
import { type SimpleColumn, SimpleTable } from '../common/SimpleTable';

/** Who has reported seeing the object, and where: sightings and the sum of their counts. */
export function SightingsPanel({ sightings }: { sightings: ObjectDetail['sightings'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const country = (code: string | null) => (code ? f.country(code) : t('intel.sightings.unknownCountry'));
  const counts = <T extends { sightings: number; count: number }>(): SimpleColumn<T>[] => [
    { header: t('intel.sightings.sightings'), width: 110, render: (r) => r.sightings },
    { header: t('intel.sightings.count'), width: 130, render: (r) => r.count },
  ];
  return (
    <Stack gap="md">
      <Paper withBorder radius="sm" p="md">
        <Group gap="xl">
          <Stat label={t('intel.sightings.total')} value={sightings.total} testId="sighting-total" />
          <Stat label={t('intel.sightings.organisations')} value={sightings.byOrganisation.length} />
          <Stat label={t('intel.sightings.countries')} value={sightings.byCountry.length} />
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <div>
          <Title order={4} fz="sm" fw={600} mb={6}>
            {t('intel.sightings.byOrganisation')}
          </Title>
          <SimpleTable
            rows={sightings.byOrganisation}
            rowKey={(r) => r.organisationId ?? 'none'}
            empty={t('intel.sightings.none')}
            testId="sightings-by-organisation"
            columns={[
              {
                header: t('intel.object.organisation'),
                render: (r) =>
                  r.organisationId ? (
                    <RowLink to={`/directory/organisations/${r.organisationId}`}>{r.organisationName ?? r.organisationId}</RowLink>
                  ) : (
                    t('intel.sightings.unknownOrganisation')
                  ),
              },
              { header: t('organisation.country'), render: (r) => country(r.countryCode) },
              ...counts<SightingCount>(),
            ]}
          />
        </div>
        <div>
          <Title order={4} fz="sm" fw={600} mb={6}>
            {t('intel.sightings.byCountry')}
          </Title>
          <SimpleTable
            rows={sightings.byCountry}
            rowKey={(r) => r.countryCode ?? 'none'}
            empty={t('intel.sightings.none')}
            testId="sightings-by-country"
            columns={[
              { header: t('organisation.country'), render: (r) => country(r.countryCode) },
              ...counts<ObjectDetail['sightings']['byCountry'][number]>(),
            ]}
          />
        </div>
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text fz={22} fw={600} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}
