import { Anchor, Button } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Person } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { DateTime } from '../../format/DateTime';
import { useFormat } from '../../format/useFormat';
import { DetailList } from '../../ui/DetailList';
import { PageHeader } from '../../ui/PageHeader';
import { useResource } from '../common/hooks';
import { Pending } from '../common/Pending';

export function PersonDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const { data: person, error } = useResource<Person>('people', id);
  if (!person) return <Pending error={error} />;

  return (
    <>
      <PageHeader
        title={person.fullName}
        subtitle={person.jobTitle}
        crumbs={[{ label: t('nav.directory') }, { label: t('nav.people'), to: '/directory/people' }, { label: person.fullName }]}
        actions={
          canManageDirectory(user) && (
            <Button component={Link} to={`/directory/people/${person.id}/edit`} variant="default" leftSection={<IconPencil size={16} />}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <DetailList
        items={[
          {
            label: t('person.organisation'),
            value: (
              <Anchor component={Link} to={`/directory/organisations/${person.organisationId}`} fz="sm">
                {person.organisationName}
              </Anchor>
            ),
          },
          { label: t('organisation.country'), value: f.country(person.countryCode) },
          { label: t('person.jobTitle'), value: person.jobTitle },
          {
            label: t('person.email'),
            value: person.email && (
              <Anchor href={`mailto:${person.email}`} fz="sm">
                {person.email}
              </Anchor>
            ),
          },
          { label: t('common.created'), value: <DateTime value={person.createdAt} /> },
          { label: t('common.updated'), value: <DateTime value={person.updatedAt} /> },
        ]}
      />
    </>
  );
}
