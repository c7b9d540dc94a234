/**
 * The canonical form of the observable values correlation compares by more than their case: IP
 * addresses and CIDR ranges, and URLs. Two spellings of one address or URL must be stored alike,
 * or they never meet. The console bundles the pattern parser, so this runs in browsers too:
 * addresses are read and written by ipaddr.js, URLs by the WHATWG parser, both there as here.
 */
import ipaddr from 'ipaddr.js';

export type IpKind = 'ipv4' | 'ipv6';

const BITS: Record<IpKind, number> = { ipv4: 32, ipv6: 128 };

/**
 * An address or CIDR range of the given family, written as PostgreSQL prints it, or null when the
 * value is not one. Written like the database so that the stored text and the inet column computed
 * from it (migration 0009) say the same thing, and so that 0009 could bring stored rows to this
 * form in SQL (pattern/values.test.ts checks the two agree):
 * - IPv6 per RFC 5952 (lower case, no leading zeros, the first longest run of two or more zero
 *   groups as `::`), except that, like PostgreSQL (and BIND's inet_ntop), IPv4-mapped and
 *   IPv4-compatible addresses end in dotted decimal: `::ffff:192.0.2.1`, `::192.0.2.1`.
 * - A prefix covering the whole address is dropped: `198.51.100.1/32` is the address.
 * - Host bits are cleared: `198.51.100.7/24` is the block `198.51.100.0/24`. A STIX ipv4-addr or
 *   ipv6-addr value names a CIDR block, not an interface on one, and the block is what correlates.
 * - Zone indexes (`fe80::1%eth0`) are refused: they name an interface of one host, and PostgreSQL's
 *   inet has no place for them.
 */
export function canonicalIp(kind: IpKind, value: string): string | null {
  const text = value.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bits = BITS[kind];
  let prefix = bits;
  if (slash >= 0) {
    const written = text.slice(slash + 1);
    if (!/^(?:0|[1-9]\d{0,2})$/.test(written) || Number(written) > bits) return null;
    prefix = Number(written);
  }
  const parsed = parseAddress(kind, address);
  if (!parsed) return null;
  const bytes = parsed.toByteArray().map((byte, i) => byte & (0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff);
  const written = addressText(ipaddr.fromByteArray(bytes));
  return prefix === bits ? written : `${written}/${prefix}`;
}

/** An address or range of the given family, or of either when the value alone must tell. */
export function canonicalAddress(value: string, family?: IpKind): { kind: IpKind; value: string } | null {
  const kind = family ?? (value.includes(':') ? 'ipv6' : 'ipv4');
  const canonical = canonicalIp(kind, value);
  return canonical === null ? null : { kind, value: canonical };
}

/** IPv4 in dotted decimal only (no leading zeros, no octal, hex or short forms); IPv6 without a zone. */
function parseAddress(kind: IpKind, address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (kind === 'ipv4') return ipaddr.IPv4.isValidFourPartDecimal(address) ? ipaddr.IPv4.parse(address) : null;
  if (address.includes('%') || !ipaddr.IPv6.isValid(address)) return null;
  // ipaddr.js reads an embedded IPv4 part (::ffff:1.2.3.04) leniently; hold it to the IPv4 rule.
  const embedded = address.slice(address.lastIndexOf(':') + 1);
  if (embedded.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(embedded)) return null;
  return ipaddr.IPv6.parse(address);
}

function addressText(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (address.kind() === 'ipv4') return address.toString();
  const groups = (address as ipaddr.IPv6).parts;
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  const last32 = () => ipaddr.fromByteArray(address.toByteArray().slice(12)).toString();
  // PostgreSQL's (BIND's) rule for an IPv4 address in the last 32 bits: the longest run of zeros
  // is the first six groups, or the first five followed by ffff.
  if (zeros(5) && groups[5] === 0xffff) return `::ffff:${last32()}`;
  if (zeros(6) && groups[6] !== 0) return `::${last32()}`;
  return (address as ipaddr.IPv6).toRFC5952String();
}

/** Schemes whose URLs have a host the WHATWG parser understands (lower case, IDNA, default port). */
const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * A URL with its scheme and host in canonical form and the rest exactly as written: paths and
 * queries are case-sensitive, and their escaping often is what an indicator is about. The host is
 * the WHATWG URL parser's (lower case, internationalised names as punycode, the scheme's default
 * port dropped); `HTTP://Evil.Example:80/x` is `http://evil.example/x`.
 *
 * Text the parser does not take as an absolute URL (no scheme, defanged `hxxp://evil[.]example`,
 * spaces in the host) is kept as written, trimmed: MISP `url` attributes are often of that kind,
 * and they go on matching the same text as they always have; there is nothing to normalise safely.
 */
export function canonicalUrl(value: string): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(text);
  // The parser also drops tabs and newlines anywhere; then the written scheme is not at the start.
  if (!scheme || scheme[0].toLowerCase() !== url.protocol) return text;
  const rest = text.slice(scheme[0].length);
  if (!rest.startsWith('//')) return url.protocol + rest;
  // The authority ends where the path, query or fragment starts (for special schemes `\` is `/`).
  const special = SPECIAL.has(url.protocol);
  let end = 2;
  while (end < rest.length && !'/?#'.includes(rest[end]) && !(special && rest[end] === '\\')) end++;
  const authority = rest.slice(2, end);
  const userinfo = authority.slice(0, authority.lastIndexOf('@') + 1);
  // Opaque hosts (other schemes) keep the parser's spelling; host names are case-insensitive anyway.
  return `${url.protocol}//${userinfo}${special ? url.host : url.host.toLowerCase()}${rest.slice(end)}`;
}
