/**
 * The canonical form of the observable values correlation compares by more than their case: IP
 * addresses and CIDR ranges, and URLs. Two spellings of one address or URL must be stored alike,
 * or they never meet. The console bundles the pattern parser, so this runs in browsers too: only
 * `isIPv4`/`isIPv6` come from `node:net` (the console's build supplies a browser version).
 */
import { isIPv4, isIPv6 } from 'node:net';

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
  const words = kind === 'ipv4' ? ipv4Words(address) : ipv6Words(address);
  if (!words) return null;
  for (let i = 0; i < words.length; i++) {
    const keep = Math.max(0, Math.min(16, prefix - i * 16));
    words[i] &= (0xffff << (16 - keep)) & 0xffff;
  }
  const written = kind === 'ipv4' ? dotted(words[0], words[1]) : ipv6Text(words);
  return prefix === bits ? written : `${written}/${prefix}`;
}

/** An address or range of the given family, or of either when the value alone must tell. */
export function canonicalAddress(value: string, family?: IpKind): { kind: IpKind; value: string } | null {
  const kind = family ?? (value.includes(':') ? 'ipv6' : 'ipv4');
  const canonical = canonicalIp(kind, value);
  return canonical === null ? null : { kind, value: canonical };
}

function ipv4Words(address: string): number[] | null {
  // isIPv4 takes dotted decimal only: no leading zeros, no octal or hex parts, four of them.
  if (!isIPv4(address)) return null;
  const [a, b, c, d] = address.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

/** The eight 16-bit groups of an IPv6 address isIPv6 accepts. */
function ipv6Words(address: string): number[] | null {
  if (address.includes('%') || !isIPv6(address)) return null;
  let groups = address;
  const tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  if (address.includes('.', lastColon)) {
    const [a, b, c, d] = address
      .slice(lastColon + 1)
      .split('.')
      .map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    // '1:2:3:4:5:6:a.b.c.d' leaves a separator behind; '::a.b.c.d' keeps its '::'.
    groups = address.slice(0, address.endsWith('::', lastColon + 1) ? lastColon + 1 : lastColon);
  }
  const halves = groups.split('::');
  const hex = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const [head, rest] = [hex(halves[0]), halves.length > 1 ? hex(halves[1]) : []];
  const zeros = halves.length > 1 ? 8 - head.length - rest.length - tail.length : 0;
  const words = [...head, ...Array<number>(zeros).fill(0), ...rest, ...tail];
  return words.length === 8 ? words : null;
}

const dotted = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

function ipv6Text(w: number[]): string {
  // The first longest run of zero groups, if two or more long.
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  // PostgreSQL's (BIND's) rule for an IPv4 address in the last 32 bits: the run of zeros is the
  // first six groups, or the first five followed by ffff.
  if (best.at === 0 && (best.length === 6 || (best.length === 5 && w[5] === 0xffff))) {
    return `::${best.length === 5 ? 'ffff:' : ''}${dotted(w[6], w[7])}`;
  }
  const hex = (from: number, to: number) =>
    w
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  return best.at < 0 ? hex(0, 8) : `${hex(0, best.at)}::${hex(best.at + best.length, 8)}`;
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
