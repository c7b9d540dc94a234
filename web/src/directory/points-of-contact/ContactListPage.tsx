import { useTranslation } from 'react-i18next';
import type { PointOfContact } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { useResourceList } from '../common/hooks';
import { type Column, ListPage, RowLink } from '../common/ListPage';
import { OrganisationSelect } from '../common/OrganisationSelect';
import { useListParams } from '../common/useListParams';

const filterKeys = ['organisationId'] as const;

export function ContactListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const params = useListParams(filterKeys, 'label');
  const result = useResourceList<PointOfContact>('points-of-contact', params.apiQuery);

  const columns: Column<PointOfContact>[] = [
    {
      key: 'label',
      header: t('contact.label'),
      sort: 'label',
      render: (c) => <RowLink to={`/directory/points-of-contact/${c.id}`}>{c.label}</RowLink>,
    },
    {
      key: 'organisation',
      header: t('contact.organisation'),
      sort: 'organisation',
      render: (c) => (
        <RowLink to={`/directory/organisations/${c.organisationId}`} maw={280} secondary>
          {c.organisationName}
        </RowLink>
      ),
    },
    { key: 'person', header: t('contact.person'), render: (c) => c.personName ?? '–' },
    { key: 'phone', header: t('contact.phone24x7'), render: (c) => c.phone24x7 ?? '–' },
    { key: 'email', header: t('contact.email'), render: (c) => c.email },
  ];

  return (
    <ListPage
      title={t('nav.pointsOfContact')}
      create={
        canManageDirectory(user)
          ? { to: '/directory/points-of-contact/new', label: t('contact.create'), testId: 'contact-create' }
          : undefined
      }
      searchPlaceholder={t('contact.search')}
      filters={
        <OrganisationSelect
          size="sm"
          w={280}
          placeholder={t('site.allOrganisations')}
          aria-label={t('contact.organisation')}
          value={params.filters.organisationId || null}
          onChange={(organisationId) => params.update({ organisationId })}
          clearable
          data-testid="filter-organisation"
        />
      }
      columns={columns}
      result={result}
      params={params}
      testId="contact-table"
    />
  );
}
