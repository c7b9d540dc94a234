/** Server-searched pickers of the intelligence pages: recipients, communities and STIX objects. */
import { useRef } from 'react';
import { api } from '../../api/client';
import { type ApiRoot, intelApi, type ObjectSummary } from '../../api/intel';
import type { Community, Organisation, Page } from '../../api/types';
import { RemoteSelect, type RemoteSelectProps } from '../../directory/common/RemoteSelect';
import { TlpBadge } from '../tlp/TlpBadge';
import { fallbackName } from './labels';
import { RemoteMultiSelect, type RemoteMultiSelectProps } from './RemoteMultiSelect';

const searchCommunities = async (q: string) =>
  (await api.get<Page<Community>>('/communities', { q, sort: 'name', limit: 50 })).items.map((c) => ({
    value: c.id,
    label: c.name,
    hint: String(c.memberCount),
  }));

export function CommunitySelect(props: RemoteSelectProps) {
  return (
    <RemoteSelect
      cacheKey={['communities']}
      search={searchCommunities}
      resolve={async (id) => {
        const c = await api.get<Community>(`/communities/${id}`);
        return { value: c.id, label: c.name };
      }}
      {...props}
    />
  );
}

export function CommunityMultiSelect(props: RemoteMultiSelectProps) {
  return <RemoteMultiSelect cacheKey={['communities']} search={searchCommunities} {...props} />;
}

export function OrganisationMultiSelect(props: RemoteMultiSelectProps) {
  return (
    <RemoteMultiSelect
      cacheKey={['organisations', '']}
      search={async (q) =>
        (await api.get<Page<Organisation>>('/organisations', { q, sort: 'name', limit: 50 })).items.map((o) => ({
          value: o.id,
          label: o.name,
          hint: [o.shortName, o.countryCode].filter(Boolean).join(' · '),
        }))
      }
      {...props}
    />
  );
}

/**
 * People to address RED to: users of organisations the caller may share with, found by name or
 * organisation (GET /intel/recipients, open to analysts). Addresses come only for the caller's own
 * organisations, so the organisation is the hint and the address a fallback label.
 */
export function UserMultiSelect(props: RemoteMultiSelectProps) {
  return (
    <RemoteMultiSelect
      cacheKey={['intel-recipients']}
      search={async (q) =>
        (await intelApi.recipients(q)).items.map((p) => ({
          value: p.id,
          label: p.name || p.email || p.organisationName,
          hint: p.email ? `${p.organisationName} · ${p.email}` : p.organisationName,
        }))
      }
      {...props}
    />
  );
}

const objectOption = (o: ObjectSummary) => ({ value: o.id, label: o.name ?? fallbackName(undefined, o.id), hint: o.type });

/** STIX objects the reader may see, found by the intelligence search, optionally of one type. */
export function ObjectMultiSelect({ type, apiRoot = 'real', ...props }: RemoteMultiSelectProps & { type?: string; apiRoot?: ApiRoot }) {
  // Remembered across renders: cached searches do not run again to fill it.
  const tlps = useRef(new Map<string, ObjectSummary['tlp']>()).current;
  return (
    <RemoteMultiSelect
      cacheKey={['intel-objects', apiRoot, type ?? '']}
      search={async (q) => {
        const page = await intelApi.search({ q, type, apiRoot, limit: 50, sort: type === 'attack-pattern' ? 'name' : '-modified' });
        for (const o of page.items) tlps.set(o.id, o.tlp);
        return page.items.map(objectOption);
      }}
      decorate={(id) => {
        const tlp = tlps.get(id);
        return tlp ? <TlpBadge tlp={tlp} size="xs" /> : null;
      }}
      {...props}
    />
  );
}

export function ObjectSelect({ apiRoot = 'real', ...props }: RemoteSelectProps & { apiRoot?: ApiRoot }) {
  return (
    <RemoteSelect
      cacheKey={['intel-objects', apiRoot, '']}
      search={async (q) => (await intelApi.search({ q, apiRoot, limit: 50 })).items.map(objectOption)}
      resolve={async (id) => {
        const o = await intelApi.object(id, apiRoot);
        return { value: o.id, label: o.name ?? fallbackName(o.versions[0]?.object, o.id), hint: o.type };
      }}
      {...props}
    />
  );
}
