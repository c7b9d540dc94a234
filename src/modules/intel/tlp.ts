/**
 * TLP 2.0 as the server enforces it (DESIGN.md): the marking ids, how TLP 1.0 ids and unmarked
 * objects are understood, and the one rule deciding who may receive an object. Every read path
 * (API, TAXII, search, exports, correlation, federation) asks `readerFilterSql` or `mayRead`; none
 * has its own copy of the rule.
 */
export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof tlpLevels)[number];

export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const tlpMarkingId: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

const byMarkingId = new Map<string, Tlp>([
  ...Object.entries(tlpMarkingId).map(([tlp, id]) => [id, tlp as Tlp] as const),
  // TLP 1.0 ids, understood as their 2.0 equivalents.
  ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'clear'],
  ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'green'],
  ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'amber'],
  ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'red'],
]);

const strictness: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** Whether marking `a` reaches fewer readers than marking `b` (RED is the strictest, CLEAR the least). */
export const isStricter = (a: Tlp, b: Tlp): boolean => strictness[a] > strictness[b];

/**
 * The TLP of a STIX object from its object_marking_refs. Unmarked objects are AMBER until someone
 * marks them; with several TLP markings the strictest wins.
 */
export function tlpOf(object: { object_marking_refs?: unknown }): Tlp {
  const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  let found: Tlp | undefined;
  for (const ref of refs) {
    const tlp = typeof ref === 'string' ? byMarkingId.get(ref) : undefined;
    if (tlp && (!found || strictness[tlp] > strictness[found])) found = tlp;
  }
  return found ?? 'amber';
}

export function isTlpMarking(ref: string): boolean {
  return byMarkingId.has(ref);
}

/** Who is reading: their user, organisations (with those above them) and communities. */
export interface Reader {
  userId: string | null;
  /** Organisations the reader is a member of. */
  organisationIds: string[];
  /** The reader's organisations and every organisation above them (AMBER reaches down the tree). */
  organisationTree: string[];
  communityIds: string[];
  /** Node admins and the system still obey TLP; this flag only marks public (anonymous) exports. */
  publicOnly?: boolean;
}

/**
 * What the rule needs to know about one object (one version). Its addressees are those its owner
 * shared the object with: another organisation's sharing of the same STIX id covers that
 * organisation's versions only.
 */
export interface Shared {
  tlp: Tlp;
  ownerOrganisationId: string | null;
  communityIds: string[];
  organisationIds: string[];
  userIds: string[];
}

/**
 * The rule. CLEAR: anyone. GREEN: members of the communities it is shared with. AMBER: the
 * organisations it is addressed to and those under them. AMBER+STRICT: the addressed organisations
 * only. RED: the addressed people only. The owning organisation reads its own objects except RED,
 * which stays with the people it names.
 */
export function mayRead(reader: Reader, o: Shared): boolean {
  if (o.tlp === 'clear') return true;
  if (reader.publicOnly) return false;
  const inter = (a: string[], b: string[]) => a.some((x) => b.includes(x));
  switch (o.tlp) {
    case 'red':
      return reader.userId !== null && o.userIds.includes(reader.userId);
    case 'green':
      return inter(reader.communityIds, o.communityIds) || owns(reader, o);
    case 'amber':
      return inter(reader.organisationTree, o.organisationIds) || owns(reader, o);
    case 'amber+strict':
      return inter(reader.organisationIds, o.organisationIds) || owns(reader, o);
  }
}

const owns = (reader: Reader, o: Shared) => o.ownerOrganisationId !== null && reader.organisationIds.includes(o.ownerOrganisationId);

/**
 * The same rule as SQL over `intel_objects` aliased `o` (or `alias`), for filtering in the
 * database. Parameters from `readerParams(reader)` start at `$first`.
 */
export function readerFilterSql(first: number, alias = 'o'): string {
  const o = alias;
  const [user, orgs, tree, communities, publicOnly] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  // One probe of the object's sharing rows decides every marking (a CASE on the marking rather than
  // an EXISTS per marking): the planner has one sub-plan to place instead of four, and this filter
  // is planned on every read, sometimes twice in one query (TAXII's version tests).
  return `(${o}.tlp = 'clear' OR (NOT ${publicOnly}::boolean AND (
      (${o}.tlp <> 'red' AND ${o}.owner_organisation_id = ANY(${orgs}::uuid[]))
   OR EXISTS (SELECT 1 FROM intel_sharing s WHERE s.stix_id = ${o}.stix_id
        AND s.owner_organisation_id IS NOT DISTINCT FROM ${o}.owner_organisation_id AND CASE ${o}.tlp
        WHEN 'red' THEN s.user_id = ${user}::uuid
        WHEN 'green' THEN s.community_id = ANY(${communities}::uuid[])
        WHEN 'amber' THEN s.organisation_id = ANY(${tree}::uuid[])
        WHEN 'amber+strict' THEN s.organisation_id = ANY(${orgs}::uuid[]) END))))`;
}

export function readerParams(reader: Reader): unknown[] {
  return [reader.userId, reader.organisationIds, reader.organisationTree, reader.communityIds, Boolean(reader.publicOnly)];
}
