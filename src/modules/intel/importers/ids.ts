/**
 * Deterministic STIX identifiers for imported data. Importers name every object they make with a
 * UUIDv5 of something stable in the source (a MISP uuid, a CVE id), so that importing the same
 * source twice yields the same ids and the store sees an exact duplicate, not new objects.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../lib/canonical-json.js';

/** Namespaces chosen once for Kizuna's importers; changing one would re-identify every import. */
export const NAMESPACE = {
  misp: '116e577a-12c2-4331-8489-9f4cc8dfbf25',
  kev: 'aa5f19e5-666b-4505-bca8-df7381a2e31f',
  kizuna: 'c6a9a6d0-ef66-4a3d-ba1a-61b1c2e07c0e',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 4122 variant, any version 1-5: what the STIX identifier rule accepts. */
const RFC4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
export const isRfc4122Uuid = (s: unknown): s is string => typeof s === 'string' && RFC4122.test(s);

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const stixId = (type: string, namespace: string, name: string) => `${type}--${uuidv5(namespace, name)}`;

/** An id for a cyber-observable derived from its source uuid and its content, so a changed value is a new object. */
export const observableId = (type: string, sourceUuid: string, content: Record<string, unknown>) =>
  stixId(type, NAMESPACE.misp, `${sourceUuid}|${type}|${canonicalJson(content)}`);
