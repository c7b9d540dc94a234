/**
 * Observable values an object carries, for correlation: from indicator patterns (through the
 * pattern parser) and from cyber-observable objects and vulnerabilities themselves. Values are
 * normalised (IP addresses and ranges, and URLs' scheme and host, in canonical form: see
 * pattern/values.ts; lower-case domains, e-mail addresses and hashes; upper-case CVE ids) so that
 * the same value matches however it was written. An IP address that is not one (999.2.3.4 as an
 * ipv4-addr) is not indexed: the database reads these values as inet (migration 0009), and a
 * value that is no address can only ever match its own misspelling.
 */
import { parsePattern } from './pattern/index.js';
import { canonicalIp, canonicalUrl } from './pattern/values.js';

export interface ObservableValue {
  kind: string;
  value: string;
}

const CVE = /CVE-\d{4}-\d{4,}/gi;

/** The stored form of a value of this kind; null when it is not a value of that kind. */
export function normalise(kind: string, value: string): string | null {
  switch (kind) {
    case 'cve':
      return value.toUpperCase();
    case 'ipv4':
    case 'ipv6':
      return canonicalIp(kind, value);
    case 'url':
      return canonicalUrl(value);
    case 'domain':
    case 'email':
    case 'file-hash':
      return value.trim().toLowerCase();
    default:
      return value.trim();
  }
}

export function observablesOf(object: Record<string, unknown>): ObservableValue[] {
  const out: ObservableValue[] = [];
  const push = (kind: string, value: unknown) => {
    const normalised = typeof value === 'string' && value ? normalise(kind, value) : null;
    if (normalised) out.push({ kind, value: normalised });
  };
  switch (object.type) {
    case 'indicator':
      if (object.pattern_type === 'stix' && typeof object.pattern === 'string') {
        const parsed = parsePattern(object.pattern);
        if (parsed.ok) for (const o of parsed.observables) if (o.kind !== 'other') push(o.kind, o.value);
      }
      break;
    case 'ipv4-addr':
      push('ipv4', object.value);
      break;
    case 'ipv6-addr':
      push('ipv6', object.value);
      break;
    case 'domain-name':
      push('domain', object.value);
      break;
    case 'url':
      push('url', object.value);
      break;
    case 'email-addr':
      push('email', object.value);
      break;
    case 'file':
      for (const h of Object.values((object.hashes as Record<string, unknown>) ?? {})) push('file-hash', h);
      break;
    case 'vulnerability': {
      for (const ref of (object.external_references as { source_name?: string; external_id?: string }[]) ?? []) {
        if (ref.source_name === 'cve' && ref.external_id) push('cve', ref.external_id);
      }
      if (typeof object.name === 'string') for (const m of object.name.match(CVE) ?? []) push('cve', m);
      break;
    }
  }
  const seen = new Set<string>();
  return out.filter((o) => {
    const key = `${o.kind}\u0000${o.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
