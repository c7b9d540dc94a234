import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { useResourceList } from '../common/hooks';
import { type Column, ListPage, RowLink } from '../common/ListPage';
import { OrganisationSelect } from '../common/OrganisationSelect';
import { useListParams } from '../common/useListParams';

const filterKeys = ['organisationId'] as const;

export function PersonListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const params = useListParams(filterKeys, 'fullName');
  const result = useResourceList<Person>('people', params.apiQuery);

  const columns: Column<Person>[] = [
    {
      key: 'fullName',
      header: t('person.fullName'),
      sort: 'fullName',
      render: (p) => <RowLink to={`/directory/people/${p.id}`}>{p.fullName}</RowLink>,
    },
    { key: 'jobTitle', header: t('person.jobTitle'), render: (p) => p.jobTitle ?? '–' },
    {
      key: 'organisation',
      header: t('person.organisation'),
      sort: 'organisation',
      render: (p) => (
        <RowLink to={`/directory/organisations/${p.organisationId}`} maw={280} secondary>
          {p.organisationName}
        </RowLink>
      ),
    },
    { key: 'email', header: t('person.email'), render: (p) => p.email ?? '–' },
  ];

  return (
    <ListPage
      title={t('nav.people')}
      create={canManageDirectory(user) ? { to: '/directory/people/new', label: t('person.create'), testId: 'person-create' } : undefined}
      searchPlaceholder={t('person.search')}
      filters={
        <OrganisationSelect
          size="sm"
          w={280}
          placeholder={t('site.allOrganisations')}
          aria-label={t('person.organisation')}
          value={params.filters.organisationId || null}
          onChange={(organisationId) => params.update({ organisationId })}
          clearable
          data-testid="filter-organisation"
        />
      }
      columns={columns}
      result={result}
      params={params}
      testId="person-table"
    />
  );
}
