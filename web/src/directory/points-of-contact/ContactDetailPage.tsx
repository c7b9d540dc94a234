import { Anchor, Button, Code } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PointOfContact } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { useFormat } from '../../format/useFormat';
import { DetailList } from '../../ui/DetailList';
import { PageHeader } from '../../ui/PageHeader';
import { useResource } from '../common/hooks';
import { Pending } from '../common/Pending';

export function ContactDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const { data: poc, error } = useResource<PointOfContact>('points-of-contact', id);
  if (!poc) return <Pending error={error} />;

  return (
    <>
      <PageHeader
        title={poc.label}
        subtitle={poc.organisationName}
        crumbs={[
          { label: t('nav.directory') },
          { label: t('nav.pointsOfContact'), to: '/directory/points-of-contact' },
          { label: poc.label },
        ]}
        actions={
          canManageDirectory(user) && (
            <Button
              component={Link}
              to={`/directory/points-of-contact/${poc.id}/edit`}
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
          {
            label: t('contact.organisation'),
            value: (
              <Anchor component={Link} to={`/directory/organisations/${poc.organisationId}`} fz="sm">
                {poc.organisationName}
              </Anchor>
            ),
          },
          { label: t('organisation.country'), value: f.country(poc.countryCode) },
          {
            label: t('contact.person'),
            value: poc.personId && (
              <Anchor component={Link} to={`/directory/people/${poc.personId}`} fz="sm">
                {poc.personName}
              </Anchor>
            ),
          },
          {
            label: t('contact.phone24x7'),
            value: poc.phone24x7 && (
              <Anchor href={`tel:${poc.phone24x7.replace(/[^+0-9]/g, '')}`} fz="sm">
                {poc.phone24x7}
              </Anchor>
            ),
          },
          {
            label: t('contact.email'),
            value: (
              <Anchor href={`mailto:${poc.email}`} fz="sm">
                {poc.email}
              </Anchor>
            ),
          },
          { label: t('common.created'), value: <DateTime value={poc.createdAt} /> },
          { label: t('common.updated'), value: <DateTime value={poc.updatedAt} /> },
        ]}
      />
      <Code block mt="md" fz="xs" style={{ maxHeight: 320, overflow: 'auto' }} aria-label={t('contact.pgpKey')}>
        {poc.pgpKey || t('contact.noPgpKey')}
      </Code>
    </>
  );
}
