/**
 * TAXII 2.1 media types and content negotiation: which Accept headers the server can serve (406
 * otherwise) and which Content-Type a POST must carry (415 otherwise). Headers are read with the
 * jshttp parsers Express uses: `negotiator` weighs Accept by RFC 9110 (the most specific matching
 * range gives the q-value, q=0 refuses), `content-type` reads Content-Type.
 */
import { parse as parseContentType } from 'content-type';
import Negotiator from 'negotiator';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
export const STIX_MEDIA = 'application/stix+json;version=2.1';

/**
 * Every TAXII 2.1 answer, the objects endpoints included, is a TAXII resource (objects come in an
 * envelope), so it is the only type offered: asking only for STIX is answered 406, as the standard's
 * Get Objects lists `application/taxii+json;version=2.1` alone for Accept.
 */
const OFFERED = [TAXII_MEDIA];

/** Whether the Accept header allows a TAXII 2.1 answer. No (or an empty) Accept allows anything. */
export function acceptable(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  return new Negotiator({ headers: { accept: header } }).mediaTypes(OFFERED).length > 0;
}

/**
 * POST bodies must be TAXII envelopes: application/taxii+json of version 2.1, or with no version,
 * which TAXII 2.1 (1.6.8) reads as the latest version the server supports, 2.1 here.
 */
export function isTaxiiContentType(header: string | undefined): boolean {
  if (!header) return false;
  const { type, parameters } = parseContentType(header);
  return type === 'application/taxii+json' && (parameters.version ?? '2.1') === '2.1';
}
