/**
 * Canonical addresses, ranges and URLs. That PostgreSQL writes addresses the same way (so that
 * migration 0009 and ingest agree) is checked against a real store in ../observables.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { canonicalAddress, canonicalIp, canonicalUrl } from './values.js';

describe('canonicalIp', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    [' 198.51.100.7 ', '198.51.100.7'],
    ['198.51.100.7/32', '198.51.100.7'],
    ['198.51.100.0/24', '198.51.100.0/24'],
    // Host bits name the block they fall in.
    ['198.51.100.7/24', '198.51.100.0/24'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['203.0.113.77/27', '203.0.113.64/27'],
    ['0.0.0.0/0', '0.0.0.0/0'],
  ])('ipv4 %s is %s', (value, expected) => {
    expect(canonicalIp('ipv4', value)).toBe(expected);
  });

  it.each([
    ['2001:0DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['::FFFF:C000:0201', '::ffff:192.0.2.1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:0:c000:201', '::192.0.2.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['2001:db8::7/32', '2001:db8::/32'],
    ['2001:db8:abcd:12ff::/56', '2001:db8:abcd:1200::/56'],
    ['2001:db8::1/128', '2001:db8::1'],
    ['::/0', '::/0'],
  ])('ipv6 %s is %s', (value, expected) => {
    expect(canonicalIp('ipv6', value)).toBe(expected);
  });

  it.each([
    ['ipv4', '999.2.3.4'],
    ['ipv4', '1.2.3'],
    ['ipv4', '01.2.3.4'],
    ['ipv4', '0x7f.0.0.1'],
    ['ipv4', '1.2.3.4/33'],
    ['ipv4', '1.2.3.4/'],
    ['ipv4', '1.2.3.4/-1'],
    ['ipv4', '1.2.3.4/2a'],
    ['ipv4', '1.2.3.4/024'],
    ['ipv4', '2001:db8::1'],
    ['ipv4', ''],
    ['ipv6', '2001:db8::/129'],
    ['ipv6', '2001:db8::/032'],
    ['ipv6', 'fe80::1%eth0'],
    ['ipv6', '1::2::3'],
    ['ipv6', '1:2:3:4:5:6:7:8:9'],
    ['ipv6', '2001:db8::g'],
    ['ipv6', '::ffff:1.2.3.04'],
    ['ipv6', '198.51.100.7'],
  ] as const)('%s refuses %s', (kind, value) => {
    expect(canonicalIp(kind, value)).toBeNull();
  });

  it('tells the family from the value when asked to', () => {
    expect(canonicalAddress('2001:DB8::1')).toEqual({ kind: 'ipv6', value: '2001:db8::1' });
    expect(canonicalAddress('198.51.100.7/24')).toEqual({ kind: 'ipv4', value: '198.51.100.0/24' });
    expect(canonicalAddress('evil.example')).toBeNull();
    expect(canonicalAddress('2001:db8::1', 'ipv4')).toBeNull();
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['HTTP://Evil.Example/x', 'http://evil.example/x'],
    ['http://evil.example/x', 'http://evil.example/x'],
    // Path, query and fragment stay as written, escapes included.
    ['hTTps://EVIL.example/Login.PHP?User=Bob&x=%2F#Top', 'https://evil.example/Login.PHP?User=Bob&x=%2F#Top'],
    ['http://evil.example/a/../b c', 'http://evil.example/a/../b c'],
    // The scheme's default port is no part of the host; another port is.
    ['HTTP://Evil.Example:80/x', 'http://evil.example/x'],
    ['https://evil.example:443', 'https://evil.example'],
    ['https://Evil.Example:8443/x', 'https://evil.example:8443/x'],
    // User information is case-sensitive.
    ['ftp://Bob:Secret@FTP.Example/pub', 'ftp://Bob:Secret@ftp.example/pub'],
    ['http://BÜCHER.example/', 'http://xn--bcher-kva.example/'],
    ['http://[2001:DB8:0::1]:8080/', 'http://[2001:db8::1]:8080/'],
    ['  http://Evil.Example/x  ', 'http://evil.example/x'],
    ['MAILTO:Bob@Example.COM', 'mailto:Bob@Example.COM'],
    ['Foo://Opaque.Example/X', 'foo://opaque.example/X'],
    // Not absolute URLs: kept as written.
    ['evil.example/Gate.php', 'evil.example/Gate.php'],
    ['hxxp://evil[.]example/x', 'hxxp://evil[.]example/x'],
    ['http://exa mple.com/', 'http://exa mple.com/'],
  ])('%s is %s', (value, expected) => {
    expect(canonicalUrl(value)).toBe(expected);
  });
});
