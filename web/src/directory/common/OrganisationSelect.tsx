import { api } from '../../api/client';
import type { Organisation, Page } from '../../api/types';
import { RemoteSelect, type RemoteSelectProps } from './RemoteSelect';

const toOption = (o: Pick<Organisation, 'id' | 'name' | 'shortName' | 'countryCode'>) => ({
  value: o.id,
  label: o.name,
  hint: [o.shortName, o.countryCode].filter(Boolean).join(' · '),
});

/** Picks an organisation by searching names and short names on the server. */
export function OrganisationSelect({ countryCode, ...props }: RemoteSelectProps & { countryCode?: string }) {
  return (
    <RemoteSelect
      cacheKey={['organisations', countryCode ?? '']}
      search={async (q) =>
        (await api.get<Page<Organisation>>('/organisations', { q, countryCode, sort: 'name', limit: 50 })).items.map(toOption)
      }
      resolve={async (id) => toOption(await api.get<Organisation>(`/organisations/${id}`))}
      {...props}
    />
  );
}
