import { Button, Group, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Community, Organisation, Person, PointOfContact, Site } from '../../api/types';
import { canManageDirectory } from '../../auth/permissions';
import { useUser } from '../../auth/SessionContext';
import { useFormat } from '../../format/useFormat';
import { useDirectoryLabels } from '../common/labels';
import { RowLink } from '../common/ListPage';
import { RelatedTable } from '../common/RelatedTable';

/** What hangs off an organisation: its sites, the organisations under it, its people and contacts, its communities. */
export function OrganisationRelated({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { typeLabel, modeLabel } = useDirectoryLabels();
  const user = useUser();
  const byOrg = { organisationId: organisation.id };
  // Adding from here fills in the organisation, the usual way a new site or contact starts.
  const add = (path: string, label: string) =>
    canManageDirectory(user) && (
      <Group justify="flex-end" mb="xs">
        <Button
          component={Link}
          to={`/directory/${path}/new?organisationId=${organisation.id}`}
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
        >
          {label}
        </Button>
      </Group>
    );

  return (
    <Tabs defaultValue="sites" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="sites">
          {t('nav.sites')} ({organisation.siteCount})
        </Tabs.Tab>
        <Tabs.Tab value="children">{t('organisation.children')}</Tabs.Tab>
        <Tabs.Tab value="people">{t('nav.people')}</Tabs.Tab>
        <Tabs.Tab value="contacts">{t('nav.pointsOfContact')}</Tabs.Tab>
        <Tabs.Tab value="communities">{t('nav.communities')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="sites">
        {add('sites', t('site.create'))}
        <RelatedTable<Site>
          resource="sites"
          query={byOrg}
          allLink={`/directory/sites?organisationId=${organisation.id}`}
          testId="org-sites"
          columns={[
            { header: t('site.name'), render: (s) => <RowLink to={`/directory/sites/${s.id}`}>{s.name}</RowLink> },
            { header: t('site.city'), render: (s) => s.city ?? '–' },
            { header: t('site.timeZone'), render: (s) => s.timeZone },
            { header: t('site.mode'), render: (s) => modeLabel(s.mode) },
          ]}
        />
      </Tabs.Panel>
      <Tabs.Panel value="children">
        <RelatedTable<Organisation>
          resource="organisations"
          query={{ parentId: organisation.id }}
          allLink={`/directory/organisations?parentId=${organisation.id}`}
          columns={[
            { header: t('organisation.name'), render: (o) => <RowLink to={`/directory/organisations/${o.id}`}>{o.name}</RowLink> },
            { header: t('organisation.type'), render: (o) => typeLabel(o.type) },
            { header: t('organisation.country'), render: (o) => f.country(o.countryCode, o.countryName) },
          ]}
        />
      </Tabs.Panel>
      <Tabs.Panel value="people">
        {add('people', t('person.create'))}
        <RelatedTable<Person>
          resource="people"
          query={byOrg}
          allLink={`/directory/people?organisationId=${organisation.id}`}
          columns={[
            { header: t('person.fullName'), render: (p) => <RowLink to={`/directory/people/${p.id}`}>{p.fullName}</RowLink> },
            { header: t('person.jobTitle'), render: (p) => p.jobTitle ?? '–' },
            { header: t('person.email'), render: (p) => p.email ?? '–' },
          ]}
        />
      </Tabs.Panel>
      <Tabs.Panel value="contacts">
        {add('points-of-contact', t('contact.create'))}
        <RelatedTable<PointOfContact>
          resource="points-of-contact"
          query={byOrg}
          allLink={`/directory/points-of-contact?organisationId=${organisation.id}`}
          columns={[
            { header: t('contact.label'), render: (c) => <RowLink to={`/directory/points-of-contact/${c.id}`}>{c.label}</RowLink> },
            { header: t('contact.phone24x7'), render: (c) => c.phone24x7 ?? '–' },
            { header: t('contact.email'), render: (c) => c.email },
          ]}
        />
      </Tabs.Panel>
      <Tabs.Panel value="communities">
        <RelatedTable<Community>
          resource="communities"
          query={byOrg}
          allLink={`/directory/communities?organisationId=${organisation.id}`}
          columns={[
            { header: t('community.name'), render: (c) => <RowLink to={`/directory/communities/${c.id}`}>{c.name}</RowLink> },
            { header: t('community.members'), render: (c) => c.memberCount },
          ]}
        />
      </Tabs.Panel>
    </Tabs>
  );
}
