import { Button, Menu, SegmentedControl } from '@mantine/core';
import { IconChevronDown, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeader } from '../../ui/PageHeader';
import { ExerciseBanner } from '../common/ExerciseBadge';
import { useObjectSearch } from '../common/hooks';
import { createLink } from '../common/links';
import { ExplorerFilters } from './ExplorerFilters';
import { ExplorerTable } from './ExplorerTable';
import { useExplorerParams } from './useExplorerParams';

export function ExplorerPage() {
  const { t } = useTranslation();
  const params = useExplorerParams();
  const result = useObjectSearch(params.query);
  const page = result.data;

  return (
    <>
      <PageHeader
        title={t('intel.explorer.title')}
        crumbs={[{ label: t('nav.intelligence') }, { label: t('intel.nav.explorer') }]}
        actions={
          <>
            <Button component={Link} to="/intelligence/import" variant="default" leftSection={<IconFileImport size={16} />}>
              {t('intel.import.title')}
            </Button>
            <NewObjectMenu />
          </>
        }
      />
      <SegmentedControl
        mb="sm"
        size="sm"
        value={params.apiRoot}
        onChange={(root) => params.update({ root: root === 'exercise' ? root : null })}
        data={[
          { value: 'real', label: t('intel.apiRoot.real') },
          { value: 'exercise', label: t('intel.apiRoot.exercise') },
        ]}
        data-testid="explorer-root"
      />
      {params.apiRoot === 'exercise' && <ExerciseBanner />}
      <ExplorerFilters params={params} />
      {result.isError && <ErrorAlert error={result.error} />}
      <ExplorerTable result={result} params={params} />
      {page && (
        <ListFooter
          total={page.total}
          page={params.page}
          size={params.size}
          onPage={(p) => params.update({ page: p })}
          onSize={(size) => params.update({ size })}
        />
      )}
    </>
  );
}

function NewObjectMenu() {
  const { t } = useTranslation();
  const kinds = ['indicator', 'report', 'sighting', 'misinformation'] as const;
  return (
    <Menu position="bottom-end" shadow="md" width={240}>
      <Menu.Target>
        <Button leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="intel-new">
          {t('intel.create.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {kinds.map((kind) => (
          <Menu.Item key={kind} component={Link} to={createLink(kind)} data-testid={`intel-new-${kind}`}>
            {t(`intel.create.${kind}.title`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
