/** The API's JSON shapes as the console uses them (docs/API.md; the OpenAPI document is the reference). */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Locale = 'en' | 'vi' | 'ja';

export type Role = 'node_admin' | 'org_admin' | 'controller' | 'evaluator' | 'player' | 'analyst' | 'observer' | 'peer';

export interface Membership {
  organisationId: string;
  organisationName: string;
  role: Role;
}

export interface User {
  id: string;
  email: string;
  fullName: string;
  locale: string;
  timeZone: string | null;
  nodeAdmin: boolean;
  memberships: Membership[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Country {
  code: string;
  name: string;
}

export const organisationTypes = ['national_cert', 'ministry', 'agency', 'province', 'city', 'hospital', 'other'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  type: OrganisationType;
  sector: string | null;
  countryCode: string;
  countryName: string;
  parentId: string | null;
  parentName: string | null;
  stixIdentityId: string;
  siteCount: number;
  createdAt: string;
  updatedAt: string;
}

export const siteModes = ['online', 'in_person'] as const;
export type SiteMode = (typeof siteModes)[number];

export interface Site {
  id: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  name: string;
  city: string | null;
  timeZone: string;
  mode: SiteMode;
  createdAt: string;
  updatedAt: string;
}

export interface Person {
  id: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  fullName: string;
  jobTitle: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PointOfContact {
  id: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  personId: string | null;
  personName: string | null;
  label: string;
  phone24x7: string | null;
  email: string;
  pgpKey: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommunityMember {
  id: string;
  name: string;
  type: OrganisationType;
  countryCode: string;
}

export interface Community {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  members?: CommunityMember[];
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBefore: number | null;
}
