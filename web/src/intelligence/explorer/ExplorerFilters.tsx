import { Group, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { type Tlp, tlpLevels } from '../../api/intel';
import { OrganisationSelect } from '../../directory/common/OrganisationSelect';
import { SearchInput } from '../../ui/SearchInput';
import { CommunitySelect } from '../common/pickers';
import { tlpLabel } from '../tlp/tlp';
import { TlpBadge } from '../tlp/TlpBadge';
import { TypeSelect } from './TypeSelect';
import type { ExplorerParams } from './useExplorerParams';

/** Search and every filter of the explorer; each one lives in the URL (see useExplorerParams). */
export function ExplorerFilters({ params }: { params: ExplorerParams }) {
  const { t } = useTranslation();
  const { filters, update } = params;
  return (
    <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
      <SearchInput value={params.q} onChange={(q) => update({ q })} placeholder={t('intel.explorer.search')} />
      <TypeSelect
        size="sm"
        w={200}
        placeholder={t('intel.explorer.allTypes')}
        aria-label={t('intel.object.type')}
        value={filters.type || null}
        onChange={(type) => update({ type })}
        clearable
        data-testid="filter-type"
      />
      <Select
        size="sm"
        w={180}
        placeholder={t('intel.explorer.allTlp')}
        aria-label={t('intel.tlp.label')}
        data={tlpLevels.map((value) => ({ value, label: tlpLabel[value] }))}
        renderOption={({ option }) => <TlpBadge tlp={option.value as Tlp} size="sm" />}
        value={filters.tlp || null}
        onChange={(tlp) => update({ tlp })}
        clearable
        data-testid="filter-tlp"
      />
      <CommunitySelect
        size="sm"
        w={200}
        placeholder={t('intel.explorer.anyCommunity')}
        aria-label={t('intel.explorer.community')}
        value={filters.community || null}
        onChange={(community) => update({ community })}
        clearable
        data-testid="filter-community"
      />
      <OrganisationSelect
        size="sm"
        w={240}
        placeholder={t('intel.explorer.anyOwner')}
        aria-label={t('intel.object.owner')}
        value={filters.organisation || null}
        onChange={(organisation) => update({ organisation })}
        clearable
        data-testid="filter-organisation"
      />
      <DatePickerInput
        type="range"
        size="sm"
        w={250}
        allowSingleDateInRange
        placeholder={t('intel.explorer.anyDate')}
        aria-label={t('intel.explorer.dateRange')}
        value={[filters.from || null, filters.to || null]}
        onChange={([from, to]) => {
          // The range is complete, or cleared; a half-picked range is not a filter yet.
          if ((from && to) || (!from && !to)) update({ from, to });
        }}
        clearable
        valueFormat="D MMM YYYY"
        data-testid="filter-dates"
      />
    </Group>
  );
}
