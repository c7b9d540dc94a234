/**
 * Turns the equality and IP-range tests of a pattern into observables for correlation: which
 * object paths carry IP addresses, domains, URLs, e-mail addresses and file hashes, how hash
 * algorithm names are spelled, and where CVE ids hide in other string values. Addresses and URLs
 * come out in canonical form (values.ts), and a value that is not what its path says (999.2.3.4 on
 * ipv4-addr:value) is not taken as that kind. Pure functions, no parser here.
 */
import type { Comparison, PathStep } from './analyser.js';
import { canonicalAddress, canonicalUrl } from './values.js';

export type ObservableKind = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'file-hash' | 'cve' | 'other';

export interface PatternObservable {
  kind: ObservableKind;
  objectPath: string;
  value: string;
  hashAlgorithm?: string;
}

/** `type:property.path` with list indexes as `[*]`/`[n]`, the form the table below is keyed by. */
function pathKey(objectType: string, steps: PathStep[]): string {
  let key = `${objectType}:`;
  steps.forEach((step, i) => {
    if ('key' in step) key += i === 0 ? step.key : `.${step.key}`;
    else key += `[${step.index}]`;
  });
  return key;
}

const FIXED_KIND: Record<string, ObservableKind> = {
  'ipv4-addr:value': 'ipv4',
  'ipv6-addr:value': 'ipv6',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'email-addr:value': 'email',
  'email-message:from_ref.value': 'email',
  'email-message:sender_ref.value': 'email',
  'email-message:to_refs[*].value': 'email',
  'email-message:cc_refs[*].value': 'email',
  'email-message:bcc_refs[*].value': 'email',
};

/** These reference addresses of more than one type: only the value tells which. */
const ADDRESS_BY_VALUE = new Set([
  'network-traffic:src_ref.value',
  'network-traffic:dst_ref.value',
  'domain-name:resolves_to_refs[*].value',
]);

/** Objects whose `hashes` dictionary holds file content hashes. */
const HASHED_TYPES = new Set(['file', 'artifact']);

const DOMAIN = /^(?=.{1,253}\.?$)(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?\.)+(?=[\p{N}-]*\p{L})[\p{L}\p{N}-]{2,63}\.?$/u;
const CVE = /CVE-\d{4}-\d{4,}/gi;

export function classifyAddress(value: string): 'ipv4' | 'ipv6' | 'domain' | 'other' {
  return canonicalAddress(value)?.kind ?? (DOMAIN.test(value) ? 'domain' : 'other');
}

/**
 * The STIX hash-algorithm vocabulary spelling ('SHA-256', 'SHA3-512', 'SSDEEP', …) for the variants
 * seen in the wild ('sha256', 'Sha-256', 'SHA_256'); names outside the vocabulary are kept as given.
 */
export function normaliseHashAlgorithm(name: string): string {
  const compact = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === 'MD5' || compact === 'SSDEEP' || compact === 'TLSH') return compact;
  const sha = /^SHA(3)?(1|224|256|384|512)$/.exec(compact);
  if (sha && !(sha[1] && sha[2] === '1')) return `SHA${sha[1] ?? ''}-${sha[2]}`;
  return name;
}

export function observablesFromComparisons(comparisons: Comparison[]): PatternObservable[] {
  const out: PatternObservable[] = [];
  const seen = new Set<string>();
  const push = (o: PatternObservable) => {
    const key = `${o.kind}\u0000${o.objectPath}\u0000${o.value}\u0000${o.hashAlgorithm ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(o);
  };
  for (const c of comparisons) {
    const key = pathKey(c.objectType, c.steps);
    const fixed = FIXED_KIND[key];
    const addressPath = fixed === 'ipv4' || fixed === 'ipv6' || ADDRESS_BY_VALUE.has(key);
    const hashStep =
      HASHED_TYPES.has(c.objectType) && c.steps.length === 2 && 'key' in c.steps[0] && c.steps[0].key === 'hashes' ? c.steps[1] : null;
    for (const value of c.values) {
      // An empty string correlates with nothing.
      if (!value) continue;
      if (c.test !== 'equal') {
        // ISSUBSET and ISSUPERSET compare IP addresses and ranges and nothing else: the literal is
        // the range the observed address lies in (or an address or range it must contain), which
        // is what correlates. Anything else in them is not an observable.
        const ip = addressPath ? addressOf(fixed, value) : null;
        if (ip) push({ ...ip, objectPath: c.objectPath });
      } else if (fixed === 'ipv4' || fixed === 'ipv6') {
        const ip = addressOf(fixed, value);
        if (ip) push({ ...ip, objectPath: c.objectPath });
        else pushOther(push, c.objectPath, value);
      } else if (fixed === 'url') {
        push({ kind: 'url', objectPath: c.objectPath, value: canonicalUrl(value) });
      } else if (fixed) {
        push({ kind: fixed, objectPath: c.objectPath, value });
      } else if (hashStep && 'key' in hashStep) {
        const hashAlgorithm = normaliseHashAlgorithm(hashStep.key);
        // SSDEEP digests are base64-like and case-sensitive; the hex digests are not.
        const digest = hashAlgorithm === 'SSDEEP' ? value : value.toLowerCase();
        push({ kind: 'file-hash', objectPath: c.objectPath, value: digest, hashAlgorithm });
      } else if (ADDRESS_BY_VALUE.has(key)) {
        const ip = addressOf(undefined, value);
        if (ip) push({ ...ip, objectPath: c.objectPath });
        else if (DOMAIN.test(value)) push({ kind: 'domain', objectPath: c.objectPath, value });
        else pushOther(push, c.objectPath, value);
      } else {
        pushOther(push, c.objectPath, value);
      }
    }
  }
  return out;
}

/**
 * An address or range in canonical form: of the family the path names (ipv4-addr:value), or of
 * either family when only the value can tell (network-traffic references).
 */
function addressOf(family: ObservableKind | undefined, value: string) {
  return canonicalAddress(value, family === 'ipv4' || family === 'ipv6' ? family : undefined);
}

/** A value on a path we do not know is a CVE reference when it names one, else just 'other'. */
function pushOther(push: (o: PatternObservable) => void, objectPath: string, value: string): void {
  const ids = value.match(CVE);
  if (!ids) {
    push({ kind: 'other', objectPath, value });
    return;
  }
  for (const id of ids) push({ kind: 'cve', objectPath, value: id.toUpperCase() });
}
