import { Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectDetail } from '../../api/intel';
import { RowLink } from '../../directory/common/ListPage';
import { TlpBadge } from '../tlp/TlpBadge';

/** The marking and everyone the object is shared with; who actually receives it follows the marking. */
export function SharingPanel({ object }: { object: ObjectDetail }) {
  const { t } = useTranslation();
  const { communities, organisations, people } = object.sharing;
  return (
    <Stack gap="md" data-testid="sharing-panel">
      <Paper withBorder radius="sm" p="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <TlpBadge tlp={object.tlp} size="md" />
          <Stack gap={4}>
            <Text fz="sm">{t(`intel.tlp.meaning.${object.tlp}`)}</Text>
            <Group gap={4}>
              {object.markingRefs.map((ref) => (
                <Code key={ref} fz={11}>
                  {ref}
                </Code>
              ))}
            </Group>
          </Stack>
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Recipients title={t('intel.share.communities')} empty={t('intel.share.noCommunities')} testId="shared-communities">
          {communities.map((c) => (
            <RowLink key={c.id} to={`/directory/communities/${c.id}`}>
              {c.name || c.id}
            </RowLink>
          ))}
        </Recipients>
        <Recipients title={t('intel.share.organisations')} empty={t('intel.share.noOrganisations')} testId="shared-organisations">
          {organisations.map((o) => (
            <RowLink key={o.id} to={`/directory/organisations/${o.id}`}>
              {o.name || o.id}
            </RowLink>
          ))}
        </Recipients>
        <Recipients title={t('intel.share.people')} empty={t('intel.share.noPeople')} testId="shared-people">
          {people.map((p) => (
            <Text key={p.id} fz="sm">
              {p.name || p.id}
            </Text>
          ))}
        </Recipients>
      </SimpleGrid>
    </Stack>
  );
}

function Recipients({ title, empty, testId, children }: { title: string; empty: string; testId: string; children: ReactNode[] }) {
  return (
    <Paper withBorder radius="sm" p="md" data-testid={testId}>
      <Title order={4} fz="sm" fw={600} mb={6}>
        {title} ({children.length})
      </Title>
      <Stack gap={4}>
        {children.length ? (
          children
        ) : (
          <Text fz="sm" c="dimmed">
            {empty}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
