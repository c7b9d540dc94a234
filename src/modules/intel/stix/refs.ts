/**
 * What `*_ref` and `*_refs` properties may point to. The schemas only check that a reference is
 * an identifier; the spec also says what type it must be (created_by_ref names an identity,
 * sighting_of_ref an SDO, …). The well-known references are in the table below; any other
 * top-level `_ref`/`_refs` property, custom ones included, must at least hold identifiers.
 */
import { BUNDLE_TYPE, identifierType, META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES, type StixValidationError } from './types.js';

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
  return { accepts: (type) => type !== BUNDLE_TYPE && !excluded.some((set) => set.has(type)), description };
}

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
};

/** References of the spec's own types (STIX 2.1, sections 4 to 7). */
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
  },
  file: { parent_directory_ref: oneOf('directory'), content_ref: oneOf('artifact'), contains_refs: SCO },
  'ipv4-addr': { resolves_to_refs: oneOf('mac-addr'), belongs_to_refs: oneOf('autonomous-system') },
  'ipv6-addr': { resolves_to_refs: oneOf('mac-addr'), belongs_to_refs: oneOf('autonomous-system') },
  'network-traffic': {
    src_ref: ADDRESS,
    dst_ref: ADDRESS,
    src_payload_ref: oneOf('artifact'),
    dst_payload_ref: oneOf('artifact'),
    encapsulates_refs: oneOf('network-traffic'),
    encapsulated_by_ref: oneOf('network-traffic'),
  },
  process: {
    opened_connection_refs: oneOf('network-traffic'),
    creator_user_ref: USER,
    image_ref: oneOf('file'),
    parent_ref: oneOf('process'),
    child_refs: oneOf('process'),
  },
  'windows-registry-key': { creator_user_ref: USER },
};

export function checkReferences(obj: Record<string, unknown>, type: string, errors: StixValidationError[]): void {
  const specific = BY_TYPE[type];
  for (const name of Object.keys(obj)) {
    const single = name.endsWith('_ref');
    if (!single && !name.endsWith('_refs')) continue;
    const target = specific?.[name] ?? COMMON[name];
    const value = obj[name];
    if (single) {
      checkOne(value, name, target, errors);
    } else if (!Array.isArray(value)) {
      errors.push({ path: name, message: 'must be a list of identifiers' });
    } else {
      for (let i = 0; i < value.length; i++) checkOne(value[i], `${name}[${i}]`, target, errors);
    }
  }
  const granular = obj.granular_markings;
  if (Array.isArray(granular)) {
    for (let i = 0; i < granular.length; i++) {
      const ref = (granular[i] as Record<string, unknown> | null)?.marking_ref;
      if (ref !== undefined) checkOne(ref, `granular_markings[${i}].marking_ref`, MARKING, errors);
    }
  }
}

function checkOne(value: unknown, path: string, target: Target | undefined, errors: StixValidationError[]): void {
  const referenced = identifierType(value);
  if (referenced === null) errors.push({ path, message: 'must be an identifier of the form <type>--<UUID>' });
  else if (target && !target.accepts(referenced))
    errors.push({ path, message: `must refer to ${target.description}, not ${article(referenced)}` });
}
