/** Shapes of the intelligence API for the console (/api/v1/intel): collections, search, object pages, sharing. */
import { z } from 'zod';
import { listQuery } from '../../lib/list.js';
import { tlpLevels } from './tlp.js';

const Id = z.string().uuid();
const StixId = z
  .string()
  .max(300)
  .regex(/^[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Must be a STIX identifier');
const Tlp = z.enum(tlpLevels);
export const ApiRoot = z.enum(['real', 'exercise']);
const StixObject = z.record(z.string(), z.unknown());

export const Collection = z.object({
  id: Id,
  apiRoot: ApiRoot,
  title: z.string(),
  description: z.string(),
  alias: z.string().nullable(),
  ownerOrganisationId: Id.nullable(),
  canRead: z.boolean(),
  canWrite: z.boolean(),
});
export const CollectionList = z.object({ items: z.array(Collection) });
export const CollectionQuery = z.object({ apiRoot: ApiRoot.default('real') });
export const CollectionInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  alias: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Lower-case letters, digits, - and _')
    .nullable()
    .optional(),
  apiRoot: ApiRoot.default('real'),
  organisationId: Id.optional(),
});
export const AccessParams = z.object({ id: Id, organisationId: Id });
export const AccessInput = z.strictObject({ canRead: z.boolean(), canWrite: z.boolean() });

export const ObjectParams = z.object({ id: StixId });

export const ObjectSearchQuery = listQuery.extend({
  apiRoot: ApiRoot.default('real'),
  type: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .max(250)
    .optional(),
  tlp: Tlp.optional(),
  community: Id.optional(),
  organisation: Id.optional(),
  /** The object's version time (`modified`, else `created`), from and to, inclusive. */
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
export type ObjectSearchQuery = z.infer<typeof ObjectSearchQuery>;

export const ObjectSummary = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().nullable(),
  tlp: Tlp,
  modified: z.string(),
  dateAdded: z.string(),
  ownerOrganisationId: Id.nullable(),
  ownerOrganisationName: z.string().nullable(),
  collectionId: Id,
  exercise: z.boolean(),
});
export type ObjectSummary = z.infer<typeof ObjectSummary>;

const Named = z.object({ id: Id, name: z.string() });
export const Sharing = z.object({
  communities: z.array(Named),
  organisations: z.array(Named),
  people: z.array(Named),
});
export type Sharing = z.infer<typeof Sharing>;

export const ObjectDetail = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().nullable(),
  exercise: z.boolean(),
  tlp: Tlp,
  markingRefs: z.array(z.string()),
  ownerOrganisationId: Id.nullable(),
  ownerOrganisationName: z.string().nullable(),
  /** What the console may offer the viewer. */
  canShare: z.boolean(),
  versions: z.array(z.object({ version: z.string(), dateAdded: z.string(), collectionId: Id, tlp: Tlp, object: StixObject })),
  relationships: z.array(
    z.object({
      id: z.string(),
      relationshipType: z.string().nullable(),
      sourceRef: z.string(),
      targetRef: z.string(),
      tlp: Tlp,
      object: StixObject,
    }),
  ),
  sharing: Sharing,
  correlations: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      name: z.string().nullable(),
      tlp: Tlp,
      matches: z.array(z.object({ kind: z.string(), value: z.string() })),
    }),
  ),
  sightings: z.object({
    total: z.number().int(),
    byOrganisation: z.array(
      z.object({
        organisationId: Id.nullable(),
        organisationName: z.string().nullable(),
        countryCode: z.string().nullable(),
        sightings: z.number().int(),
        count: z.number().int(),
      }),
    ),
    byCountry: z.array(z.object({ countryCode: z.string().nullable(), sightings: z.number().int(), count: z.number().int() })),
  }),
});
export type ObjectDetail = z.infer<typeof ObjectDetail>;
export const DetailQuery = z.object({ apiRoot: ApiRoot.default('real') });

export const CreateObjectInput = z.strictObject({
  collectionId: Id,
  tlp: Tlp.default('amber'),
  /** The organisation the object is created for; the caller's first by default. */
  organisationId: Id.optional(),
  /** The STIX object without id, created_by_ref or marking: the server sets those. */
  object: StixObject.refine((o) => typeof o.type === 'string', 'The object needs a type'),
});
export type CreateObjectInput = z.infer<typeof CreateObjectInput>;

export const SharingInput = z
  .strictObject({
    communityIds: z.array(Id).max(200).optional(),
    organisationIds: z.array(Id).max(500).optional(),
    userIds: z.array(Id).max(500).optional(),
  })
  .refine(
    (s) => (s.communityIds?.length ?? 0) + (s.organisationIds?.length ?? 0) + (s.userIds?.length ?? 0) > 0,
    'Name someone to share with',
  );
export type SharingInput = z.infer<typeof SharingInput>;

export const MarkingInput = z.strictObject({ tlp: Tlp });
/** Without apiRoot the object is looked for in the real API root first, then in the exercise one. */
export const MarkingQuery = z.object({ apiRoot: ApiRoot.optional() });

export const RecipientQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type RecipientQuery = z.infer<typeof RecipientQuery>;

/** A person an object may be addressed to: enough to pick them, no more. */
export const Recipient = z.object({
  id: Id,
  name: z.string(),
  organisationId: Id,
  organisationName: z.string(),
  /** Only for people of the caller's own organisations and those under them. */
  email: z.string().nullable(),
});
export type Recipient = z.infer<typeof Recipient>;
