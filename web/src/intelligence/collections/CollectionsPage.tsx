import { Anchor, Badge, Button, Code, CopyButton, Group, Menu, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCopy, IconDownload, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Collection } from '../../api/intel';
import { useUser } from '../../auth/SessionContext';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { useCollections } from '../common/hooks';
import { SimpleTable } from '../common/SimpleTable';
import { CollectionDialog } from './CollectionForm';

/** /intelligence/collections: the TAXII collections of both API roots the user may read or write. */
export function CollectionsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const real = useCollections('real');
  const exercise = useCollections('exercise');
  const [creating, create] = useDisclosure(false);
  const rows: Collection[] = [...(real.data ?? []), ...(exercise.data ?? [])];
  const error = real.error ?? exercise.error;
  const taxiiUrl = (c: Collection) => `${window.location.origin}/taxii2/${c.apiRoot}/collections/${c.id}/`;

  return (
    <>
      <PageHeader
        title={t('intel.collections.title')}
        subtitle={t('intel.collections.subtitle')}
        crumbs={[{ label: t('nav.intelligence') }, { label: t('intel.collections.title') }]}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="collection-create">
            {t('intel.collections.create')}
          </Button>
        }
      />
      {error && <ErrorAlert error={error} />}
      {real.isPending || exercise.isPending ? (
        <Loading />
      ) : (
        <SimpleTable
          rows={rows}
          rowKey={(c) => c.id}
          empty={t('intel.collections.none')}
          testId="collection-table"
          columns={[
            {
              header: t('intel.collections.titleField'),
              render: (c) => (
                <Group gap={6} wrap="nowrap">
                  {c.apiRoot === 'exercise' && <ExerciseBadge size="xs" />}
                  <Text fz="sm" fw={500}>
                    {c.title}
                  </Text>
                  {c.alias && <Code fz={11}>{c.alias}</Code>}
                </Group>
              ),
            },
            { header: t('intel.collections.apiRoot'), width: 150, render: (c) => t(`intel.apiRoot.${c.apiRoot}`) },
            {
              header: t('intel.collections.access'),
              width: 160,
              render: (c) => (
                <Group gap={4}>
                  {c.canRead && (
                    <Badge variant="light" radius="sm" tt="none">
                      {t('intel.collections.read')}
                    </Badge>
                  )}
                  {c.canWrite && (
                    <Badge variant="light" color="teal" radius="sm" tt="none">
                      {t('intel.collections.write')}
                    </Badge>
                  )}
                </Group>
              ),
            },
            {
              header: t('intel.collections.taxii'),
              render: (c) => (
                <Group gap={4} wrap="nowrap">
                  <Text fz="xs" ff="monospace" truncate maw={380} title={taxiiUrl(c)}>
                    {taxiiUrl(c)}
                  </Text>
                  <CopyButton value={taxiiUrl(c)}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? t('intel.json.copied') : t('intel.json.copy')}>
                        <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={t('intel.json.copy')}>
                          {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                        </Button>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
              ),
            },
            {
              header: '',
              width: 190,
              render: (c) => (
                <Group gap="sm" wrap="nowrap">
                  {c.canRead && <ExportMenu collection={c} />}
                  {c.canWrite && (
                    <Anchor component={Link} to={`/intelligence/import?collection=${c.id}`} fz="sm">
                      {t('intel.import.title')}
                    </Anchor>
                  )}
                </Group>
              ),
            },
          ]}
        />
      )}
      <CollectionDialog opened={creating} onClose={create.close} organisationId={user.memberships[0]?.organisationId ?? ''} />
    </>
  );
}

/** Downloads the collection as a file; the server leaves RED and anything unreadable out. */
function ExportMenu({ collection }: { collection: Collection }) {
  const { t } = useTranslation();
  const href = (format: string) => `/api/v1/intel/exports?collection=${collection.id}&format=${format}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="subtle" leftSection={<IconDownload size={14} />} data-testid="collection-export">
          {t('intel.export.title')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('intel.export.redNever')}</Menu.Label>
        {(['stix', 'misp', 'csv'] as const).map((format) => (
          <Menu.Item key={format} component="a" href={href(format)} download data-testid={`export-${format}`}>
            {t(`intel.export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
