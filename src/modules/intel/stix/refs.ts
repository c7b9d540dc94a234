/**
 * What `*_ref` and `*_refs` properties may point to, wherever they are in an object (structure.ts
 * finds them). The schemas only check that a reference is an identifier; the spec also says what
 * type it must be (created_by_ref names an identity, sighting_of_ref an SDO, an email's
 * body_multipart[].body_raw_ref an artifact or a file, …). The references the spec names are in
 * the tables below, keyed by where they sit in the object; any other reference, custom ones and
 * those inside custom extensions included, must refer to some object. None may refer to a bundle,
 * which is a container for transport and not an object, nor use upper-case hex (core.ts says why).
 */
import { BUNDLE_TYPE, identifierType, META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES, type StixValidationError, UPPER_HEX } from './types.js';
import type { RefProperty } from './structure.js';

interface Target {
  /** Whether an identifier of this type may be referenced. */
  accepts(type: string): boolean;
  /** "an identity", "an SDO", … for messages. */
  description: string;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function oneOf(...types: string[]): Target {
  const set = new Set(types);
  const names = types.map(article);
  const description = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return { accepts: (type) => set.has(type), description };
}

/**
 * Custom types cannot be told apart (an `x-…` type may be an SDO or an SCO), so categories reject
 * only the spec's own types of the wrong kind.
 */
function noneOf(description: string, ...excluded: ReadonlySet<string>[]): Target {
  return { accepts: (type) => !excluded.some((set) => set.has(type)), description };
}

/** References the spec names no target for: any object (a bundle is refused before targets are asked). */
const ANY = noneOf('an object');

const SDO = noneOf('an SDO', SCO_TYPES, SRO_TYPES, META_TYPES);
const SCO = noneOf('an SCO', SDO_TYPES, SRO_TYPES, META_TYPES);
const SDO_OR_SCO = noneOf('an SDO or SCO', SRO_TYPES, META_TYPES);
const SCO_OR_SRO = noneOf('an SCO or SRO', SDO_TYPES, META_TYPES);
const IDENTITY = oneOf('identity');
const MARKING = oneOf('marking-definition');
const SOFTWARE = oneOf('software');
const ADDRESS = oneOf('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name');
const EMAIL = oneOf('email-addr');
const USER = oneOf('user-account');

/** References every object may carry. */
const COMMON: Record<string, Target> = {
  created_by_ref: IDENTITY,
  object_marking_refs: MARKING,
  'granular_markings[].marking_ref': MARKING,
};

/**
 * References of the spec's own types (STIX 2.1, sections 4 to 7), keyed by their shape: the
 * property's path with list indexes dropped, so that embedded types and predefined extensions
 * have their own entries.
 */
const BY_TYPE: Record<string, Record<string, Target>> = {
  relationship: { source_ref: SDO_OR_SCO, target_ref: SDO_OR_SCO },
  sighting: { sighting_of_ref: SDO, where_sighted_refs: oneOf('identity', 'location'), observed_data_refs: oneOf('observed-data') },
  'observed-data': { object_refs: SCO_OR_SRO },
  malware: { operating_system_refs: SOFTWARE, sample_refs: oneOf('file', 'artifact') },
  'malware-analysis': {
    host_vm_ref: SOFTWARE,
    operating_system_ref: SOFTWARE,
    installed_software_refs: SOFTWARE,
    analysis_sco_refs: SCO,
    sample_ref: oneOf('file', 'artifact', 'network-traffic'),
  },
  directory: { contains_refs: oneOf('file', 'directory') },
  'domain-name': { resolves_to_refs: oneOf('ipv4-addr', 'ipv6-addr', 'domain-name') },
  'email-addr': { belongs_to_ref: USER },
  'email-message': {
    from_ref: EMAIL,
    sender_ref: EMAIL,
    to_refs: EMAIL,
    cc_refs: EMAIL,
    bcc_refs: EMAIL,
    raw_email_ref: oneOf('artifact'),
    // The email MIME component type, embedded in body_multipart.
    'body_multipart[].body_raw_ref': oneOf('artifact', 'file'),
  },
  file: {
    parent_directory_ref: oneOf('directory'),
    content_ref: oneOf('artifact'),
    contains_refs: SCO,
    // The archive file extension: the files and directories in the archive.
    'extensions.archive-ext.contains_refs': oneOf('file', 'directory'),
  },
  'ipv4-addr': { resolves_to_refs: oneOf('mac-addr'), belongs_to_refs: oneOf('autonomous-system') },
  'ipv6-addr': { resolves_to_refs: oneOf('mac-addr'), belongs_to_refs: oneOf('autonomous-system') },
  'network-traffic': {
    src_ref: ADDRESS,
    dst_ref: ADDRESS,
    src_payload_ref: oneOf('artifact'),
    dst_payload_ref: oneOf('artifact'),
    encapsulates_refs: oneOf('network-traffic'),
    encapsulated_by_ref: oneOf('network-traffic'),
    // The HTTP request extension: the message body.
    'extensions.http-request-ext.message_body_data_ref': oneOf('artifact'),
  },
  process: {
    opened_connection_refs: oneOf('network-traffic'),
    creator_user_ref: USER,
    image_ref: oneOf('file'),
    parent_ref: oneOf('process'),
    child_refs: oneOf('process'),
    // The Windows service extension: the DLLs the service loads.
    'extensions.windows-service-ext.service_dll_refs': oneOf('file'),
  },
  'windows-registry-key': { creator_user_ref: USER },
};

/**
 * Properties of the spec's own types whose keys are data (header names, variable names…), not
 * property names; a key there that ends in `_ref` is no reference. Observed-data's deprecated
 * `objects` is listed too: the observables in it refer to each other by their keys in that
 * dictionary (the STIX 2.0 way), which the schema checks.
 */
const DICTIONARIES: Record<string, ReadonlySet<string>> = {
  'email-message': new Set(['additional_header_fields']),
  file: new Set(['extensions.pdf-ext.document_info_dict', 'extensions.raster-image-ext.exif_tags']),
  'network-traffic': new Set(['ipfix', 'extensions.http-request-ext.request_header', 'extensions.socket-ext.options']),
  process: new Set(['environment_variables', 'extensions.windows-process-ext.startup_info']),
  'observed-data': new Set(['objects']),
};

export function dictionariesOf(type: unknown): ReadonlySet<string> | undefined {
  return typeof type === 'string' ? DICTIONARIES[type] : undefined;
}

export function checkReferences(type: string, refs: readonly RefProperty[], errors: StixValidationError[]): void {
  const specific = BY_TYPE[type];
  for (const { path, shape, list, value } of refs) {
    const target = specific?.[shape] ?? COMMON[shape] ?? ANY;
    if (!list) {
      checkOne(value, path, target, errors);
    } else if (!Array.isArray(value)) {
      errors.push({ path, message: 'must be a list of identifiers' });
    } else {
      for (let i = 0; i < value.length; i++) checkOne(value[i], `${path}[${i}]`, target, errors);
    }
  }
}

function checkOne(value: unknown, path: string, target: Target, errors: StixValidationError[]): void {
  const referenced = identifierType(value);
  if (referenced === null) errors.push({ path, message: 'must be an identifier of the form <type>--<UUID>' });
  else if (referenced === BUNDLE_TYPE)
    errors.push({ path, message: 'cannot refer to a bundle: a bundle is a container for transport, not an object' });
  else if (UPPER_HEX.test(value as string))
    errors.push({ path, message: `must be in lower case (${(value as string).toLowerCase()}), as RFC 4122 writes UUIDs` });
  else if (!target.accepts(referenced)) errors.push({ path, message: `must refer to ${target.description}, not ${article(referenced)}` });
}
