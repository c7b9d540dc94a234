/**
 * Test and benchmark helpers for TAXII: a small TAXII 2.1 client over fetch (as a TAXII client
 * would call: Basic or Bearer, TAXII media types) and makers of valid STIX 2.1 objects.
 */
import { randomUUID } from 'node:crypto';
import { type Tlp, tlpMarkingId } from '../intel/tlp.js';
import { TAXII_MEDIA } from './media.js';

export interface TaxiiAnswer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class TaxiiClient {
  constructor(
    readonly url: string,
    readonly authorization?: string,
  ) {}

  static basic(url: string, user: string, secret: string): TaxiiClient {
    return new TaxiiClient(url, `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`);
  }

  static bearer(url: string, token: string): TaxiiClient {
    return new TaxiiClient(url, `Bearer ${token}`);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TaxiiAnswer<T>> {
    const h: Record<string, string> = { accept: TAXII_MEDIA, ...headers };
    if (this.authorization) h.authorization ??= this.authorization;
    if (body !== undefined) h['content-type'] ??= TAXII_MEDIA;
    const res = await fetch(this.url + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}

const iso = (d: Date) => d.toISOString();

export interface IndicatorOptions {
  id?: string;
  value?: string;
  tlp?: Tlp;
  createdBy?: string;
  created?: string;
  modified?: string;
  name?: string;
}

/** A valid indicator for an IPv4 address (a unique one unless `value` is given). */
export function indicator(o: IndicatorOptions = {}): Record<string, unknown> {
  const created = o.created ?? iso(new Date(Date.UTC(2026, 0, 1)));
  const value = o.value ?? `10.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}`;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: o.id ?? `indicator--${randomUUID()}`,
    created,
    modified: o.modified ?? created,
    name: o.name ?? `Address ${value}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: created,
    ...(o.createdBy ? { created_by_ref: o.createdBy } : {}),
    ...(o.tlp ? { object_marking_refs: [tlpMarkingId[o.tlp]] } : {}),
  };
}

export function sighting(of: string, o: { createdBy?: string; count?: number; tlp?: Tlp } = {}): Record<string, unknown> {
  const now = iso(new Date(Date.UTC(2026, 1, 1)));
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created: now,
    modified: now,
    sighting_of_ref: of,
    ...(o.count !== undefined ? { count: o.count } : {}),
    ...(o.createdBy ? { created_by_ref: o.createdBy } : {}),
    ...(o.tlp ? { object_marking_refs: [tlpMarkingId[o.tlp]] } : {}),
  };
}

export function relationship(
  source: string,
  target: string,
  o: { type?: string; tlp?: Tlp; createdBy?: string } = {},
): Record<string, unknown> {
  const now = iso(new Date(Date.UTC(2026, 1, 1)));
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${randomUUID()}`,
    created: now,
    modified: now,
    relationship_type: o.type ?? 'indicates',
    source_ref: source,
    target_ref: target,
    ...(o.createdBy ? { created_by_ref: o.createdBy } : {}),
    ...(o.tlp ? { object_marking_refs: [tlpMarkingId[o.tlp]] } : {}),
  };
}

export function malware(o: { name?: string; tlp?: Tlp; createdBy?: string } = {}): Record<string, unknown> {
  const now = iso(new Date(Date.UTC(2026, 0, 15)));
  return {
    type: 'malware',
    spec_version: '2.1',
    id: `malware--${randomUUID()}`,
    created: now,
    modified: now,
    name: o.name ?? 'Lockbit-like',
    is_family: true,
    ...(o.createdBy ? { created_by_ref: o.createdBy } : {}),
    ...(o.tlp ? { object_marking_refs: [tlpMarkingId[o.tlp]] } : {}),
  };
}
