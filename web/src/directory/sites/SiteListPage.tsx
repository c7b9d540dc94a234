import { Badge, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { useFormat } from '../../format/useFormat';
import { CountrySelect } from '../common/CountrySelect';
import { useResourceList } from '../common/hooks';
import { type Column, ListPage, RowLink } from '../common/ListPage';
import { useDirectoryLabels } from '../common/labels';
import { OrganisationSelect } from '../common/OrganisationSelect';
import { useListParams } from '../common/useListParams';

const filterKeys = ['mode', 'organisationId', 'countryCode'] as const;

export function SiteListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const { modeLabel, modeOptions } = useDirectoryLabels();
  const params = useListParams(filterKeys, 'name');
  const result = useResourceList<Site>('sites', params.apiQuery);

  const columns: Column<Site>[] = [
    { key: 'name', header: t('site.name'), sort: 'name', render: (s) => <RowLink to={`/directory/sites/${s.id}`}>{s.name}</RowLink> },
    {
      key: 'organisation',
      header: t('site.organisation'),
      sort: 'organisation',
      render: (s) => (
        <RowLink to={`/directory/organisations/${s.organisationId}`} maw={280} secondary>
          {s.organisationName}
        </RowLink>
      ),
    },
    { key: 'city', header: t('site.city'), sort: 'city', render: (s) => s.city ?? '–' },
    { key: 'country', header: t('organisation.country'), render: (s) => f.country(s.countryCode) },
    { key: 'timeZone', header: t('site.timeZone'), render: (s) => s.timeZone },
    {
      key: 'mode',
      header: t('site.mode'),
      sort: 'mode',
      render: (s) => (
        <Badge
          variant="light"
          color={s.mode === 'online' ? 'blue' : 'grape'}
          radius="sm"
          tt="none"
          fw={500}
          style={{ minWidth: 'max-content' }}
        >
          {modeLabel(s.mode)}
        </Badge>
      ),
    },
  ];

  return (
    <ListPage
      title={t('nav.sites')}
      create={canManageDirectory(user) ? { to: '/directory/sites/new', label: t('site.create'), testId: 'site-create' } : undefined}
      searchPlaceholder={t('site.search')}
      filters={
        <>
          <Select
            size="sm"
            w={210}
            placeholder={t('site.allModes')}
            aria-label={t('site.mode')}
            data={modeOptions}
            value={params.filters.mode || null}
            onChange={(mode) => params.update({ mode })}
            clearable
            data-testid="filter-mode"
          />
          <OrganisationSelect
            size="sm"
            w={260}
            placeholder={t('site.allOrganisations')}
            aria-label={t('site.organisation')}
            value={params.filters.organisationId || null}
            onChange={(organisationId) => params.update({ organisationId })}
            clearable
            data-testid="filter-organisation"
          />
          <CountrySelect
            size="sm"
            w={200}
            placeholder={t('organisation.allCountries')}
            aria-label={t('organisation.country')}
            value={params.filters.countryCode || null}
            onChange={(countryCode) => params.update({ countryCode })}
            clearable
            data-testid="filter-country"
          />
        </>
      }
      columns={columns}
      result={result}
      params={params}
      testId="site-table"
    />
  );
}
