import { Group, Loader, Select, type SelectProps, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface RemoteOption {
  value: string;
  label: string;
  /** A second, dimmer line: a short name, a country code. */
  hint?: string;
}

export type RemoteSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  value: string | null;
  onChange(value: string | null): void;
  /** Shown for the current value before any search has loaded it (an edit form's saved value). */
  initialOption?: RemoteOption | null;
};

interface Props extends RemoteSelectProps {
  /** Cache key of this kind of option, including anything the search depends on (language, filters). */
  cacheKey: readonly unknown[];
  search(q: string): Promise<RemoteOption[]>;
  /** Looks up the label of a value nothing has loaded yet (a filter that came in the URL). */
  resolve?(value: string): Promise<RemoteOption>;
}

/**
 * A searchable Select whose options come from the server's `q` search, so it scales to
 * directories far larger than one page. The server has already filtered, so the Select does not.
 */
export function RemoteSelect({ cacheKey, search, resolve, value, onChange, initialOption, ...rest }: Props) {
  const { t } = useTranslation();
  const seen = useRef(new Map<string, RemoteOption>());
  if (initialOption) seen.current.set(initialOption.value, initialOption);

  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  const known = value ? seen.current.get(value) : undefined;
  // After a choice the box shows its label; that is not a search, so show everything again.
  const q = known && debounced === known.label ? '' : debounced.trim();

  const options = useQuery({
    queryKey: ['options', ...cacheKey, q],
    queryFn: () => search(q),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const resolved = useQuery({
    queryKey: ['option', ...cacheKey, value],
    queryFn: () => resolve!(value!),
    enabled: Boolean(value && !known && resolve),
    staleTime: 5 * 60_000,
  });

  for (const o of options.data ?? []) seen.current.set(o.value, o);
  if (resolved.data) seen.current.set(resolved.data.value, resolved.data);
  const current = value ? seen.current.get(value) : undefined;

  const list = [...(options.data ?? [])];
  if (current && !list.some((o) => o.value === current.value)) list.unshift(current);

  return (
    <Select
      searchable
      data={list.map(({ value: v, label }) => ({ value: v, label }))}
      value={value}
      onChange={(v) => onChange(v)}
      searchValue={text}
      onSearchChange={setText}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('select.nothingFound')}
      rightSection={options.isFetching ? <Loader size={14} /> : undefined}
      maxDropdownHeight={300}
      renderOption={({ option }) => {
        const hint = seen.current.get(option.value)?.hint;
        return (
          <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
            <Text fz="sm" truncate>
              {option.label}
            </Text>
            {hint && (
              <Text fz="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {hint}
              </Text>
            )}
          </Group>
        );
      }}
      {...rest}
    />
  );
}
