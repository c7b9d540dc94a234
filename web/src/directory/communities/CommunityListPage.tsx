import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Community } from '../../api/types';
import { canManageCommunities } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { useResourceList } from '../common/hooks';
import { type Column, ListPage, RowLink } from '../common/ListPage';
import { OrganisationSelect } from '../common/OrganisationSelect';
import { useListParams } from '../common/useListParams';

const filterKeys = ['organisationId'] as const;

export function CommunityListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const params = useListParams(filterKeys, 'name');
  const result = useResourceList<Community>('communities', params.apiQuery);

  const columns: Column<Community>[] = [
    {
      key: 'name',
      header: t('community.name'),
      sort: 'name',
      width: '25%',
      render: (c) => <RowLink to={`/directory/communities/${c.id}`}>{c.name}</RowLink>,
    },
    {
      key: 'description',
      header: t('community.description'),
      render: (c) => (
        <Text fz="sm" lineClamp={1}>
          {c.description || '–'}
        </Text>
      ),
    },
    { key: 'members', header: t('community.members'), sort: 'memberCount', width: 110, render: (c) => c.memberCount },
    { key: 'createdAt', header: t('common.created'), sort: 'createdAt', width: 190, render: (c) => <DateTime value={c.createdAt} /> },
  ];

  return (
    <ListPage
      title={t('nav.communities')}
      create={
        canManageCommunities(user)
          ? { to: '/directory/communities/new', label: t('community.create'), testId: 'community-create' }
          : undefined
      }
      searchPlaceholder={t('community.search')}
      filters={
        <OrganisationSelect
          size="sm"
          w={280}
          placeholder={t('community.anyMember')}
          aria-label={t('community.member')}
          value={params.filters.organisationId || null}
          onChange={(organisationId) => params.update({ organisationId })}
          clearable
          data-testid="filter-organisation"
        />
      }
      columns={columns}
      result={result}
      params={params}
      testId="community-table"
    />
  );
}
