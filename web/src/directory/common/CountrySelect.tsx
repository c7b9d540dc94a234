import { api } from '../../api/client';
import type { Country, Page } from '../../api/types';
import { countryName } from '../../format/country';
import { useFormat } from '../../format/useFormat';
import { RemoteSelect, type RemoteSelectProps } from './RemoteSelect';

/** Picks a country by the server's search of names and codes; shown in the console's language. */
export function CountrySelect(props: RemoteSelectProps) {
  const { lang } = useFormat();
  return (
    <RemoteSelect
      cacheKey={['countries', lang]}
      search={async (q) =>
        (await api.get<Page<Country>>('/countries', { q })).items.map((c) => ({
          value: c.code,
          label: countryName(c.code, lang, c.name),
          hint: c.code,
        }))
      }
      resolve={async (code) => ({ value: code, label: countryName(code, lang), hint: code })}
      {...props}
    />
  );
}
