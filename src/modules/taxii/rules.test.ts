/**
 * The TAXII rules that need no server: content negotiation, the `next` cursor, filter parsing and
 * the error table (every AppError code becomes a TAXII error whose http_status is its status).
 */
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode, errorStatus } from '../../errors.js';
import { encodeCursor, type Filters, resume, type Scope } from './cursor.js';
import { taxiiError } from './errors.js';
import { acceptable, isTaxiiContentType } from './media.js';
import { ObjectsQuery } from './schema.js';

describe('content negotiation', () => {
  it('accepts TAXII 2.1 and wildcards, and nothing else', () => {
    for (const h of [
      undefined,
      '',
      '*/*',
      'application/*',
      'application/taxii+json',
      'application/taxii+json;version=2.1',
      'APPLICATION/TAXII+JSON; Version=2.1',
      'application/taxii+json;version="2.1"',
    ]) {
      expect(acceptable(h), String(h)).toBe(true);
    }
    for (const h of [
      'application/json',
      'text/html',
      'application/taxii+json;version=2.0',
      'application/taxii+json;q=0',
      'application/stix+json;version=2.1',
      'application/stix+json',
    ]) {
      expect(acceptable(h), h).toBe(false);
    }
  });

  it('weighs q-values by the most specific range that matches (RFC 9110 12.5.1)', () => {
    expect(acceptable('text/html;q=0.9, application/taxii+json;version=2.1;q=0.1')).toBe(true);
    expect(acceptable('application/taxii+json;version=2.0, application/taxii+json;version=2.1;q=0.2')).toBe(true);
    expect(acceptable('application/taxii+json;q=0, */*')).toBe(false);
    expect(acceptable('application/taxii+json;version=2.1;q=0, application/*;q=0.5')).toBe(false);
    expect(acceptable('application/*;q=0, application/taxii+json')).toBe(true);
  });

  it('takes application/taxii+json as a POST body, 2.1 or without a version', () => {
    expect(isTaxiiContentType('application/taxii+json;version=2.1')).toBe(true);
    expect(isTaxiiContentType('application/taxii+json; version="2.1"; charset=utf-8')).toBe(true);
    expect(isTaxiiContentType('application/taxii+json')).toBe(true);
    expect(isTaxiiContentType('Application/TAXII+json')).toBe(true);
    for (const h of [
      undefined,
      '',
      'application/json',
      'application/taxii+json;version=2.0',
      'application/taxii+json;version=',
      'application/stix+json;version=2.1',
      'application/taxii+jsonx',
    ]) {
      expect(isTaxiiContentType(h), String(h)).toBe(false);
    }
  });
});

describe('filters', () => {
  it('parses comma lists and repeated parameters into sorted, distinct values', () => {
    const q = ObjectsQuery.parse({
      'match[type]': ['malware,indicator', 'indicator'],
      'match[version]': 'last,2026-01-01T00:00:00Z,first',
      added_after: '2026-01-01T00:00:00.1234567Z',
      limit: '10',
    });
    expect(q['match[type]']).toEqual(['indicator', 'malware']);
    expect(q['match[version]']).toEqual(['2026-01-01T00:00:00.000000Z', 'first', 'last']);
    // Extra digits beyond microseconds are dropped, never rounded up past a real date_added.
    expect(q.added_after).toBe('2026-01-01T00:00:00.123456Z');
    expect(q.limit).toBe(10);
  });

  it('refuses malformed values', () => {
    for (const bad of [
      { limit: '0' },
      { limit: 'x' },
      { added_after: '2026-13-01T00:00:00Z' },
      { added_after: '2026-01-01 00:00:00' },
      { 'match[id]': 'indicator--1' },
      { 'match[version]': 'latest' },
      { 'match[spec_version]': '2' },
      { 'match[type]': ',,' },
      { limit: '0x10' },
      { limit: '1e2' },
      { limit: '+5' },
      { limit: ' 5' },
      { limit: '5.0' },
      { limit: '' },
      { added_after: '0000-01-01T00:00:00Z' },
      { 'match[version]': '0000-02-29T00:00:00Z' },
    ]) {
      expect(ObjectsQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('takes limits in plain decimal digits, and dates from year 1 to 9999', () => {
    expect(ObjectsQuery.parse({ limit: '007' }).limit).toBe(7);
    const q = ObjectsQuery.parse({ added_after: '0001-01-01T00:00:00Z', 'match[version]': '9999-12-31T23:59:59.999999Z' });
    expect(q).toEqual({ added_after: '0001-01-01T00:00:00.000000Z', 'match[version]': ['9999-12-31T23:59:59.999999Z'] });
  });
});

describe('the next cursor', () => {
  const scope: Scope = { kind: 'objects', collectionId: '8f1d1c1e-0000-4000-8000-000000000001' };
  const filters = { types: ['indicator'], addedAfter: '2026-01-01T00:00:00.000000Z' };
  const next = encodeCursor(scope, filters, { dateAdded: '2026-02-01T00:00:00.000001Z', pk: '42' });

  it('resumes with the first page filters, whether they are sent again or not', () => {
    expect(resume(next, scope, {})).toEqual({ filters, after: { dateAdded: '2026-02-01T00:00:00.000001Z', pk: '42' } });
    expect(resume(next, scope, { types: ['indicator'] }).filters).toEqual(filters);
    expect(resume(next, scope, filters).filters).toEqual(filters);
  });

  it('refuses cursors that are malformed, tampered with, or belong elsewhere', () => {
    const bad = (n: string, s: Scope = scope, f: Filters = {}) => expect(() => resume(n, s, f)).toThrow(AppError);
    bad('not a cursor');
    bad(Buffer.from('{"v":1}').toString('base64url'));
    bad(Buffer.from(JSON.stringify({ v: 1, k: 'objects', c: scope.collectionId, d: 'yesterday', p: '1', f: {} })).toString('base64url'));
    bad(next, { ...scope, kind: 'manifest' });
    bad(next, { ...scope, collectionId: '8f1d1c1e-0000-4000-8000-000000000002' });
    bad(next, scope, { types: ['malware'] });
    bad(next, scope, { ids: ['indicator--8f1d1c1e-0000-4000-8000-000000000002'] });
    bad(next, scope, { versions: ['first'] });
  });

  it('refuses a date or position the database cannot take', () => {
    const made = (d: string, p: string) =>
      Buffer.from(JSON.stringify({ v: 1, k: 'objects', c: scope.collectionId, d, p, f: {} })).toString('base64url');
    expect(() => resume(made('0000-01-01T00:00:00.000000Z', '1'), scope, {})).toThrow(AppError);
    expect(() => resume(made('2026-01-01T00:00:00.000000Z', '9999999999999999999'), scope, {})).toThrow(AppError);
    expect(() => resume(made('2026-01-01T00:00:00.000000Z', '9223372036854775808'), scope, {})).toThrow(AppError);
    expect(resume(made('2026-01-01T00:00:00.000000Z', '9223372036854775807'), scope, {}).after.pk).toBe('9223372036854775807');
  });

  it('takes match[version]=last, the default, as the same filter as none', () => {
    expect(resume(next, scope, { versions: ['last'] }).filters).toEqual(filters);
    const withLast = encodeCursor(scope, { versions: ['last'] }, { dateAdded: '2026-02-01T00:00:00.000001Z', pk: '42' });
    expect(resume(withLast, scope, {}).filters).toEqual({ versions: ['last'] });
    expect(resume(withLast, scope, { versions: ['last'] }).filters).toEqual({ versions: ['last'] });
    expect(() => resume(withLast, scope, { versions: ['all'] })).toThrow(AppError);
  });
});

describe('TAXII errors', () => {
  it('maps every error code to a TAXII error whose http_status is the answer status', () => {
    for (const code of Object.keys(errorStatus) as ErrorCode[]) {
      const { status, body } = taxiiError(new AppError(code, 'because', [{ path: 'x', message: 'y' }]), 'req-1');
      expect(status).toBe(errorStatus[code]);
      expect(body).toMatchObject({
        title: expect.any(String),
        description: 'because',
        error_id: 'req-1',
        error_code: code,
        http_status: String(status),
      });
      expect(body.details).toEqual({ errors: [{ path: 'x', message: 'y' }] });
    }
    expect(taxiiError(null, 'req-2')).toEqual({
      status: 500,
      body: expect.objectContaining({ http_status: '500', title: 'Internal server error', error_id: 'req-2' }),
    });
  });
});
