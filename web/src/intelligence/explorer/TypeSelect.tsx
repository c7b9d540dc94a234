import { Select, type SelectProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIntelLabels } from '../common/labels';
import { CUSTOM_TYPE } from '../common/stixTypes';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: string | null; onChange(type: string | null): void };

/** The STIX types by group; typing a custom type name (x-…) offers it too, since those are stored. */
export function TypeSelect({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const { typeOptions } = useIntelLabels();
  const [search, setSearch] = useState('');
  const known = typeOptions.flatMap((g) => g.items.map((i) => i.value));
  const custom = [value, search.trim()].filter((v): v is string => Boolean(v && CUSTOM_TYPE.test(v) && !known.includes(v)));
  const data = custom.length
    ? [...typeOptions, { group: t('intel.typeGroups.custom'), items: [...new Set(custom)].map((v) => ({ value: v, label: v })) }]
    : typeOptions;
  return (
    <Select
      searchable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('intel.explorer.customTypeHint')}
      maxDropdownHeight={320}
      {...rest}
    />
  );
}
