import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { RemoteSelect, type RemoteSelectProps } from './RemoteSelect';

const toOption = (p: Person) => ({ value: p.id, label: p.fullName, hint: p.jobTitle ?? undefined });

/** Picks a person of one organisation (a point of contact belongs to the same organisation). */
export function PersonSelect({ organisationId, ...props }: RemoteSelectProps & { organisationId: string }) {
  return (
    <RemoteSelect
      cacheKey={['people', organisationId]}
      search={async (q) =>
        organisationId
          ? (await api.get<Page<Person>>('/people', { q, organisationId, sort: 'fullName', limit: 50 })).items.map(toOption)
          : []
      }
      resolve={async (id) => toOption(await api.get<Person>(`/people/${id}`))}
      disabled={!organisationId}
      {...props}
    />
  );
}
