/** The pure helpers behind pattern observables: address classification, hash names, timestamps. */
import { describe, expect, it } from 'vitest';
import { classifyAddress, normaliseHashAlgorithm } from './observables.js';
import { compareTimestamps, timestampProblem } from './timestamps.js';

describe('classifyAddress', () => {
  it.each([
    ['192.0.2.1', 'ipv4'],
    ['198.51.100.0/24', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['2001:db8::/32', 'ipv6'],
    ['::ffff:192.0.2.1', 'ipv6'],
    ['example.com', 'domain'],
    ['xn--80ak6aa92e.com', 'domain'],
    ['bücher.example', 'domain'],
    ['256.1.1.1', 'other'],
    ['192.0.2.1/33', 'other'],
    ['2001:db8::/129', 'other'],
    ['00:00:5e:00:53:01', 'other'],
    ['1.2.3.4444', 'other'],
    ['localhost', 'other'],
  ])('%s is %s', (value, kind) => {
    expect(classifyAddress(value)).toBe(kind);
  });
});

describe('normaliseHashAlgorithm', () => {
  it.each([
    ['MD5', 'MD5'],
    ['md5', 'MD5'],
    ['SHA1', 'SHA-1'],
    ['sha-1', 'SHA-1'],
    ['sha256', 'SHA-256'],
    ['SHA_256', 'SHA-256'],
    ['SHA-512', 'SHA-512'],
    ['sha3-256', 'SHA3-256'],
    ['SHA3512', 'SHA3-512'],
    ['ssdeep', 'SSDEEP'],
    ['tlsh', 'TLSH'],
    ['x_acme_hash', 'x_acme_hash'],
  ])('%s → %s', (name, expected) => {
    expect(normaliseHashAlgorithm(name)).toBe(expected);
  });
});

describe('timestamps', () => {
  it('accepts real instants and rejects impossible ones', () => {
    expect(timestampProblem('2016-05-12T08:17:27.000Z')).toBeNull();
    expect(timestampProblem('2016-02-29T00:00:00Z')).toBeNull();
    expect(timestampProblem('2016-12-31T23:59:60Z')).toBeNull();
    expect(timestampProblem('2015-02-29T00:00:00Z')).toMatch(/no day 29/);
    expect(timestampProblem('2016-04-31T00:00:00Z')).toMatch(/no day 31/);
    expect(timestampProblem('2016-00-01T00:00:00Z')).toMatch(/no month/);
    expect(timestampProblem('2016-01-01T24:00:00Z')).toMatch(/no time/);
    expect(timestampProblem('2016-01-01T00:00:00+00:00')).toMatch(/RFC 3339 UTC/);
    expect(timestampProblem('2016-01-01T00:00:00.1234567Z', 6)).toMatch(/6 fractional digits/);
  });

  it('orders beyond milliseconds', () => {
    expect(compareTimestamps('2016-01-01T00:00:00Z', '2016-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2016-01-01T00:00:00.0001Z', '2016-01-01T00:00:00Z')).toBe(1);
    expect(compareTimestamps('2016-01-01T00:00:00.9Z', '2016-01-01T00:00:01Z')).toBe(-1);
    expect(compareTimestamps('2016-12-31T23:59:60Z', '2017-01-01T00:00:00Z')).toBe(-1);
  });
});
