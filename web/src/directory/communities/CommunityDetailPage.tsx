import { Button, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Community } from '../../api/types';
import { canManageCommunities } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { DetailList } from '../../ui/DetailList';
import { PageHeader } from '../../ui/PageHeader';
import { useResource } from '../common/hooks';
import { Pending } from '../common/Pending';
import { CommunityMembers } from './CommunityMembers';

export function CommunityDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const { data: community, error } = useResource<Community>('communities', id);
  if (!community) return <Pending error={error} />;
  const canManage = canManageCommunities(user);

  return (
    <Stack gap="lg">
      <div>
        <PageHeader
          title={community.name}
          crumbs={[{ label: t('nav.directory') }, { label: t('nav.communities'), to: '/directory/communities' }, { label: community.name }]}
          actions={
            canManage && (
              <Button
                component={Link}
                to={`/directory/communities/${community.id}/edit`}
                variant="default"
                leftSection={<IconPencil size={16} />}
              >
                {t('common.edit')}
              </Button>
            )
          }
        />
        <DetailList
          items={[
            { label: t('community.description'), value: community.description && <Text fz="sm">{community.description}</Text> },
            { label: t('community.members'), value: community.memberCount },
            { label: t('common.created'), value: <DateTime value={community.createdAt} /> },
            { label: t('common.updated'), value: <DateTime value={community.updatedAt} /> },
          ]}
        />
      </div>
      <CommunityMembers community={community} canManage={canManage} />
    </Stack>
  );
}
