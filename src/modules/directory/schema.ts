/** Shapes of the directory API (organisations, sites, people, points of contact, communities). */
import { z } from 'zod';
import { listQuery } from '../../lib/list.js';
import { TimeZone } from '../identity/schema.js';

export const organisationTypes = ['national_cert', 'ministry', 'agency', 'province', 'city', 'hospital', 'other'] as const;
export const siteModes = ['online', 'in_person'] as const;

const Id = z.string().uuid();
const Name = z.string().trim().min(1).max(200);
const Optional = (max: number) => z.string().trim().max(max).nullable().optional();
const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'Two-letter ISO 3166-1 code');
const EmailAddress = z.string().trim().email().max(254);

export const Country = z.object({ code: z.string(), name: z.string() });

export const OrganisationInput = z.strictObject({
  name: Name,
  shortName: Optional(50),
  type: z.enum(organisationTypes),
  sector: Optional(100),
  countryCode: CountryCode,
  parentId: Id.nullable().optional(),
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;
export const OrganisationPatch = OrganisationInput.partial();
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;

export const Organisation = z.object({
  id: Id,
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(organisationTypes),
  sector: z.string().nullable(),
  countryCode: z.string(),
  countryName: z.string(),
  parentId: Id.nullable(),
  parentName: z.string().nullable(),
  stixIdentityId: z.string(),
  siteCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationQuery = listQuery.extend({
  type: z.enum(organisationTypes).optional(),
  countryCode: CountryCode.optional(),
  parentId: Id.optional(),
});

export const SiteInput = z.strictObject({
  organisationId: Id,
  name: Name,
  city: Optional(120),
  timeZone: TimeZone,
  mode: z.enum(siteModes),
});
export type SiteInput = z.infer<typeof SiteInput>;
export const SitePatch = SiteInput.partial();
export type SitePatch = z.infer<typeof SitePatch>;
export const Site = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  countryCode: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  timeZone: z.string(),
  mode: z.enum(siteModes),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Site = z.infer<typeof Site>;
export const SiteQuery = listQuery.extend({
  organisationId: Id.optional(),
  countryCode: CountryCode.optional(),
  mode: z.enum(siteModes).optional(),
});

export const PersonInput = z.strictObject({
  organisationId: Id,
  fullName: Name,
  jobTitle: Optional(200),
  email: EmailAddress.nullable().optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;
export const PersonPatch = PersonInput.partial();
export type PersonPatch = z.infer<typeof PersonPatch>;
export const Person = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  countryCode: z.string(),
  fullName: z.string(),
  jobTitle: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;
export const PersonQuery = listQuery.extend({ organisationId: Id.optional() });

export const PointOfContactInput = z.strictObject({
  organisationId: Id,
  personId: Id.nullable().optional(),
  label: Name,
  phone24x7: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()\-.]{5,30}$/, 'A phone number such as +84 24 3640 4421')
    .nullable()
    .optional(),
  email: EmailAddress,
  pgpKey: z.string().max(20_000).nullable().optional(),
});
export type PointOfContactInput = z.infer<typeof PointOfContactInput>;
export const PointOfContactPatch = PointOfContactInput.partial();
export type PointOfContactPatch = z.infer<typeof PointOfContactPatch>;
export const PointOfContact = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  countryCode: z.string(),
  personId: Id.nullable(),
  personName: z.string().nullable(),
  label: z.string(),
  phone24x7: z.string().nullable(),
  email: z.string(),
  pgpKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PointOfContact = z.infer<typeof PointOfContact>;
export const PointOfContactQuery = listQuery.extend({ organisationId: Id.optional() });

export const CommunityInput = z.strictObject({
  name: Name,
  description: z.string().trim().max(2000).optional(),
  memberIds: z.array(Id).max(1000).optional(),
});
export type CommunityInput = z.infer<typeof CommunityInput>;
export const CommunityPatch = z.strictObject({ name: Name.optional(), description: z.string().trim().max(2000).optional() });
export type CommunityPatch = z.infer<typeof CommunityPatch>;
export const CommunityMember = z.object({ id: Id, name: z.string(), type: z.enum(organisationTypes), countryCode: z.string() });
export const Community = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  members: z.array(CommunityMember).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Community = z.infer<typeof Community>;
export const CommunityQuery = listQuery.extend({ organisationId: Id.optional() });

export const IdParams = z.object({ id: Id });
export const MemberParams = z.object({ id: Id, organisationId: Id });
