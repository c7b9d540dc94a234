/**
 * What one MISP attribute type means in STIX: the comparisons it adds to an indicator pattern and
 * the cyber-observables it stands for (or, for `vulnerability`, a CVE). The table covers the
 * attribute types that carry network and file indicators; other types come back as `undefined`
 * and the event importer skips them with a warning. Values are checked here, so that a malformed
 * value is rejected with a reason an analyst understands rather than a schema path.
 */
import { isIP } from 'node:net';

export interface Comparison {
  /** The SCO type the comparison tests; comparisons of one type share one observation expression. */
  root: string;
  /** The object path as written in the pattern, e.g. `file:hashes.'SHA-256'`. */
  path: string;
  /** The right-hand side, already a STIX literal ('quoted' string or integer). */
  literal: string;
}

/** A cyber-observable before it has an id: refs name other drafts of the same attribute by key. */
export interface ObservableDraft {
  key: string;
  type: string;
  props: Record<string, unknown>;
  refs?: Record<string, string | string[]>;
}

export interface Facet {
  comparisons: Comparison[];
  observables: ObservableDraft[];
  /** Set for `vulnerability` attributes: the CVE (or other) id. */
  vulnerability?: string;
  /** Set for `stix2-pattern` attributes: a whole pattern, taken as it is (the store validates it). */
  pattern?: string;
}

/** A STIX string literal: only `\` and `'` need escaping in the pattern grammar. */
export const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const HASHES: Record<string, { key: string; hex?: number }> = {
  md5: { key: 'MD5', hex: 32 },
  sha1: { key: 'SHA-1', hex: 40 },
  sha224: { key: 'SHA-224', hex: 56 },
  sha256: { key: 'SHA-256', hex: 64 },
  sha384: { key: 'SHA-384', hex: 96 },
  sha512: { key: 'SHA-512', hex: 128 },
  'sha3-256': { key: 'SHA3-256', hex: 64 },
  'sha3-512': { key: 'SHA3-512', hex: 128 },
  ssdeep: { key: 'SSDEEP' },
  tlsh: { key: 'TLSH' },
};

/** The MISP type for a STIX hash name, for the exporter. */
export const mispHashType = (stixKey: string): string | undefined => Object.entries(HASHES).find(([, h]) => h.key === stixKey)?.[0];

const hashPath = (key: string) => (/^[A-Za-z0-9_]+$/.test(key) ? `file:hashes.${key}` : `file:hashes.'${key}'`);

function hashFacet(algorithm: string, digest: string, name?: string): Facet | string {
  const h = HASHES[algorithm];
  if (h.hex && !new RegExp(`^[0-9a-fA-F]{${h.hex}}$`).test(digest))
    return `"${digest}" is not a ${algorithm} hash (${h.hex} hexadecimal digits)`;
  const value = h.hex ? digest.toLowerCase() : digest;
  const comparisons: Comparison[] = [];
  if (name !== undefined) comparisons.push({ root: 'file', path: 'file:name', literal: literal(name) });
  comparisons.push({ root: 'file', path: hashPath(h.key), literal: literal(value) });
  return {
    comparisons,
    observables: [{ key: 'file', type: 'file', props: { ...(name !== undefined ? { name } : {}), hashes: { [h.key]: value } } }],
  };
}

function addressType(value: string): 'ipv4-addr' | 'ipv6-addr' | null {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (!version) return null;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))) return null;
  return version === 4 ? 'ipv4-addr' : 'ipv6-addr';
}

function addressFacet(value: string): Facet | string {
  const type = addressType(value);
  if (!type) return `"${value}" is not an IP address or CIDR range`;
  return {
    comparisons: [{ root: type, path: `${type}:value`, literal: literal(value) }],
    observables: [{ key: 'ip', type, props: { value } }],
  };
}

function portOf(value: string): number | null {
  return /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? Number(value) : null;
}

/** `ip|port` as network traffic to (ip-dst) or from (ip-src) the address. */
function addressPortFacet(side: 'src' | 'dst', value: string): Facet | string {
  const cut = value.lastIndexOf('|');
  if (cut < 0) return 'the value must be "address|port"';
  const ip = value.slice(0, cut);
  const port = portOf(value.slice(cut + 1));
  const type = addressType(ip);
  if (!type) return `"${ip}" is not an IP address`;
  if (port === null) return `"${value.slice(cut + 1)}" is not a port number`;
  return {
    comparisons: [
      { root: 'network-traffic', path: `network-traffic:${side}_ref.type`, literal: literal(type) },
      { root: 'network-traffic', path: `network-traffic:${side}_ref.value`, literal: literal(ip) },
      { root: 'network-traffic', path: `network-traffic:${side}_port`, literal: String(port) },
    ],
    observables: [
      { key: 'ip', type, props: { value: ip } },
      {
        key: 'traffic',
        type: 'network-traffic',
        props: { [`${side}_port`]: port, protocols: [type === 'ipv4-addr' ? 'ipv4' : 'ipv6'] },
        refs: { [`${side}_ref`]: 'ip' },
      },
    ],
  };
}

const DOMAIN = /^(?=.{1,253}\.?$)[\p{L}\p{N}_*](?:[\p{L}\p{N}_-]{0,62})(?:\.[\p{L}\p{N}_-]{1,63})*\.?$/u;

function domainFacet(value: string): Facet | string {
  if (!DOMAIN.test(value)) return `"${value}" is not a domain name`;
  return {
    comparisons: [{ root: 'domain-name', path: 'domain-name:value', literal: literal(value) }],
    observables: [{ key: 'domain', type: 'domain-name', props: { value } }],
  };
}

function domainIpFacet(value: string): Facet | string {
  const [domain, ip, extra] = value.split('|');
  if (extra !== undefined || !ip) return 'the value must be "domain|address"';
  const d = domainFacet(domain);
  if (typeof d === 'string') return d;
  const type = addressType(ip);
  if (!type) return `"${ip}" is not an IP address`;
  return {
    comparisons: [...d.comparisons, { root: 'domain-name', path: 'domain-name:resolves_to_refs[*].value', literal: literal(ip) }],
    observables: [
      { key: 'ip', type, props: { value: ip } },
      { key: 'domain', type: 'domain-name', props: { value: domain }, refs: { resolves_to_refs: ['ip'] } },
    ],
  };
}

const single = (root: string, property: string, value: string | number, props: Record<string, unknown>): Facet => ({
  comparisons: [{ root, path: `${root}:${property}`, literal: typeof value === 'number' ? String(value) : literal(value) }],
  observables: [{ key: root, type: root, props }],
});

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function emailFacet(path: string, value: string): Facet | string {
  if (!EMAIL.test(value)) return `"${value}" is not an e-mail address`;
  return {
    comparisons: [{ root: path.split(':')[0], path, literal: literal(value) }],
    observables: [{ key: 'email', type: 'email-addr', props: { value } }],
  };
}

/**
 * The facet of one attribute: a Facet, a string saying why the value is unusable, or undefined for
 * a type this importer does not map.
 */
export function facetOf(type: string, value: string): Facet | string | undefined {
  if (!value) return 'the value is empty';
  if (type in HASHES) return hashFacet(type, value);
  if (type.startsWith('filename|')) {
    const algorithm = type.slice('filename|'.length);
    if (!(algorithm in HASHES)) return undefined;
    const cut = value.lastIndexOf('|');
    if (cut < 0) return 'the value must be "filename|hash"';
    return hashFacet(algorithm, value.slice(cut + 1), value.slice(0, cut));
  }
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return addressFacet(value);
    case 'ip-src|port':
      return addressPortFacet('src', value);
    case 'ip-dst|port':
      return addressPortFacet('dst', value);
    case 'domain':
    case 'hostname':
      return domainFacet(value);
    case 'domain|ip':
    case 'hostname|ip':
      return domainIpFacet(value);
    case 'url':
    case 'uri':
    case 'link':
      return /\s/.test(value) ? `"${value}" is not a URL` : single('url', 'value', value, { value });
    case 'filename':
      return single('file', 'name', value, { name: value });
    case 'size-in-bytes': {
      const size = /^\d{1,15}$/.test(value) ? Number(value) : null;
      return size === null ? `"${value}" is not a size in bytes` : single('file', 'size', size, { size });
    }
    case 'email':
    case 'email-addr':
      return emailFacet('email-addr:value', value);
    case 'email-src':
      return emailFacet('email-message:from_ref.value', value);
    case 'email-dst':
      return emailFacet('email-message:to_refs[*].value', value);
    case 'email-subject':
      return {
        comparisons: [{ root: 'email-message', path: 'email-message:subject', literal: literal(value) }],
        observables: [{ key: 'email-message', type: 'email-message', props: { is_multipart: false, subject: value } }],
      };
    case 'AS': {
      const number = /^(?:AS)?(\d{1,10})$/i.exec(value)?.[1];
      return number === undefined
        ? `"${value}" is not an AS number`
        : single('autonomous-system', 'number', Number(number), { number: Number(number) });
    }
    case 'mac-address':
      return /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(value)
        ? single('mac-addr', 'value', value.toLowerCase().replace(/-/g, ':'), { value: value.toLowerCase().replace(/-/g, ':') })
        : `"${value}" is not a MAC address`;
    case 'mutex':
      return single('mutex', 'name', value, { name: value });
    case 'regkey':
      return single('windows-registry-key', 'key', value, { key: value });
    case 'port': {
      const port = portOf(value);
      // A port alone is no observable (network traffic needs an address); it only joins patterns.
      return port === null
        ? `"${value}" is not a port number`
        : { comparisons: [{ root: 'network-traffic', path: 'network-traffic:dst_port', literal: String(port) }], observables: [] };
    }
    case 'vulnerability':
      return { comparisons: [], observables: [], vulnerability: value.trim() };
    case 'stix2-pattern':
      return { comparisons: [], observables: [], pattern: value };
    default:
      return undefined;
  }
}
