/**
 * The rules every STIX object meets, custom types included, that the schemas either cannot
 * express or only express per known type: type name format, `id` of the form `<type>--<UUID>`,
 * spec_version, timestamps that are real UTC instants (RFC 3339 with 'Z', at most microseconds),
 * and the orderings the spec demands (modified not before created, last_seen not before
 * first_seen, …), and the common properties custom objects must have.
 */
import { compareTimestamps, timestampProblem } from '../pattern/timestamps.js';
import { IDENTIFIER, type StixValidationError, UPPER_HEX } from './types.js';

/** core.json's type pattern, written without nested quantifiers (see registry.ts). */
const TYPE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-?$/;

const SPEC_VERSIONS = new Set(['2.0', '2.1']);

/** Created and modified: "precise to the nearest millisecond"; finer is allowed down to microseconds. */
const VERSION_TIMESTAMPS = ['created', 'modified'];

/** Timestamp properties of the spec's own types, checked beyond the schemas' regex (real dates, precision). */
const SPEC_TIMESTAMPS = [
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'first_observed',
  'last_observed',
  'published',
  'submitted',
  'analysis_started',
  'analysis_ended',
  'ctime',
  'mtime',
  'atime',
  'start',
  'end',
  'date',
  'created_time',
  'modified_time',
  'account_created',
  'account_expires',
  'credential_last_changed',
  'account_first_login',
  'account_last_login',
  'validity_not_before',
  'validity_not_after',
];

const MAX_FRACTION_DIGITS = 6;

/** [earlier, later, whether equal is allowed, types the rule applies to ('*' for all)]. */
const ORDERINGS: [string, string, boolean, ReadonlySet<string> | '*'][] = [
  ['created', 'modified', true, '*'],
  ['valid_from', 'valid_until', false, new Set(['indicator'])],
  ['first_seen', 'last_seen', true, new Set(['campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'sighting'])],
  ['first_observed', 'last_observed', true, new Set(['observed-data'])],
];

/** Type and id; false when the type is unusable, since nothing else can then be checked. */
export function checkIdentity(obj: Record<string, unknown>, errors: StixValidationError[]): obj is { type: string } {
  const { type, id } = obj;
  if (typeof type !== 'string') {
    errors.push({ path: 'type', message: type === undefined ? 'is required' : 'must be a string' });
    return false;
  }
  if (type.length < 3 || type.length > 250 || !TYPE_NAME.test(type)) {
    errors.push({ path: 'type', message: 'must be 3 to 250 characters of a-z, 0-9 and hyphens, starting with a letter' });
    return false;
  }
  if (id === undefined) errors.push({ path: 'id', message: 'is required' });
  else if (typeof id !== 'string' || !IDENTIFIER.test(id))
    errors.push({ path: 'id', message: `must be an identifier of the form ${type}--<UUID>` });
  else if (!id.startsWith(`${type}--`)) errors.push({ path: 'id', message: `must start with "${type}--", the object's type` });
  // A STIX identifier holds an RFC 4122 UUID, and RFC 4122 (section 3) outputs one in lower case;
  // stored and matched as strings, an upper-case copy would be a second object with the same identity.
  else if (UPPER_HEX.test(id))
    errors.push({ path: 'id', message: `must be in lower case (${id.toLowerCase()}), as RFC 4122 writes UUIDs` });
  return true;
}

/** Common properties an SDO or SRO must have beyond type and id. */
const SDO_REQUIRED = ['spec_version', 'created', 'modified'];

/**
 * Custom objects must have the common properties of their kind (STIX 2.1, 11.2), but the
 * kind is only written down when an extension definition declares it (`new-sdo`, `new-sro`,
 * `new-sco`). Otherwise, as the OASIS validator decides, an object with created or modified is a
 * custom SDO or SRO, which needs spec_version, created and modified; one with neither is a custom
 * SCO, which needs only type and id (the issue: custom types are stored, not rejected, so nothing
 * beyond the standard's rule is asked of them).
 */
export function checkCustomCommon(obj: Record<string, unknown>, errors: StixValidationError[]): void {
  const declared = declaredKind(obj.extensions);
  const sdoOrSro = declared ? declared !== 'new-sco' : obj.created !== undefined || obj.modified !== undefined;
  if (sdoOrSro) {
    for (const name of SDO_REQUIRED)
      if (obj[name] === undefined)
        errors.push({ path: name, message: 'is required on a custom SDO or SRO (a custom object with created or modified)' });
  }
}

/** The kind an extension definition declares for a new object type, if any. */
function declaredKind(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  for (const [name, extension] of Object.entries(extensions)) {
    if (!name.startsWith('extension-definition--') || typeof extension !== 'object' || extension === null) continue;
    const kind = (extension as { extension_type?: unknown }).extension_type;
    if (kind === 'new-sdo' || kind === 'new-sro' || kind === 'new-sco') return kind;
  }
  return undefined;
}

export function checkCore(obj: Record<string, unknown>, type: string, knownType: boolean, errors: StixValidationError[]): void {
  const version = obj.spec_version;
  if (version !== undefined && !(typeof version === 'string' && SPEC_VERSIONS.has(version))) {
    errors.push({ path: 'spec_version', message: 'must be "2.1" (or "2.0")' });
  }
  const valid = new Set<string>();
  for (const name of VERSION_TIMESTAMPS) if (checkTimestamp(obj, name, 3, errors)) valid.add(name);
  if (knownType) for (const name of SPEC_TIMESTAMPS) if (checkTimestamp(obj, name, 0, errors)) valid.add(name);
  for (const [earlier, later, equalAllowed, types] of ORDERINGS) {
    if (!valid.has(earlier) || !valid.has(later) || (types !== '*' && !types.has(type))) continue;
    const order = compareTimestamps(obj[later] as string, obj[earlier] as string);
    if (order < 0 || (order === 0 && !equalAllowed)) {
      errors.push({ path: later, message: `must be ${equalAllowed ? 'at or after' : 'after'} ${earlier} (${obj[earlier]})` });
    }
  }
}

/** True when the property is present and a valid timestamp; absent properties are the schemas' business. */
function checkTimestamp(obj: Record<string, unknown>, name: string, minFractionDigits: number, errors: StixValidationError[]): boolean {
  const value = obj[name];
  if (value === undefined) return false;
  if (typeof value !== 'string') {
    errors.push({ path: name, message: 'must be a timestamp string' });
    return false;
  }
  const problem = timestampProblem(value, MAX_FRACTION_DIGITS);
  if (problem) {
    errors.push({ path: name, message: problem });
    return false;
  }
  const dot = value.indexOf('.');
  const digits = dot < 0 ? 0 : value.length - dot - 2;
  if (digits < minFractionDigits) {
    errors.push({ path: name, message: `must be precise to the millisecond, e.g. ${value.slice(0, 19)}.000Z` });
    return false;
  }
  return true;
}
