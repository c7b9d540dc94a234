import { describe, expect, it } from 'vitest';
import { demoCommunities, demoOrganisations, demoPeople, demoPointsOfContact, demoSites } from './demo-data.js';

const orgs = new Map(demoOrganisations.map((o) => [o.key, o]));
const people = new Map(demoPeople.map((p) => [p.key, p]));

/** The keys from `key` up to the root, or throws on a missing parent or a cycle. */
function chain(key: string): string[] {
  const seen: string[] = [];
  for (let k: string | undefined = key; k; k = orgs.get(k)?.parentKey) {
    if (!orgs.has(k)) throw new Error(`${key}: missing ancestor ${k}`);
    if (seen.includes(k)) throw new Error(`${key}: parent cycle through ${k}`);
    seen.push(k);
  }
  return seen;
}

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
// RFC 2606 / 6761: the `.example` top-level domain and example.com/.net/.org are reserved.
const reservedEmail = /^[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)*(?:example|example\.com|example\.net|example\.org)$/;

describe('demo directory data', () => {
  it('has unique keys in every collection', () => {
    for (const list of [demoOrganisations, demoSites, demoPeople, demoPointsOfContact, demoCommunities]) {
      const keys = list.map((x) => x.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('only refers to records that exist, with parents forming a tree', () => {
    for (const o of demoOrganisations) {
      if (o.parentKey) expect(orgs.has(o.parentKey), `${o.key} → ${o.parentKey}`).toBe(true);
      expect(() => chain(o.key)).not.toThrow();
    }
    for (const x of [...demoSites, ...demoPeople, ...demoPointsOfContact]) expect(orgs.has(x.organisationKey), x.key).toBe(true);
    for (const c of demoPointsOfContact) {
      if (!c.personKey) continue;
      expect(people.get(c.personKey)?.organisationKey, c.key).toBe(c.organisationKey);
    }
    for (const c of demoCommunities) {
      expect(new Set(c.memberKeys).size).toBe(c.memberKeys.length);
      for (const k of c.memberKeys) expect(orgs.has(k), `${c.key} → ${k}`).toBe(true);
    }
  });

  it('has eleven national CERTs keyed cert:<country>, each with a site and a 24/7 duty desk', () => {
    const certs = demoOrganisations.filter((o) => o.type === 'national_cert');
    expect(certs.map((o) => o.key).sort()).toEqual(
      ['BN', 'ID', 'JP', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'VN'].map((cc) => `cert:${cc}`),
    );
    const zones: Record<string, string> = {
      BN: 'Asia/Brunei',
      KH: 'Asia/Phnom_Penh',
      ID: 'Asia/Jakarta',
      LA: 'Asia/Vientiane',
      MY: 'Asia/Kuala_Lumpur',
      MM: 'Asia/Yangon',
      PH: 'Asia/Manila',
      SG: 'Asia/Singapore',
      TH: 'Asia/Bangkok',
      VN: 'Asia/Ho_Chi_Minh',
      JP: 'Asia/Tokyo',
    };
    for (const c of certs) {
      expect(c.key).toBe(`cert:${c.countryCode}`);
      expect(c.shortName).toBeTruthy();
      expect(c.parentKey).toBeUndefined();
      expect(demoSites.filter((s) => s.organisationKey === c.key).map((s) => s.timeZone)).toEqual([zones[c.countryCode]]);
      const duty = demoPointsOfContact.filter((p) => p.organisationKey === c.key && p.label === '24/7 duty desk');
      expect(duty, c.key).toHaveLength(1);
      expect(duty[0].phone24x7).toBeTruthy();
    }
    expect(orgs.get('cert:JP')?.shortName).toBe('JPCERT/CC');
    expect(orgs.get('cert:VN')?.shortName).toBe('VNCERT/CC');
  });

  it('has communities of 10, 11 and 18 members', () => {
    const byKey = new Map(demoCommunities.map((c) => [c.key, c]));
    const asean = byKey.get('community:asean');
    const aseanJapan = byKey.get('community:asean-japan');
    const admm = byKey.get('community:admm-plus');
    expect([asean?.name, aseanJapan?.name, admm?.name]).toEqual(['ASEAN', 'ASEAN-Japan', 'ADMM-Plus']);
    expect(asean?.memberKeys).toHaveLength(10);
    expect(aseanJapan?.memberKeys).toHaveLength(11);
    expect(admm?.memberKeys).toHaveLength(18);
    expect(asean?.memberKeys.every((k) => orgs.get(k)?.type === 'national_cert')).toBe(true);
    expect(aseanJapan?.memberKeys).toEqual(expect.arrayContaining([...(asean?.memberKeys ?? []), 'cert:JP']));
    // ADMM-Plus: the defence ministries of the ten ASEAN states (same countries as the ASEAN CERTs) and the eight partners.
    const admmMembers = (admm?.memberKeys ?? []).map((k) => orgs.get(k));
    expect(admmMembers.every((o) => o?.type === 'ministry' && o.sector === 'defence' && o.key === `mod:${o.countryCode}`)).toBe(true);
    const aseanCountries = (asean?.memberKeys ?? []).map((k) => orgs.get(k)?.countryCode);
    expect(admmMembers.map((o) => o?.countryCode).sort()).toEqual(
      [...aseanCountries, 'AU', 'CN', 'IN', 'JP', 'KR', 'NZ', 'RU', 'US'].sort(),
    );
  });

  it("has exactly 200 Viet Nam drill-network sites, in Viet Nam's time zone, under VNCERT/CC", () => {
    const vnSites = demoSites.filter((s) => s.key.startsWith('vn:site:'));
    expect(vnSites).toHaveLength(200);
    for (const s of vnSites) {
      expect(s.timeZone, s.key).toBe('Asia/Ho_Chi_Minh');
      expect(orgs.get(s.organisationKey)?.countryCode, s.key).toBe('VN');
      expect(chain(s.organisationKey), s.key).toContain('cert:VN');
      expect(s.organisationKey.startsWith('vn:org:'), s.key).toBe(true);
    }
    // A realistic mix: a minority in person at the drill rooms, everyone else online.
    const inPerson = vnSites.filter((s) => s.mode === 'in_person').length;
    expect(inPerson).toBeGreaterThan(10);
    expect(inPerson).toBeLessThan(100);
    // Every vn:org:* organisation is in the network and has at least one site.
    const vnOrgs = demoOrganisations.filter((o) => o.key.startsWith('vn:org:'));
    for (const o of vnOrgs) {
      expect(chain(o.key), o.key).toContain('cert:VN');
      expect(
        vnSites.some((s) => s.organisationKey === o.key),
        o.key,
      ).toBe(true);
    }
    // The 34 provincial-level units since 1 July 2025: 6 centrally-run cities and 28 provinces.
    expect(vnOrgs.filter((o) => o.type === 'city')).toHaveLength(6);
    expect(vnOrgs.filter((o) => o.type === 'province')).toHaveLength(28);
  });

  it('uses valid time zones and two-letter country codes', () => {
    for (const s of demoSites) expect(isTimeZone(s.timeZone), `${s.key}: ${s.timeZone}`).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    for (const o of demoOrganisations) expect(o.countryCode, o.key).toMatch(/^[A-Z]{2}$/);
  });

  it('has only fictional contact details at reserved example domains', () => {
    const emails = [...demoPeople.map((p) => p.email), ...demoPointsOfContact.map((c) => c.email)].filter((e): e is string => !!e);
    expect(emails.length).toBeGreaterThan(11);
    for (const e of emails) expect(e, e).toMatch(reservedEmail);
    for (const c of demoPointsOfContact) {
      // Country calling code, then a national number starting with 0, which no network routes.
      expect(c.phone24x7, c.key).toMatch(/^\+\d{1,3} 0[\d ]+$/);
    }
  });
});
