/**
 * The intelligence API (/api/v1/intel) as the console uses it: shapes mirror
 * src/modules/intel/schema.ts, and every call the intelligence pages make is named here, so a change
 * of the contract is one edit.
 */
import { api, type QueryValue } from './client';
import type { Page } from './types';

export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof tlpLevels)[number];

export const apiRoots = ['real', 'exercise'] as const;
export type ApiRoot = (typeof apiRoots)[number];

export type StixObject = Record<string, unknown> & { type?: string; id?: string };

export interface Collection {
  id: string;
  apiRoot: ApiRoot;
  title: string;
  description: string;
  alias: string | null;
  ownerOrganisationId: string | null;
  canRead: boolean;
  canWrite: boolean;
}

export interface CollectionInput {
  title: string;
  description?: string;
  alias?: string | null;
  apiRoot: ApiRoot;
  organisationId?: string;
}

export interface ObjectSummary {
  id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  modified: string;
  dateAdded: string;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  collectionId: string;
  exercise: boolean;
}

export interface Named {
  id: string;
  name: string;
}

export interface Sharing {
  communities: Named[];
  organisations: Named[];
  people: { id: string; name: string }[];
}

export interface ObjectVersion {
  version: string;
  dateAdded: string;
  collectionId: string;
  tlp: Tlp;
  object: StixObject;
}

export interface Relationship {
  id: string;
  relationshipType: string | null;
  sourceRef: string;
  targetRef: string;
  tlp: Tlp;
  object: StixObject;
}

export interface Correlation {
  id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  matches: { kind: string; value: string }[];
}

export interface SightingCount {
  organisationId: string | null;
  organisationName: string | null;
  countryCode: string | null;
  sightings: number;
  count: number;
}

export interface ObjectDetail {
  id: string;
  type: string;
  name: string | null;
  exercise: boolean;
  tlp: Tlp;
  markingRefs: string[];
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  canShare: boolean;
  versions: ObjectVersion[];
  relationships: Relationship[];
  sharing: Sharing;
  correlations: Correlation[];
  sightings: {
    total: number;
    byOrganisation: SightingCount[];
    byCountry: { countryCode: string | null; sightings: number; count: number }[];
  };
}

export interface CreateObjectInput {
  collectionId: string;
  tlp: Tlp;
  organisationId?: string;
  /** Without id, created_by_ref or marking: the server sets those. */
  object: StixObject;
}

/** A person an object may be addressed to (GET /intel/recipients); e-mail only inside the caller's organisations. */
export interface Recipient {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  email: string | null;
}

export interface SharingInput {
  communityIds?: string[];
  organisationIds?: string[];
  userIds?: string[];
}

/** One place a false narrative was seen (src/modules/intel/misinformation/schema.ts). */
export interface SeenAt {
  platform: string;
  channel?: string;
  url?: string;
}

export interface Reach {
  estimatedAudience?: number;
  shares?: number;
  description?: string;
}

/** POST /intel/misinformation: stored as a STIX report of the reporter's organisation, real data only. */
export interface MisinformationInput {
  collectionId: string;
  tlp: Tlp;
  title?: string;
  claim: string;
  seenAt: SeenAt[];
  firstSeen: string;
  reach?: Reach;
  /** DISARM techniques: attack-pattern ids from the store. */
  techniques: string[];
  counterMessage?: string;
  factCheckUrl?: string;
}

export interface MisinformationReport {
  id: string;
  collectionId: string;
  name: string;
  claim: string;
  seenAt: SeenAt[];
  firstSeen: string;
  reach: Reach | null;
  techniques: { id: string; name: string | null; externalId: string | null }[];
  counterMessage: string | null;
  factCheckUrl: string | null;
  tlp: Tlp;
  createdByRef: string | null;
  created: string;
  modified: string;
}

export interface ImportFailure {
  id: string | null;
  message: string;
}

/** The answer of POST /intel/imports; kind, total and warnings are shown when the server sends them. */
export interface ImportResult {
  added: number;
  duplicates: number;
  failures: ImportFailure[];
  kind?: string;
  total?: number;
  warnings?: string[];
}

export const intelKey = 'intel';

const objectPath = (id: string) => `/intel/objects/${encodeURIComponent(id)}`;

export const intelApi = {
  collections: (apiRoot: ApiRoot) => api.get<{ items: Collection[] }>('/intel/collections', { apiRoot }).then((r) => r.items),
  createCollection: (input: CollectionInput) => api.post<Collection>('/intel/collections', input),
  search: (query: Record<string, QueryValue>) => api.get<Page<ObjectSummary>>('/intel/objects', query),
  object: (id: string, apiRoot: ApiRoot) => api.get<ObjectDetail>(objectPath(id), { apiRoot }),
  create: (input: CreateObjectInput) => api.post<ObjectDetail>('/intel/objects', input),
  share: (id: string, input: SharingInput) => api.post<Sharing>(`${objectPath(id)}/sharing`, input),
  /** A new version of the object under another TLP marking (drill objects stay in the exercise root). */
  mark: (id: string, tlp: Tlp) => api.post<ObjectDetail>(`${objectPath(id)}/marking`, { tlp }),
  /** People of organisations the caller may share with, for addressing RED. */
  recipients: (q: string, limit = 50) => api.get<Page<Recipient>>('/intel/recipients', { q, limit }),
  reportMisinformation: (input: MisinformationInput) => api.post<MisinformationReport>('/intel/misinformation', input),
  misinformation: (id: string) => api.get<MisinformationReport>(`/intel/misinformation/${encodeURIComponent(id)}`),
  misinformationByTechnique: (technique: string) =>
    api.get<{ items: MisinformationReport[] }>('/intel/misinformation', { technique }).then((r) => r.items),
};
