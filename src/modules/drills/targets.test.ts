/** Times in a team's zone, as injects and inboxes print them, with formatters reused across calls. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInZone, localTime } from './targets.js';

describe('times in a zone', () => {
  it('prints local time with the offset and the zone named', () => {
    const at = new Date('2026-11-28T14:03:20.123Z');
    expect(localTime(at, 'Asia/Ho_Chi_Minh')).toBe('2026-11-28 21:03 (UTC+07:00, Asia/Ho_Chi_Minh)');
    expect(isoInZone(at, 'Asia/Ho_Chi_Minh')).toBe('2026-11-28T21:03:20.123+07:00');
    expect(isoInZone(at, 'UTC')).toBe('2026-11-28T14:03:20.123+00:00');
    expect(localTime(at, 'Asia/Kolkata')).toBe('2026-11-28 19:33 (UTC+05:30, Asia/Kolkata)');
  });

  it('follows daylight saving, though the formatter is reused', () => {
    expect(isoInZone(new Date('2026-03-29T00:59:59.000Z'), 'Europe/Paris')).toBe('2026-03-29T01:59:59.000+01:00');
    expect(isoInZone(new Date('2026-03-29T01:00:00.000Z'), 'Europe/Paris')).toBe('2026-03-29T03:00:00.000+02:00');
  });

  it('names the same instant, whatever the zone', () => {
    const zones = ['Asia/Ho_Chi_Minh', 'Asia/Tokyo', 'Asia/Manila', 'Australia/Sydney', 'America/New_York', 'UTC', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(...zones), (ms, zone) => {
        expect(Date.parse(isoInZone(new Date(ms), zone))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});
