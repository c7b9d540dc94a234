/**
 * Shared vocabulary of the STIX validator: the object and error shapes, and which object types
 * the spec defines as domain objects (SDOs), cyber-observables (SCOs), relationships (SROs) or
 * meta objects — the reference rules are written in these terms.
 */

export type StixObject = {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  [k: string]: unknown;
};

/** `path` is dotted with list indexes, e.g. `external_references[0].url`; '' is the object itself. */
export interface StixValidationError {
  path: string;
  message: string;
}

/** The type lists as the specification groups them; the console's filters and labels use these too. */
export const DOMAIN_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const SDO_TYPES: ReadonlySet<string> = new Set(DOMAIN_TYPES);

export const OBSERVABLE_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

export const SCO_TYPES: ReadonlySet<string> = new Set(OBSERVABLE_TYPES);

export const RELATIONSHIP_TYPES = ['relationship', 'sighting'] as const;

export const SRO_TYPES: ReadonlySet<string> = new Set(RELATIONSHIP_TYPES);

export const META_TYPES: ReadonlySet<string> = new Set(['marking-definition', 'language-content', 'extension-definition']);

/** The one type an identifier can carry that no stored object has. */
export const BUNDLE_TYPE = 'bundle';

/**
 * `type--UUID`, as the schemas' identifier.json has it (RFC 4122 variant, versions 1 to 5). It
 * matches upper-case hex too, so that such an id is told what is wrong with it (UPPER_HEX).
 */
export const IDENTIFIER =
  /^([a-z][a-z0-9-]+[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** In a string IDENTIFIER matched, upper-case letters can only be in the UUID, which must be lower case. */
export const UPPER_HEX = /[A-F]/;

/** The type of an identifier, or null when the value is not one. */
export function identifierType(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = IDENTIFIER.exec(value);
  return m ? m[1] : null;
}
