/**
 * TAXII 2.1 media types and content negotiation: which Accept headers the server can serve (406
 * otherwise) and which Content-Type a POST must carry (415 otherwise). Parsing follows RFC 9110
 * media ranges: case-insensitive type, subtype and parameter names, q-values, `*` wildcards.
 */
export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
export const STIX_MEDIA = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

function parseMediaType(text: string): MediaRange | null {
  const [essence, ...rest] = text.split(';');
  const m = /^\s*([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)\s*$/i.exec(essence);
  if (!m) return null;
  const params = new Map<string, string>();
  let q = 1;
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'q') q = Number(value);
    else params.set(key, value);
  }
  return { type: m[1].toLowerCase(), subtype: m[2].toLowerCase(), params, q: Number.isFinite(q) ? q : 0 };
}

/** A version parameter, if given, must name 2.1: it is the only version this server speaks. */
const versionOk = (r: MediaRange) => !r.params.has('version') || r.params.get('version') === '2.1';

function serves(r: MediaRange, stixToo: boolean): boolean {
  if (r.q <= 0) return false;
  if (r.type === '*' && r.subtype === '*') return true;
  if (r.type !== 'application') return false;
  if (r.subtype === '*') return true;
  if (r.subtype === 'taxii+json') return versionOk(r);
  return stixToo && r.subtype === 'stix+json' && versionOk(r);
}

/**
 * Whether a response the server can make satisfies the Accept header. Every TAXII response is
 * `application/taxii+json;version=2.1`; the objects endpoints also accept clients that ask for
 * `application/stix+json;version=2.1` (what TAXII 2.0 clients send) and get the same envelope.
 * No Accept header means anything is acceptable.
 */
export function acceptable(header: string | undefined, stixToo: boolean): boolean {
  if (header === undefined || header.trim() === '') return true;
  return header
    .split(',')
    .map(parseMediaType)
    .some((r) => r !== null && serves(r, stixToo));
}

/** POST bodies must be TAXII 2.1 envelopes, declared exactly so. */
export function isTaxiiContentType(header: string | undefined): boolean {
  const r = header === undefined ? null : parseMediaType(header);
  return r !== null && r.type === 'application' && r.subtype === 'taxii+json' && r.params.get('version') === '2.1';
}
