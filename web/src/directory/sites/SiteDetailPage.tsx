import { Anchor, Badge, Button } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Site } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { utcOffset } from '../../format/timeZones';
import { useFormat } from '../../format/useFormat';
import { DetailList } from '../../ui/DetailList';
import { PageHeader } from '../../ui/PageHeader';
import { useResource } from '../common/hooks';
import { useDirectoryLabels } from '../common/labels';
import { Pending } from '../common/Pending';

export function SiteDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const { modeLabel } = useDirectoryLabels();
  const { data: site, error } = useResource<Site>('sites', id);
  if (!site) return <Pending error={error} />;

  return (
    <>
      <PageHeader
        title={site.name}
        crumbs={[{ label: t('nav.directory') }, { label: t('nav.sites'), to: '/directory/sites' }, { label: site.name }]}
        badges={
          <Badge variant="light" color={site.mode === 'online' ? 'blue' : 'grape'} radius="sm" tt="none">
            {modeLabel(site.mode)}
          </Badge>
        }
        actions={
          canManageDirectory(user) && (
            <Button
              component={Link}
              to={`/directory/sites/${site.id}/edit`}
              variant="default"
              leftSection={<IconPencil size={16} />}
              data-testid="site-edit"
            >
              {t('common.edit')}
            </Button>
          )
        }
      />
      <DetailList
        items={[
          {
            label: t('site.organisation'),
            value: (
              <Anchor component={Link} to={`/directory/organisations/${site.organisationId}`} fz="sm">
                {site.organisationName}
              </Anchor>
            ),
          },
          { label: t('organisation.country'), value: f.country(site.countryCode) },
          { label: t('site.city'), value: site.city },
          { label: t('site.timeZone'), value: `${site.timeZone} (${utcOffset(site.timeZone)})`, testId: 'site-timezone-value' },
          // Whoever schedules an inject for this site wants to know what time it is there now.
          { label: t('site.localTime'), value: f.dateTimeIn(new Date(), site.timeZone) },
          { label: t('site.mode'), value: modeLabel(site.mode) },
          { label: t('common.created'), value: <DateTime value={site.createdAt} /> },
          { label: t('common.updated'), value: <DateTime value={site.updatedAt} /> },
        ]}
      />
    </>
  );
}
