import { Badge, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types';
import { canCreateOrganisations } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { useFormat } from '../../format/useFormat';
import { CountrySelect } from '../common/CountrySelect';
import { useResourceList } from '../common/hooks';
import { OrganisationSelect } from '../common/OrganisationSelect';
import { type Column, ListPage, RowLink } from '../common/ListPage';
import { useDirectoryLabels } from '../common/labels';
import { useListParams } from '../common/useListParams';

const filterKeys = ['type', 'countryCode', 'parentId'] as const;

export function OrganisationListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const { typeLabel, typeOptions } = useDirectoryLabels();
  const params = useListParams(filterKeys, 'name');
  const result = useResourceList<Organisation>('organisations', params.apiQuery);

  const columns: Column<Organisation>[] = [
    {
      key: 'name',
      header: t('organisation.name'),
      sort: 'name',
      render: (o) => (
        <>
          <RowLink to={`/directory/organisations/${o.id}`}>{o.name}</RowLink>
          {o.shortName && (
            <Text span c="dimmed" fz="xs" ml={6}>
              {o.shortName}
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'type',
      header: t('organisation.type'),
      sort: 'type',
      render: (o) => (
        <Badge variant="light" color="gray" radius="sm" tt="none" fw={500} style={{ minWidth: 'max-content' }}>
          {typeLabel(o.type)}
        </Badge>
      ),
    },
    { key: 'country', header: t('organisation.country'), sort: 'countryCode', render: (o) => f.country(o.countryCode, o.countryName) },
    {
      key: 'parent',
      header: t('organisation.parent'),
      render: (o) => (
        <Text fz="sm" maw={260} truncate title={o.parentName ?? undefined}>
          {o.parentName ?? '–'}
        </Text>
      ),
    },
    { key: 'sites', header: t('organisation.sites'), render: (o) => o.siteCount, width: 70 },
    { key: 'createdAt', header: t('common.created'), sort: 'createdAt', render: (o) => <DateTime value={o.createdAt} /> },
  ];

  return (
    <ListPage
      title={t('nav.organisations')}
      create={
        canCreateOrganisations(user)
          ? { to: '/directory/organisations/new', label: t('organisation.create'), testId: 'org-create' }
          : undefined
      }
      searchPlaceholder={t('organisation.search')}
      filters={
        <>
          <Select
            size="sm"
            w={190}
            placeholder={t('organisation.allTypes')}
            aria-label={t('organisation.type')}
            data={typeOptions}
            value={params.filters.type || null}
            onChange={(type) => params.update({ type })}
            clearable
            data-testid="filter-type"
          />
          <CountrySelect
            size="sm"
            w={210}
            placeholder={t('organisation.allCountries')}
            aria-label={t('organisation.country')}
            value={params.filters.countryCode || null}
            onChange={(countryCode) => params.update({ countryCode })}
            clearable
            data-testid="filter-country"
          />
          <OrganisationSelect
            size="sm"
            w={240}
            placeholder={t('organisation.anyParent')}
            aria-label={t('organisation.parent')}
            value={params.filters.parentId || null}
            onChange={(parentId) => params.update({ parentId })}
            clearable
            data-testid="filter-parent"
          />
        </>
      }
      columns={columns}
      result={result}
      params={params}
      testId="org-table"
    />
  );
}
