import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { allTimeZones, utcOffset } from '../format/timeZones';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string;
  onChange(value: string): void;
};

/** Every IANA zone the browser knows, labelled with its current UTC offset. */
export function TimeZoneSelect({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const now = new Date();
    const zones = allTimeZones();
    const list = value && !zones.includes(value) ? [value, ...zones] : zones;
    return list.map((tz) => ({ value: tz, label: `${tz} (${utcOffset(tz, now)})` }));
  }, [value]);
  return (
    <Select
      searchable
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      limit={60}
      maxDropdownHeight={280}
      nothingFoundMessage={t('select.nothingFound')}
      {...rest}
    />
  );
}
