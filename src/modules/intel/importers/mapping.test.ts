/**
 * The importers as pure functions: input reading limits, kind detection, and the MISP and KEV
 * mappings, object by object. Every object they produce must pass the store's own validator.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../lib/paths.js';
import { parsePattern } from '../pattern/index.js';
import { validateStixObject } from '../stix/validate.js';
import { tlpMarkingId, tlpOf } from '../tlp.js';
import { isRfc4122Uuid, uuidv5 } from './ids.js';
import { mapImport } from './import.service.js';
import { nestingDepth, parseImportJson } from './input.js';
import { fromKevCatalogue } from './kev.js';
import { fromMispEvent } from './misp.js';
import { patternOf } from './misp-attributes.js';
import { facetOf } from './misp-types.js';

const shared = (...p: string[]) => fromRoot('..', 'shared', 'data', ...p);
const fixture = () => JSON.parse(readFileSync(new URL('./fixtures/misp-event.json', import.meta.url), 'utf8'));
const expectValid = (objects: Record<string, unknown>[]) => {
  for (const o of objects) {
    const r = validateStixObject(o);
    expect(r.ok, `${o.id}: ${JSON.stringify(!r.ok && r.errors)}`).toBe(true);
  }
};

describe('uuidv5', () => {
  it('matches RFC 4122 (same value as Python uuid.uuid5 with the STIX namespace)', () => {
    expect(uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', 'CVE-2021-44228')).toBe('62c63c28-2d53-5f57-8ac6-55c5a6667b1d');
    expect(isRfc4122Uuid(uuidv5('116e577a-12c2-4331-8489-9f4cc8dfbf25', 'x'))).toBe(true);
  });
});

describe('reading an import file', () => {
  it('refuses oversize, empty, malformed, too deeply nested and prototype-polluting input', () => {
    expect(() => parseImportJson('{"a":1}', { maxBytes: 4, maxDepth: 64 })).toThrow(/limited to/);
    expect(() => parseImportJson('  \n')).toThrow(/empty/);
    expect(() => parseImportJson('{"type": "bundle",')).toThrow(/not valid JSON/);
    expect(() => parseImportJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toThrow(/nests deeper than 64/);
    expect(() => parseImportJson('{"type":"bundle","objects":[{"__proto__":{"polluted":true}}]}')).toThrow(
      /forbidden key "__proto__" at \$\.objects\[0\]/,
    );
    expect(() => parseImportJson('{"a":{"constructor":{"prototype":{}}}}')).toThrow(/forbidden key "constructor"/);
    // An escaped key is the same key once parsed.
    expect(() => parseImportJson('{"\\u005f_proto__":{}}')).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a byte-order mark, and counts nesting outside strings only', () => {
    expect(parseImportJson(Buffer.from('\ufeff{"a":[1]}'))).toEqual({ a: [1] });
    expect(nestingDepth('{"a":"[[[[{{{{\\"[["}')).toBe(1);
  });
});

describe('recognising the kind', () => {
  it('refuses what is neither a bundle, a MISP event nor the KEV catalogue, naming what it expected', () => {
    expect(() => mapImport({ hello: 'world' })).toThrow(
      /Unrecognised file: found a JSON object of unknown kind; expected a STIX 2.1 bundle.*MISP event.*KEV catalogue/,
    );
    expect(() => mapImport([1, 2])).toThrow(/found a JSON list/);
    expect(() => mapImport('text')).toThrow(/found a JSON string/);
  });

  it('refuses STIX 2.0 bundles and a bundle whose objects are not a list', () => {
    expect(() => mapImport({ type: 'bundle', id: 'bundle--x', spec_version: '2.0', objects: [] })).toThrow(/STIX 2.0 bundle/);
    expect(() => mapImport({ type: 'bundle', objects: 'nope' })).toThrow(/"objects" must be a list/);
  });

  it('takes the DISARM bundle as it is, custom types included', () => {
    const { kind, mapped } = mapImport(parseImportJson(readFileSync(shared('disarm', 'DISARM.json'))));
    expect(kind).toBe('stix-bundle');
    expect(mapped.objects).toHaveLength(698);
    expect(mapped.objects.filter((o) => String(o.type).startsWith('x-mitre-'))).toHaveLength(17);
    expectValid(mapped.objects);
  });
});

describe('MISP attribute types', () => {
  const cases: [string, string, string][] = [
    ['ip-dst', '198.51.100.7', "[ipv4-addr:value = '198.51.100.7']"],
    ['ip-src', '2001:db8::1', "[ipv6-addr:value = '2001:db8::1']"],
    ['ip-dst', '203.0.113.0/24', "[ipv4-addr:value = '203.0.113.0/24']"],
    [
      'ip-dst|port',
      '198.51.100.7|443',
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:dst_port = 443]",
    ],
    [
      'ip-src|port',
      '2001:db8::2|22',
      "[network-traffic:src_ref.type = 'ipv6-addr' AND network-traffic:src_ref.value = '2001:db8::2' AND network-traffic:src_port = 22]",
    ],
    ['domain', 'bad.example', "[domain-name:value = 'bad.example']"],
    ['hostname', 'www.bad.example.net', "[domain-name:value = 'www.bad.example.net']"],
    ['domain|ip', 'bad.example|192.0.2.1', "[domain-name:value = 'bad.example' AND domain-name:resolves_to_refs[*].value = '192.0.2.1']"],
    ['url', "https://bad.example/a?b='c'", "[url:value = 'https://bad.example/a?b=\\'c\\'']"],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"],
    ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']"],
    [
      'sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
    ],
    [
      'sha512',
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
      "[file:hashes.'SHA-512' = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e']",
    ],
    [
      'filename|sha256',
      'a b.exe|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      "[file:name = 'a b.exe' AND file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
    ],
    ['email-src', 'x@bad.example', "[email-message:from_ref.value = 'x@bad.example']"],
    ['email-dst', 'y@victim.example', "[email-message:to_refs[*].value = 'y@victim.example']"],
  ];
  it.each(cases)('%s %s → %s', (type, value, pattern) => {
    const facet = facetOf(type, value);
    if (!facet || typeof facet === 'string') throw new Error(`no facet: ${facet}`);
    expect(patternOf(facet.comparisons)).toBe(pattern);
    expect(parsePattern(pattern).ok).toBe(true);
  });

  it('rejects malformed values with a reason, and leaves unknown types unmapped', () => {
    expect(facetOf('md5', 'abc')).toMatch(/not a md5 hash \(32 hexadecimal digits\)/);
    expect(facetOf('ip-dst', '999.1.1.1')).toMatch(/not an IP address/);
    expect(facetOf('ip-dst|port', '192.0.2.1|99999')).toMatch(/not a port/);
    expect(facetOf('domain', 'not a domain')).toMatch(/not a domain/);
    expect(facetOf('text', 'anything')).toBeUndefined();
  });
});

describe('MISP event', () => {
  const mapped = fromMispEvent(fixture());
  const byMispUuid = (uuid: string) => mapped.objects.filter((o) => o.x_misp_uuid === uuid);
  const report = mapped.objects.find((o) => o.type === 'report')!;
  const indicators = mapped.objects.filter((o) => o.type === 'indicator');

  it('keeps the event uuid and the creator', () => {
    expect(report.id).toBe('report--59be7cbb-2f0f-4968-81df-522fc87b52fe');
    const creator = mapped.objects.find((o) => o.type === 'identity')!;
    expect(creator).toMatchObject({
      id: 'identity--1a8c29f1-f1eb-426c-9999-cadaf0b9c17a',
      name: 'VNCERT/CC',
      identity_class: 'organization',
    });
    for (const o of mapped.objects)
      if (o.type !== 'identity' && !String(o.id).match(/^(ipv4|domain|email|url)/)) expect(o.created_by_ref).toBe(creator.id);
    expect(report).toMatchObject({
      name: expect.stringMatching(/^VPN gateway exploitation/),
      published: '2024-03-12T17:00:00.000Z',
      modified: '2024-03-12T16:00:00.000Z',
    });
    expect(report.labels).toEqual(['misp-galaxy:threat-actor="UNC5221"', 'rsit:intrusions="application-compromise"']);
    // Everything the event holds, except what is marked stricter than the event (next test).
    expect(new Set(report.object_refs as string[])).toEqual(
      new Set(
        mapped.objects
          .filter((o) => !['report', 'identity', 'relationship'].includes(o.type as string) && tlpOf(o) !== 'red')
          .map((o) => o.id),
      ),
    );
  });

  it('names no object marked stricter than the one naming it: RED attributes are linked under RED', () => {
    const red = byMispUuid('133014a2-00f8-452d-a981-50323da99907')[0];
    expect(tlpOf(report)).toBe('amber');
    expect(report.object_refs).not.toContain(red.id);
    const links = mapped.objects.filter((o) => o.type === 'relationship');
    expect(links).toEqual([
      expect.objectContaining({
        relationship_type: 'related-to',
        source_ref: report.id,
        target_ref: red.id,
        object_marking_refs: [tlpMarkingId.red],
        created_by_ref: report.created_by_ref,
      }),
    ]);
    // The rule in general: every ref of every object names something marked no stricter than it.
    const byId = new Map(mapped.objects.map((o) => [o.id, o]));
    const order = ['clear', 'green', 'amber', 'amber+strict', 'red'];
    for (const o of mapped.objects) {
      const named = Object.entries(o)
        .filter(([k]) => k !== 'object_marking_refs' && /_refs?$/.test(k))
        .flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
      for (const id of named) {
        const target = byId.get(id);
        if (target) expect(order.indexOf(tlpOf(target)), `${o.id} names ${id}`).toBeLessThanOrEqual(order.indexOf(tlpOf(o)));
      }
    }
    // A CLEAR attribute in an AMBER event names its creator: the creator is CLEAR too.
    const event = fixture();
    event.Event.Attribute[0].Tag = [{ name: 'tlp:clear' }];
    const widened = fromMispEvent(event).objects;
    expect(tlpOf(widened.find((o) => o.type === 'identity')!)).toBe('clear');
    expect(tlpOf(widened.find((o) => o.type === 'report')!)).toBe('amber');
  });

  it('turns to_ids attributes into indicators and the others into observables, vulnerabilities with their CVE', () => {
    expect(byMispUuid('09b8253e-c7a0-440c-a1b9-e03a94332deb')[0]).toMatchObject({
      type: 'indicator',
      pattern: "[ipv4-addr:value = '198.51.100.23']",
      valid_from: '2024-03-01T08:15:00.000Z',
    });
    expect(byMispUuid('6f92552e-f1a9-4b67-8d1d-22cccda8c5f4')[0]).toMatchObject({
      type: 'domain-name',
      value: 'portal.gov-services.example.net',
    });
    expect(byMispUuid('b3a82456-b093-4f7d-829c-9283e04909bf')[0]).toMatchObject({
      type: 'email-addr',
      value: 'admin@ministry.example.com',
    });
    expect(byMispUuid('c6f50f47-c6be-40e7-a09c-7736fd85b395')[0]).toMatchObject({
      type: 'vulnerability',
      name: 'CVE-2023-46805',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2023-46805' }],
    });
    expect(indicators.map((i) => i.x_misp_type ?? i.x_misp_object).sort()).toEqual([
      'domain',
      'email-src',
      'file',
      'filename|md5',
      'ip-dst',
      'ip-dst|port',
      'ip-src',
      'sha256',
      'url',
    ]);
    expect(mapped.warnings.join('\n')).toMatch(/"text" is not mapped/);
    expect(mapped.warnings.join('\n')).toMatch(/deleted in MISP/);
    expect(mapped.rejected).toEqual([]);
  });

  it('groups a MISP Object: one indicator over its attributes, or linked observables', () => {
    const file = byMispUuid('3eecc249-68df-4c97-b214-7615775943d0');
    expect(file).toHaveLength(1);
    expect(file[0].pattern).toMatch(
      /^\[file:name = 'compcheckresult.cgi' AND file:hashes.MD5 = '[0-9a-f]{32}' AND file:hashes.'SHA-1' = '[0-9a-f]{40}'\]$/,
    );
    const domainIp = byMispUuid('151a8b27-9d06-43c3-b544-3785047ae6f6');
    const ip = domainIp.find((o) => o.type === 'ipv4-addr')!;
    expect(domainIp.find((o) => o.type === 'domain-name')).toMatchObject({ value: 'cdn-mirror.example.com', resolves_to_refs: [ip.id] });
  });

  it('maps tlp: tags to TLP 2.0 markings, the attribute tag overriding the event tag', () => {
    const red = byMispUuid('133014a2-00f8-452d-a981-50323da99907')[0];
    expect(red.object_marking_refs).toEqual([tlpMarkingId.red]);
    // The link from the report to the RED attribute is RED as well.
    for (const o of mapped.objects) if (o !== red && o.type !== 'relationship') expect(tlpOf(o), String(o.id)).toBe('amber');
    const event = fixture();
    event.Event.Tag = [{ name: 'TLP:WHITE' }];
    event.Event.Attribute[0].Tag = [{ name: 'tlp:amber+strict' }];
    const again = fromMispEvent(event);
    expect(tlpOf(again.objects.find((o) => o.x_misp_uuid === event.Event.Attribute[0].uuid)!)).toBe('amber+strict');
    expect(tlpOf(again.objects.find((o) => o.type === 'report')!)).toBe('clear');
  });

  it('produces valid STIX, the same ids every time, and a new version when an attribute changes', () => {
    expectValid(mapped.objects);
    expect(fromMispEvent(fixture())).toEqual(mapped);
    const edited = fixture();
    edited.Event.Attribute[0].timestamp = '1710345600';
    const next = fromMispEvent(edited).objects.find((o) => o.x_misp_uuid === edited.Event.Attribute[0].uuid)!;
    const before = byMispUuid(edited.Event.Attribute[0].uuid)[0];
    expect(next.id).toBe(before.id);
    expect(next.created).toBe(before.created);
    expect(next.modified).not.toBe(before.modified);
  });

  it('accepts a bare event and MISP search results, and rejects bad attributes one by one', () => {
    const bare = fromMispEvent(fixture().Event);
    expect(bare.objects.length).toBe(mapped.objects.length);
    const search = mapImport({ response: [fixture()] });
    expect(search.kind).toBe('misp-event');
    const event = fixture();
    event.Event.Attribute.push(
      { uuid: '0e1f3a8c-8d3b-4b0e-9d37-2f5f8a9f6c11', type: 'md5', value: 'xyz', to_ids: true },
      'not an attribute',
    );
    const result = fromMispEvent(event);
    expect(result.rejected).toEqual([
      { id: '0e1f3a8c-8d3b-4b0e-9d37-2f5f8a9f6c11', message: 'Event.Attribute[13] (md5): "xyz" is not a md5 hash (32 hexadecimal digits)' },
      { id: 'Event.Attribute[14]', message: 'an attribute must be an object' },
    ]);
    expect(() => fromMispEvent({ Event: { ...fixture().Event, Attribute: 'nope' } })).toThrow(/Event.Attribute must be a list/);
    expect(() => fromMispEvent({ Event: { info: 'x', Attribute: [] } })).toThrow(/no uuid/);
  });
});

describe('KEV catalogue', () => {
  const catalogue = JSON.parse(readFileSync(shared('kev', 'known_exploited_vulnerabilities.json'), 'utf8'));
  const mapped = fromKevCatalogue(catalogue);

  it('gives one TLP:CLEAR vulnerability per CVE with the KEV facts, created by CISA', () => {
    expect(mapped.objects).toHaveLength(1405);
    expect(mapped.rejected).toEqual([]);
    const [cisa, ...vulnerabilities] = mapped.objects;
    expect(cisa).toMatchObject({ type: 'identity', name: expect.stringMatching(/CISA/) });
    expect(new Set(vulnerabilities.map((v) => v.name)).size).toBe(1404);
    const log4shell = vulnerabilities.find((v) => v.name === 'CVE-2021-44228')!;
    expect(log4shell).toMatchObject({
      type: 'vulnerability',
      created_by_ref: cisa.id,
      created: '2021-12-10T00:00:00.000Z',
      modified: '2025-08-25T17:04:19.979Z',
      object_marking_refs: [tlpMarkingId.clear],
      x_kev_vendor_project: 'Apache',
      x_kev_product: 'Log4j2',
      x_kev_date_added: '2021-12-10',
      x_kev_known_ransomware_campaign_use: 'Known',
      x_kev_cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    });
    expect(log4shell.external_references).toContainEqual(expect.objectContaining({ source_name: 'cve', external_id: 'CVE-2021-44228' }));
    expect(typeof log4shell.x_kev_required_action).toBe('string');
    expect(typeof log4shell.x_kev_due_date).toBe('string');
    expect(vulnerabilities.filter((v) => v.x_kev_known_ransomware_campaign_use === 'Known')).toHaveLength(293);
    expectValid(mapped.objects);
  });

  it('rejects a broken entry by its CVE and refuses a catalogue without a release time', () => {
    const broken = {
      ...catalogue,
      vulnerabilities: [{ ...catalogue.vulnerabilities[0], dateAdded: 'yesterday' }, catalogue.vulnerabilities[1]],
    };
    const result = fromKevCatalogue(broken);
    expect(result.objects).toHaveLength(2);
    expect(result.rejected).toEqual([{ id: catalogue.vulnerabilities[0].cveID, message: 'dateAdded must be a date (YYYY-MM-DD)' }]);
    expect(() => fromKevCatalogue({ ...catalogue, dateReleased: undefined })).toThrow(/dateReleased/);
  });
});
