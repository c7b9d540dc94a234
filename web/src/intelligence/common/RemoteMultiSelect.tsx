import { Group, Loader, MultiSelect, type MultiSelectProps, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteOption } from '../../directory/common/RemoteSelect';

export type RemoteMultiSelectProps = Omit<
  MultiSelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter' | 'renderOption'
> & {
  value: string[];
  onChange(value: string[]): void;
};

interface Props extends RemoteMultiSelectProps {
  /** Cache key of this kind of option, including anything the search depends on. */
  cacheKey: readonly unknown[];
  search(q: string): Promise<RemoteOption[]>;
  /** Extra content at the end of an option's line (a TLP badge). */
  decorate?(value: string): ReactNode;
}

/**
 * Several choices from the server's `q` search (communities, organisations, people, objects): the
 * directory's RemoteSelect for many values. Chosen options are remembered so their pills keep their
 * labels after the search moves on.
 */
export function RemoteMultiSelect({ cacheKey, search, decorate, value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const seen = useRef(new Map<string, RemoteOption>());
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);

  const options = useQuery({
    queryKey: ['options', ...cacheKey, debounced.trim()],
    queryFn: () => search(debounced.trim()),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  for (const o of options.data ?? []) seen.current.set(o.value, o);

  const list = [...(options.data ?? [])];
  for (const v of value) {
    const known = seen.current.get(v);
    if (!list.some((o) => o.value === v)) list.push(known ?? { value: v, label: v });
  }

  return (
    <MultiSelect
      searchable
      data={list.map(({ value: v, label }) => ({ value: v, label }))}
      value={value}
      onChange={onChange}
      searchValue={text}
      onSearchChange={setText}
      filter={({ options: all }) => all}
      // A refused search (an observer may not address anyone) says why instead of "nothing found".
      nothingFoundMessage={
        options.isFetching ? t('common.loading') : options.error instanceof Error ? options.error.message : t('select.nothingFound')
      }
      rightSection={options.isFetching ? <Loader size={14} /> : undefined}
      maxDropdownHeight={300}
      hidePickedOptions
      renderOption={({ option }) => {
        const hint = seen.current.get(option.value)?.hint;
        return (
          <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
            <Text fz="sm" truncate>
              {option.label}
            </Text>
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              {hint && (
                <Text fz="xs" c="dimmed">
                  {hint}
                </Text>
              )}
              {decorate?.(option.value)}
            </Group>
          </Group>
        );
      }}
      {...rest}
    />
  );
}
