/**
 * validateStixObject against real data (the DISARM bundle, custom types included), objects of the
 * spec's own types, malformed objects with the path of what is wrong, references wherever they are
 * in an object, the common properties of custom objects, lower-case ids, hostile input that used to
 * make the schemas' regexes backtrack or the stack overflow, and throughput over DISARM ×10
 * (printed, not asserted).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../lib/paths.js';
import { type StixObject, validateStixObject } from './validate.js';

// shared/ sits beside the repository, in CI as on developers' machines.
const DISARM = JSON.parse(readFileSync(fromRoot('..', 'shared', 'data', 'disarm', 'DISARM.json'), 'utf8')) as {
  objects: Record<string, unknown>[];
};

const uuid = (n: number) => `8e2e2d2b-17d4-4cbf-938f-${n.toString().padStart(12, '0')}`;
const T1 = '2016-04-06T20:03:48.000Z';
const T2 = '2016-04-06T20:03:48.123456Z';

const IDENTITY = `identity--${uuid(1)}`;
const MARKING = `marking-definition--${uuid(2)}`;
const INDICATOR = `indicator--${uuid(3)}`;
const MALWARE = `malware--${uuid(4)}`;
const IPV4 = `ipv4-addr--${uuid(5)}`;
const LOCATION = `location--${uuid(6)}`;
const OBSERVED = `observed-data--${uuid(7)}`;
const RELATIONSHIP = `relationship--${uuid(8)}`;

const indicator = (extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: INDICATOR,
  created: T1,
  modified: T2,
  created_by_ref: IDENTITY,
  object_marking_refs: [MARKING],
  name: 'Malicious site hosting downloader',
  indicator_types: ['malicious-activity'],
  pattern: "[url:value = 'http://x4z9arb.cn/4712/']",
  pattern_type: 'stix',
  valid_from: T1,
  ...extra,
});

function errorsOf(obj: unknown) {
  const result = validateStixObject(obj);
  if (result.ok) throw new Error(`expected ${JSON.stringify(obj)} to be invalid`);
  return result.errors;
}

function expectValid(obj: unknown) {
  const result = validateStixObject(obj);
  expect(result.ok ? [] : result.errors).toEqual([]);
  return (result as { ok: true; object: StixObject }).object;
}

describe('validateStixObject: real data', () => {
  it('accepts the whole DISARM bundle, custom types included', () => {
    expect(DISARM.objects).toHaveLength(698);
    const failures = DISARM.objects
      .map((o) => ({ id: o.id, result: validateStixObject(o) }))
      .filter((r) => !r.result.ok)
      .map((r) => ({ id: r.id, errors: (r.result as { errors: unknown }).errors }));
    expect(failures).toEqual([]);
    const types = new Set(DISARM.objects.map((o) => o.type));
    expect(types).toContain('x-mitre-tactic');
    expect(types).toContain('x-mitre-matrix');
  });

  it('returns the object itself when valid', () => {
    const input = indicator();
    expect(expectValid(input)).toBe(input);
  });
});

describe('validateStixObject: objects of the spec’s own types', () => {
  const valid: Record<string, unknown>[] = [
    indicator(),
    { type: 'identity', spec_version: '2.1', id: IDENTITY, created: T1, modified: T1, name: 'ACME CERT', identity_class: 'organization' },
    {
      type: 'malware',
      spec_version: '2.1',
      id: MALWARE,
      created: T1,
      modified: T1,
      name: 'Cryptolocker',
      is_family: true,
      sample_refs: [`file--${uuid(9)}`],
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: RELATIONSHIP,
      created: T1,
      modified: T1,
      relationship_type: 'indicates',
      source_ref: INDICATOR,
      target_ref: MALWARE,
    },
    {
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${uuid(10)}`,
      created: T1,
      modified: T1,
      first_seen: T1,
      last_seen: T2,
      sighting_of_ref: INDICATOR,
      where_sighted_refs: [IDENTITY, LOCATION],
      observed_data_refs: [OBSERVED],
    },
    {
      type: 'observed-data',
      spec_version: '2.1',
      id: OBSERVED,
      created: T1,
      modified: T1,
      first_observed: T1,
      last_observed: T1,
      number_observed: 1,
      object_refs: [IPV4],
    },
    { type: 'ipv4-addr', spec_version: '2.1', id: IPV4, value: '198.51.100.3' },
    { type: 'domain-name', spec_version: '2.1', id: `domain-name--${uuid(11)}`, value: 'bücher.example', resolves_to_refs: [IPV4] },
    {
      type: 'file',
      spec_version: '2.1',
      id: `file--${uuid(9)}`,
      name: 'foo.exe',
      hashes: { 'SHA-256': 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' },
    },
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: 'TLP:GREEN',
      definition: { tlp: 'green' },
    },
    {
      type: 'extension-definition',
      spec_version: '2.1',
      id: `extension-definition--${uuid(12)}`,
      created_by_ref: IDENTITY,
      created: T1,
      modified: T1,
      name: 'ACME extension',
      schema: 'https://www.example.com/schema-foo-1/v1/',
      version: '1.2.1',
      extension_types: ['property-extension'],
    },
    {
      type: 'language-content',
      spec_version: '2.1',
      id: `language-content--${uuid(13)}`,
      created: T1,
      modified: T1,
      object_ref: MALWARE,
      object_modified: T1,
      contents: { de: { name: 'Bank Angriff' } },
    },
    { type: 'vulnerability', spec_version: '2.1', id: `vulnerability--${uuid(14)}`, created: T1, modified: T1, name: 'CVE-2016-1234' },
  ];
  for (const obj of valid) {
    it(`accepts a valid ${obj.type}`, () => {
      expectValid(obj);
    });
  }

  it('accepts custom properties on spec types', () => {
    expectValid(indicator({ x_acme_score: 7, x_acme_tags: ['a'], x_acme_note: { any: 'thing' } }));
  });
});

describe('validateStixObject: custom types', () => {
  it('accepts an x-acme-widget with custom properties', () => {
    expectValid({
      type: 'x-acme-widget',
      spec_version: '2.1',
      id: `x-acme-widget--${uuid(20)}`,
      created: T1,
      modified: T2,
      created_by_ref: IDENTITY,
      name: 'Widget',
      colour: 'blue',
      x_acme_size: 3,
      parts: [{ name: 'cog', count: 4 }],
      widget_refs: [`x-acme-widget--${uuid(21)}`],
    });
  });

  it('accepts a custom object without timestamps (custom observables have none)', () => {
    expectValid({ type: 'x-acme-sensor', id: `x-acme-sensor--${uuid(22)}`, reading: 42 });
  });

  it('still applies the core rules to custom types', () => {
    const widget = { type: 'x-acme-widget', spec_version: '2.1', id: `x-acme-widget--${uuid(20)}`, created: T2, modified: T1 };
    expect(errorsOf(widget).map((e) => e.path)).toEqual(['modified']);
    expect(errorsOf({ ...widget, modified: T2, id: `x-acme-gadget--${uuid(20)}` }).map((e) => e.path)).toEqual(['id']);
    expect(errorsOf({ ...widget, modified: T2, spec_version: '3.0' }).map((e) => e.path)).toEqual(['spec_version']);
    expect(errorsOf({ ...widget, modified: T2, created_by_ref: INDICATOR }).map((e) => e.path)).toEqual(['created_by_ref']);
    expect(errorsOf({ ...widget, modified: T2, widget_ref: 'not-an-id' }).map((e) => e.path)).toEqual(['widget_ref']);
    expect(errorsOf({ ...widget, type: 'X_Widget' }).map((e) => e.path)).toEqual(['type']);
  });

  it('takes a custom object with neither created nor modified as a custom SCO, which needs only type and id', () => {
    expectValid({ type: 'x-acme-widget', id: `x-acme-widget--${uuid(20)}` });
    expectValid({ type: 'x-acme-sensor', spec_version: '2.1', id: `x-acme-sensor--${uuid(22)}`, object_marking_refs: [MARKING] });
  });

  it('requires spec_version, created and modified of a custom object that has created or modified (a custom SDO or SRO)', () => {
    const id = `x-acme-widget--${uuid(20)}`;
    expect(errorsOf({ type: 'x-acme-widget', id, created: T1, name: 'w' }).map((e) => e.path)).toEqual(['spec_version', 'modified']);
    expect(errorsOf({ type: 'x-acme-widget', spec_version: '2.1', id, modified: T1, name: 'w' })).toEqual([
      { path: 'created', message: expect.stringMatching(/required on a custom SDO or SRO/) },
    ]);
  });

  it('takes the kind an extension definition declares for a new type', () => {
    const definition = `extension-definition--${uuid(23)}`;
    const weakness = { type: 'x-acme-weakness', id: `x-acme-weakness--${uuid(24)}`, name: 'CWE-79' };
    expect(errorsOf({ ...weakness, extensions: { [definition]: { extension_type: 'new-sdo' } } }).map((e) => e.path)).toEqual([
      'spec_version',
      'created',
      'modified',
    ]);
    expectValid({ ...weakness, extensions: { [definition]: { extension_type: 'new-sco' } } });
    // Declared an SCO, created alone does not make it an SDO.
    expectValid({ ...weakness, created: '2026-01-01T00:00:00.000Z', extensions: { [definition]: { extension_type: 'new-sco' } } });
  });
});

describe('validateStixObject: references below the top level', () => {
  const email = (extra: Record<string, unknown>) => ({
    type: 'email-message',
    spec_version: '2.1',
    id: `email-message--${uuid(40)}`,
    is_multipart: true,
    ...extra,
  });
  const file = (extensions: Record<string, unknown>) => ({
    type: 'file',
    spec_version: '2.1',
    id: `file--${uuid(41)}`,
    name: 'bundle.zip',
    extensions,
  });
  const traffic = (extra: Record<string, unknown>) => ({
    type: 'network-traffic',
    spec_version: '2.1',
    id: `network-traffic--${uuid(42)}`,
    src_ref: IPV4,
    protocols: ['tcp', 'http'],
    ...extra,
  });
  const ARTIFACT = `artifact--${uuid(43)}`;
  const FILE = `file--${uuid(44)}`;
  const DIRECTORY = `directory--${uuid(45)}`;

  it('accepts embedded references to what the spec names', () => {
    expectValid(
      email({ body_multipart: [{ content_type: 'text/plain', body: 'hi' }, { body_raw_ref: ARTIFACT }, { body_raw_ref: FILE }] }),
    );
    expectValid(file({ 'archive-ext': { contains_refs: [FILE, DIRECTORY] } }));
    expectValid(
      traffic({
        extensions: { 'http-request-ext': { request_method: 'get', request_value: '/', message_body_data_ref: ARTIFACT } },
      }),
    );
    expectValid({
      type: 'process',
      spec_version: '2.1',
      id: `process--${uuid(46)}`,
      pid: 4,
      extensions: { 'windows-service-ext': { service_name: 'svc', service_dll_refs: [FILE] } },
    });
    expectValid(indicator({ granular_markings: [{ marking_ref: MARKING, selectors: ['name'] }] }));
  });

  const cases: [string, unknown, string, RegExp][] = [
    [
      'an email body part that is an indicator',
      email({ body_multipart: [{ body: 'hi' }, { body_raw_ref: INDICATOR }] }),
      'body_multipart[1].body_raw_ref',
      /must refer to an artifact or a file, not an indicator/,
    ],
    [
      'an archive that contains an indicator',
      file({ 'archive-ext': { contains_refs: [FILE, INDICATOR] } }),
      'extensions.archive-ext.contains_refs[1]',
      /must refer to a file or a directory, not an indicator/,
    ],
    [
      'an HTTP body that is a file',
      traffic({ extensions: { 'http-request-ext': { request_method: 'get', request_value: '/', message_body_data_ref: FILE } } }),
      'extensions.http-request-ext.message_body_data_ref',
      /must refer to an artifact, not a file/,
    ],
    [
      'a service DLL that is an artifact',
      {
        type: 'process',
        spec_version: '2.1',
        id: `process--${uuid(46)}`,
        extensions: { 'windows-service-ext': { service_dll_refs: [ARTIFACT] } },
      },
      'extensions.windows-service-ext.service_dll_refs[0]',
      /must refer to a file, not an artifact/,
    ],
    [
      'network traffic from an indicator',
      traffic({ src_ref: INDICATOR }),
      'src_ref',
      /an ipv4-addr, an ipv6-addr, a mac-addr or a domain-name/,
    ],
    [
      'a granular marking that is an identity',
      indicator({ granular_markings: [{ marking_ref: IDENTITY, selectors: ['name'] }] }),
      'granular_markings[0].marking_ref',
      /marking-definition/,
    ],
    [
      'a nested custom reference that is no identifier',
      indicator({ x_acme_source: { origin_ref: 'the usual place' } }),
      'x_acme_source.origin_ref',
      /must be an identifier/,
    ],
    [
      'a reference list inside a custom extension that is no list',
      indicator({ extensions: { [`extension-definition--${uuid(47)}`]: { extension_type: 'property-extension', seen_refs: IPV4 } } }),
      `extensions.extension-definition--${uuid(47)}.seen_refs`,
      /must be a list of identifiers/,
    ],
  ];
  for (const [name, obj, path, message] of cases) {
    it(`refuses ${name}`, () => {
      const errors = errorsOf(obj);
      const hit = errors.find((e) => e.path === path);
      expect(hit, JSON.stringify(errors)).toBeDefined();
      expect(hit!.message).toMatch(message);
    });
  }

  it('leaves alone dictionary keys that happen to end in _ref', () => {
    expectValid(email({ is_multipart: false, body: 'hi', additional_header_fields: { 'x-mailer_ref': 'Outlook' } }));
    expectValid(
      traffic({
        extensions: {
          'http-request-ext': { request_method: 'get', request_value: '/', request_header: { 'X-Trace_ref': ['abc'] } },
        },
      }),
    );
  });
});

describe('validateStixObject: what identifiers may name', () => {
  const BUNDLE = `bundle--${uuid(50)}`;
  const container = (type: string, extra: Record<string, unknown>) => ({
    type,
    spec_version: '2.1',
    id: `${type}--${uuid(51)}`,
    created: T1,
    modified: T1,
    ...extra,
  });

  for (const [type, extra] of [
    ['note', { content: 'n' }],
    ['report', { name: 'r', published: T1 }],
    ['grouping', { context: 'suspicious-activity' }],
    ['opinion', { opinion: 'agree' }],
  ] as const) {
    it(`refuses a ${type} whose object_refs name a bundle`, () => {
      expectValid(container(type, { ...extra, object_refs: [INDICATOR] }));
      expect(errorsOf(container(type, { ...extra, object_refs: [INDICATOR, BUNDLE] }))).toEqual([
        { path: 'object_refs[1]', message: expect.stringMatching(/cannot refer to a bundle/) },
      ]);
    });
  }

  it('refuses a bundle in any other reference, custom ones included', () => {
    expect(errorsOf(indicator({ x_acme_origin_ref: BUNDLE })).map((e) => e.path)).toEqual(['x_acme_origin_ref']);
    const relationship = container('relationship', { relationship_type: 'related-to', source_ref: INDICATOR, target_ref: BUNDLE });
    expect(errorsOf(relationship)).toEqual([{ path: 'target_ref', message: expect.stringMatching(/cannot refer to a bundle/) }]);
  });

  it('refuses an id in upper-case hex, saying which id to use', () => {
    const upper = `indicator--${uuid(3).toUpperCase()}`;
    expect(errorsOf(indicator({ id: upper }))).toEqual([{ path: 'id', message: expect.stringContaining(`lower case (${INDICATOR})`) }]);
    expect(errorsOf(indicator({ created_by_ref: `identity--${uuid(1).toUpperCase()}` })).map((e) => e.path)).toEqual(['created_by_ref']);
    expect(errorsOf(container('note', { content: 'n', object_refs: [upper] })).map((e) => e.path)).toEqual(['object_refs[0]']);
  });
});

describe('validateStixObject: malformed objects', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['modified before created', indicator({ created: T2, modified: T1 }), 'modified', /at or after created/],
    ['id prefix not the type', indicator({ id: `malware--${uuid(3)}` }), 'id', /must start with "indicator--"/],
    ['id without a UUID', indicator({ id: 'indicator--1234' }), 'id', /<UUID>/],
    ['timestamp without Z', indicator({ created: '2016-04-06T20:03:48.000+01:00' }), 'created', /RFC 3339 UTC/],
    [
      'timestamp on no calendar',
      indicator({ created: '2016-02-30T20:03:48.000Z', modified: '2016-03-01T00:00:00.000Z' }),
      'created',
      /no day 30/,
    ],
    ['timestamp finer than microseconds', indicator({ modified: '2016-04-06T20:03:48.1234567Z' }), 'modified', /6 fractional digits/],
    ['created not to the millisecond', indicator({ created: '2016-04-06T20:03:48Z', modified: T2 }), 'created', /millisecond/],
    ['valid_until not after valid_from', indicator({ valid_until: T1 }), 'valid_until', /after valid_from/],
    [
      'created_by_ref pointing to an indicator',
      indicator({ created_by_ref: INDICATOR }),
      'created_by_ref',
      /must refer to an identity, not an indicator/,
    ],
    [
      'object_marking_refs pointing to an identity',
      indicator({ object_marking_refs: [MARKING, IDENTITY] }),
      'object_marking_refs[1]',
      /marking-definition/,
    ],
    ['missing required property', (({ valid_from, ...rest }) => rest)(indicator()), 'valid_from', /is required/],
    [
      'missing name on an identity',
      { type: 'identity', spec_version: '2.1', id: IDENTITY, created: T1, modified: T1 },
      'name',
      /is required/,
    ],
    [
      'invalid indicator pattern',
      indicator({ pattern: "[ipv4-addr:value = '198.51.100.1'" }),
      'pattern',
      /line 1, column 33 \(offset 33\): missing '\]'/,
    ],
    [
      'pattern with STOP before START',
      indicator({ pattern: "[url:value = 'x'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'" }),
      'pattern',
      /column 53/,
    ],
    ['invalid property name', indicator({ BadName: 1 }), 'BadName', /not a valid property name/],
    ['wrong property type', indicator({ name: 42 }), 'name', /must be string/],
    ['bad extension name', indicator({ extensions: { nonsense: { a: 1 } } }), 'extensions.nonsense', /extension name/],
    [
      'relationship to a relationship',
      {
        type: 'relationship',
        spec_version: '2.1',
        id: RELATIONSHIP,
        created: T1,
        modified: T1,
        relationship_type: 'related-to',
        source_ref: INDICATOR,
        target_ref: `relationship--${uuid(30)}`,
      },
      'target_ref',
      /an SDO or SCO, not a relationship/,
    ],
    [
      'sighting of an observable',
      { type: 'sighting', spec_version: '2.1', id: `sighting--${uuid(10)}`, created: T1, modified: T1, sighting_of_ref: IPV4 },
      'sighting_of_ref',
      /an SDO, not an ipv4-addr/,
    ],
    [
      'sighted where an indicator is',
      {
        type: 'sighting',
        spec_version: '2.1',
        id: `sighting--${uuid(10)}`,
        created: T1,
        modified: T1,
        sighting_of_ref: INDICATOR,
        where_sighted_refs: [INDICATOR],
      },
      'where_sighted_refs[0]',
      /an identity or a location/,
    ],
    [
      'observed_data_refs to a report',
      {
        type: 'sighting',
        spec_version: '2.1',
        id: `sighting--${uuid(10)}`,
        created: T1,
        modified: T1,
        sighting_of_ref: INDICATOR,
        observed_data_refs: [`report--${uuid(31)}`],
      },
      'observed_data_refs[0]',
      /an observed-data, not a report/,
    ],
    [
      'malware sample that is an identity',
      { type: 'malware', spec_version: '2.1', id: MALWARE, created: T1, modified: T1, is_family: false, sample_refs: [IDENTITY] },
      'sample_refs[0]',
      /a file or an artifact/,
    ],
    [
      'last_seen before first_seen',
      {
        type: 'campaign',
        spec_version: '2.1',
        id: `campaign--${uuid(32)}`,
        created: T1,
        modified: T1,
        name: 'c',
        first_seen: T2,
        last_seen: T1,
      },
      'last_seen',
      /first_seen/,
    ],
    ['not an object', 'indicator', '', /JSON object/],
    ['a bundle', { type: 'bundle', id: `bundle--${uuid(33)}`, objects: [] }, 'type', /container/],
    ['no type', { id: INDICATOR }, 'type', /is required/],
  ];
  for (const [name, obj, path, message] of cases) {
    it(name, () => {
      const errors = errorsOf(obj);
      const hit = errors.find((e) => e.path === path);
      expect(hit, JSON.stringify(errors)).toBeDefined();
      expect(hit!.message).toMatch(message);
    });
  }

  it('reports several problems at once', () => {
    const paths = errorsOf(indicator({ created_by_ref: INDICATOR, modified: '2015-01-01T00:00:00.000Z', pattern: '[' })).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['created_by_ref', 'modified', 'pattern']));
  });
});

describe('validateStixObject: hostile input', () => {
  // The schemas' type-name regex backtracks exponentially on near-misses like these; the
  // validator must answer at once (a regression would hang this test until its timeout).
  it('answers at once on near-miss type and extension names', () => {
    const long = `${'a'.repeat(60)}!`;
    expect(errorsOf({ type: long, id: 'x' })[0].path).toBe('type');
    expect(errorsOf(indicator({ extensions: { [long]: { a: 1 } } })).map((e) => e.path)).toEqual([`extensions.${long}`]);
    expect(
      errorsOf({ type: 'ipv4-addr', id: IPV4, value: '1.2.3.4', extensions: { [`${'a1'.repeat(40)}!-ext`]: { a: 1 } } }).length,
    ).toBeGreaterThan(0);
  });
});

describe('validateStixObject: nesting', () => {
  /** `levels` containers, innermost first: built in a loop, as JSON.parse would, whatever the depth. */
  const nest = (levels: number, list = false): unknown => {
    let value: unknown = 'bottom';
    for (let i = 0; i < levels; i++) value = list ? [value] : { level: value };
    return value;
  };

  it('accepts 64 levels, the object itself being the first', () => {
    expectValid(indicator({ x_acme_deep: nest(63) }));
  });

  it('refuses 65 levels, naming the property under which they are', () => {
    expect(errorsOf(indicator({ x_acme_deep: nest(64) }))).toEqual([{ path: 'x_acme_deep', message: 'is nested deeper than 64 levels' }]);
  });

  // 5,000 levels overflowed the stack in the store's JSON.stringify, failing the whole batch.
  it('refuses thousands of levels anywhere in any object, at once', () => {
    const deep = nest(5_000);
    const cases: [Record<string, unknown>, string][] = [
      [indicator({ x_acme_deep: deep }), 'x_acme_deep'],
      [indicator({ x_acme_deep: nest(100_000, true) }), 'x_acme_deep'],
      [{ type: 'x-acme-widget', id: `x-acme-widget--${uuid(20)}`, parts: deep }, 'parts'],
      [{ type: 'file', spec_version: '2.1', id: `file--${uuid(9)}`, name: 'f', extensions: { 'x-acme-ext': deep } }, 'extensions'],
      [indicator({ object_marking_refs: [deep] }), 'object_marking_refs'],
      [{ type: 'bundle', id: `bundle--${uuid(33)}`, objects: [deep] }, 'objects'],
    ];
    for (const [obj, path] of cases) expect(errorsOf(obj)).toEqual([{ path, message: 'is nested deeper than 64 levels' }]);
  });
});

describe('validateStixObject: throughput', () => {
  it('validates DISARM ×10 (rate printed)', () => {
    const objects = Array.from({ length: 10 }, () => DISARM.objects).flat();
    const started = performance.now();
    let valid = 0;
    for (const o of objects) if (validateStixObject(o).ok) valid++;
    const ms = performance.now() - started;
    console.log(
      `validateStixObject: DISARM ×10, ${objects.length} objects in ${ms.toFixed(0)} ms = ${Math.round((objects.length / ms) * 1000)} objects/s`,
    );
    expect(valid).toBe(objects.length);
  });
});
