import { Anchor, Badge, Button, Stack } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Organisation } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { useFormat } from '../../format/useFormat';
import { DetailList } from '../../ui/DetailList';
import { PageHeader } from '../../ui/PageHeader';
import { useResource } from '../common/hooks';
import { useDirectoryLabels } from '../common/labels';
import { Pending } from '../common/Pending';
import { OrganisationRelated } from './OrganisationRelated';

export function OrganisationDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const { typeLabel } = useDirectoryLabels();
  const { data: org, error } = useResource<Organisation>('organisations', id);
  if (!org) return <Pending error={error} />;

  return (
    <Stack gap="lg">
      <div>
        <PageHeader
          title={org.name}
          crumbs={[{ label: t('nav.directory') }, { label: t('nav.organisations'), to: '/directory/organisations' }, { label: org.name }]}
          badges={
            <Badge variant="light" radius="sm" tt="none">
              {typeLabel(org.type)}
            </Badge>
          }
          actions={
            canManageDirectory(user) && (
              <Button
                component={Link}
                to={`/directory/organisations/${org.id}/edit`}
                variant="default"
                leftSection={<IconPencil size={16} />}
                data-testid="org-edit"
              >
                {t('common.edit')}
              </Button>
            )
          }
        />
        <DetailList
          items={[
            { label: t('organisation.shortName'), value: org.shortName },
            { label: t('organisation.type'), value: typeLabel(org.type) },
            { label: t('organisation.country'), value: f.country(org.countryCode, org.countryName), testId: 'org-country' },
            { label: t('organisation.sector'), value: org.sector },
            {
              label: t('organisation.parent'),
              value: org.parentId ? (
                <Anchor component={Link} to={`/directory/organisations/${org.parentId}`} fz="sm">
                  {org.parentName}
                </Anchor>
              ) : null,
            },
            { label: t('organisation.stixIdentity'), value: <code>{org.stixIdentityId}</code> },
            { label: t('common.created'), value: <DateTime value={org.createdAt} /> },
            { label: t('common.updated'), value: <DateTime value={org.updatedAt} /> },
          ]}
        />
      </div>
      <OrganisationRelated organisation={org} />
    </Stack>
  );
}
