/**
 * parsePattern end to end: patterns from the STIX 2.1 specification, the observables they yield,
 * syntax and semantic errors at their exact positions, properties over arbitrary input, and the
 * bulk-import throughput (printed, not asserted: shared CI machines are too noisy for that).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePattern, parseWithGrammar } from './index.js';

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

function observablesOf(pattern: string) {
  const result = parsePattern(pattern);
  if (!result.ok) throw new Error(`expected ${pattern} to parse: ${JSON.stringify(result.error)}`);
  return result.observables;
}

function errorOf(pattern: string) {
  const result = parsePattern(pattern);
  if (result.ok) throw new Error(`expected ${pattern} to fail`);
  return result.error;
}

describe('parsePattern: valid patterns', () => {
  it('extracts addresses and CIDR ranges in canonical form', () => {
    expect(observablesOf("[ipv4-addr:value = '198.51.100.1/32']")).toEqual([
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '198.51.100.1' },
    ]);
    expect(observablesOf("[ipv4-addr:value = '198.51.100.7/24' OR ipv6-addr:value = '2001:0DB8:0:0:0:0:0:1']")).toEqual([
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '198.51.100.0/24' },
      { kind: 'ipv6', objectPath: 'ipv6-addr:value', value: '2001:db8::1' },
    ]);
  });

  it('extracts the ranges of ISSUBSET and ISSUPERSET tests on addresses', () => {
    expect(observablesOf("[ipv4-addr:value ISSUBSET '198.51.100.0/24']")).toEqual([
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '198.51.100.0/24' },
    ]);
    expect(observablesOf("[ipv6-addr:value ISSUBSET '2001:DB8:0::/32']")).toEqual([
      { kind: 'ipv6', objectPath: 'ipv6-addr:value', value: '2001:db8::/32' },
    ]);
    expect(
      observablesOf(
        "[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24' AND network-traffic:src_ref.value ISSUPERSET '2001:db8::7'] OR [ipv4-addr:value ISSUPERSET '192.0.2.1']",
      ),
    ).toEqual([
      { kind: 'ipv4', objectPath: 'network-traffic:dst_ref.value', value: '203.0.113.0/24' },
      { kind: 'ipv6', objectPath: 'network-traffic:src_ref.value', value: '2001:db8::7' },
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '192.0.2.1' },
    ]);
    // The same pattern again comes from its parsed shape, with the same answer.
    expect(observablesOf("[ipv4-addr:value ISSUBSET '10.1.0.0/16']")).toEqual([
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '10.1.0.0/16' },
    ]);
  });

  it('takes nothing from range tests that are negated, on other paths, or of the other family', () => {
    const patterns = [
      "[ipv4-addr:value NOT ISSUBSET '198.51.100.0/24']",
      "[ipv4-addr:value ISSUBSET '2001:db8::/32']",
      "[ipv6-addr:value ISSUPERSET '198.51.100.7']",
      "[domain-name:value ISSUBSET 'example.com']",
      "[network-traffic:dst_ref.value ISSUBSET 'example.com']",
      "[x-acme:net ISSUBSET '198.51.100.0/24']",
      "[ipv4-addr:value ISSUBSET '198.51.100.0/33']",
    ];
    for (const p of patterns) expect(observablesOf(p), p).toEqual([]);
  });

  it('does not take a value for an address of its path when it is none', () => {
    expect(observablesOf("[ipv4-addr:value = '999.2.3.4' OR ipv4-addr:value = '2001:db8::1']")).toEqual([
      { kind: 'other', objectPath: 'ipv4-addr:value', value: '999.2.3.4' },
      { kind: 'other', objectPath: 'ipv4-addr:value', value: '2001:db8::1' },
    ]);
    expect(observablesOf("[ipv6-addr:value IN ('fe80::1%eth0', '2001:db8::g')]")).toEqual([
      { kind: 'other', objectPath: 'ipv6-addr:value', value: 'fe80::1%eth0' },
      { kind: 'other', objectPath: 'ipv6-addr:value', value: '2001:db8::g' },
    ]);
  });

  it('normalises the scheme and host of URLs and keeps the rest as written', () => {
    expect(observablesOf("[url:value = 'HTTP://Evil.Example:80/Path?Q=A#F']")).toEqual([
      { kind: 'url', objectPath: 'url:value', value: 'http://evil.example/Path?Q=A#F' },
    ]);
  });

  it('extracts a file hash and a domain from two observation expressions', () => {
    expect(observablesOf(`[file:hashes.'SHA-256' = '${SHA256}'] AND [domain-name:value = 'example.com']`)).toEqual([
      { kind: 'file-hash', objectPath: "file:hashes.'SHA-256'", value: SHA256, hashAlgorithm: 'SHA-256' },
      { kind: 'domain', objectPath: 'domain-name:value', value: 'example.com' },
    ]);
  });

  it('classifies network-traffic references by their value and accepts REPEATS … WITHIN', () => {
    const observables = observablesOf(
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.0/24'] REPEATS 5 TIMES WITHIN 180 SECONDS",
    );
    expect(observables).toContainEqual({ kind: 'ipv4', objectPath: 'network-traffic:dst_ref.value', value: '203.0.113.0/24' });
    expect(observables).toContainEqual({ kind: 'other', objectPath: 'network-traffic:dst_ref.type', value: 'ipv4-addr' });
    expect(
      observablesOf("[network-traffic:src_ref.value = '2001:db8::/32' OR network-traffic:dst_ref.value = 'evil.example.org']"),
    ).toEqual([
      { kind: 'ipv6', objectPath: 'network-traffic:src_ref.value', value: '2001:db8::/32' },
      { kind: 'domain', objectPath: 'network-traffic:dst_ref.value', value: 'evil.example.org' },
    ]);
  });

  it('accepts START … STOP', () => {
    expect(observablesOf("[url:value = 'http://example.com/foo'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")).toEqual([
      { kind: 'url', objectPath: 'url:value', value: 'http://example.com/foo' },
    ]);
  });

  it('keeps custom object types as other', () => {
    expect(observablesOf("[x-custom:foo = 'bar']")).toEqual([{ kind: 'other', objectPath: 'x-custom:foo', value: 'bar' }]);
  });

  it('extracts every value of an IN list', () => {
    expect(observablesOf("[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2', 443)]")).toEqual([
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '192.0.2.1' },
      { kind: 'ipv4', objectPath: 'ipv4-addr:value', value: '192.0.2.2' },
    ]);
  });

  it('extracts e-mail senders and unescapes string literals', () => {
    expect(
      observablesOf(
        String.raw`[email-message:from_ref.value = 'o\'brien@example.com' AND email-message:sender_ref.value = 'back\\slash@example.com']`,
      ),
    ).toEqual([
      { kind: 'email', objectPath: 'email-message:from_ref.value', value: "o'brien@example.com" },
      { kind: 'email', objectPath: 'email-message:sender_ref.value', value: 'back\\slash@example.com' },
    ]);
    expect(observablesOf("[email-addr:value = 'jdoe@example.com']")).toEqual([
      { kind: 'email', objectPath: 'email-addr:value', value: 'jdoe@example.com' },
    ]);
  });

  it('normalises hash algorithm names and lower-cases digests', () => {
    expect(
      observablesOf("[file:hashes.MD5 = '79054025255FB1A26E4BC422AEF54EB4' OR file:hashes.'sha1' = 'AB' OR file:hashes.SHA512 = 'CD']"),
    ).toEqual([
      { kind: 'file-hash', objectPath: 'file:hashes.MD5', value: '79054025255fb1a26e4bc422aef54eb4', hashAlgorithm: 'MD5' },
      { kind: 'file-hash', objectPath: "file:hashes.'sha1'", value: 'ab', hashAlgorithm: 'SHA-1' },
      { kind: 'file-hash', objectPath: 'file:hashes.SHA512', value: 'cd', hashAlgorithm: 'SHA-512' },
    ]);
  });

  it('finds CVE ids in other string values', () => {
    expect(observablesOf("[vulnerability:name = 'cve-2021-44228'] OR [x-acme:note = 'see CVE-2014-0160 and CVE-2017-0144']")).toEqual([
      { kind: 'cve', objectPath: 'vulnerability:name', value: 'CVE-2021-44228' },
      { kind: 'cve', objectPath: 'x-acme:note', value: 'CVE-2014-0160' },
      { kind: 'cve', objectPath: 'x-acme:note', value: 'CVE-2017-0144' },
    ]);
  });

  it('extracts resolved addresses of a domain', () => {
    expect(observablesOf("[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']")).toEqual([
      { kind: 'domain', objectPath: 'domain-name:value', value: 'www.5z8.info' },
      { kind: 'ipv4', objectPath: 'domain-name:resolves_to_refs[*].value', value: '198.51.100.1' },
    ]);
  });

  it('takes nothing from negated, inequality, LIKE, MATCHES or ordering tests', () => {
    const patterns = [
      "[ipv4-addr:value NOT = '192.0.2.1']",
      "[ipv4-addr:value != '192.0.2.1']",
      "[ipv4-addr:value NOT IN ('192.0.2.1')]",
      "[ipv4-addr:value NOT ISSUPERSET '198.51.100.0/24']",
      String.raw`[directory:path LIKE 'C:\\Windows\\%\\foo']`,
      String.raw`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
      "[file:created >= t'2016-01-01T00:00:00.123Z']",
    ];
    for (const p of patterns) expect(observablesOf(p), p).toEqual([]);
  });

  it('accepts the rest of the grammar: FOLLOWEDBY, EXISTS, binary and hex literals, comments, nesting', () => {
    const patterns = [
      String.raw`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
      "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
      "[file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE'] OR [process:name = 'fooproc' OR process:name = 'procfoo']",
      '[EXISTS windows-registry-key:values] AND [NOT EXISTS file:name]',
      "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q='] OR [file:magic_number_hex = h'ffd8']",
      '[network-traffic:dst_port = 443 AND network-traffic:is_active = true] /* block */ // line',
      "([a:b = 'x'] WITHIN 5 SECONDS) WITHIN 6.5 SECONDS",
      "[a:b = 'x'] START t'2016-07-01T00:00:00.000001Z' STOP t'2016-07-01T00:00:00.000002Z'",
      "[a:b = 'x'] START t'2016-12-31T23:59:60Z' STOP t'2017-01-01T00:00:00Z'",
      "[a:b = 'x']\n  AND\n  [c:'d e'.f[0].g[-1].h[*] = 'y']",
    ];
    for (const p of patterns) expect(parsePattern(p).ok, p).toBe(true);
  });
});

describe('parsePattern: errors and their positions', () => {
  const cases: [string, string, { line: number; column: number; offset: number }, RegExp][] = [
    ['unbalanced bracket (missing)', "[ipv4-addr:value = '1.2.3.4'", { line: 1, column: 28, offset: 28 }, /missing '\]' at '<EOF>'/],
    ['unbalanced bracket (extra)', "[ipv4-addr:value = '1.2.3.4']]", { line: 1, column: 29, offset: 29 }, /extraneous input '\]'/],
    ['missing closing quote', "[ipv4-addr:value = '1.2.3.4]", { line: 1, column: 19, offset: 19 }, /extraneous input '''/],
    ['bad operator', "[ipv4-addr:value ~ '1.2.3.4']", { line: 1, column: 17, offset: 17 }, /no viable alternative/],
    ['tripled equals', "[ipv4-addr:value === '1.2.3.4']", { line: 1, column: 19, offset: 19 }, /extraneous input '='/],
    ['lower-case keyword', "[a:b = 'c'] and [d:e = 'f']", { line: 1, column: 12, offset: 12 }, /mismatched input 'and'/],
    ['empty pattern', '', { line: 1, column: 0, offset: 0 }, /mismatched input '<EOF>'/],
    ['blank pattern', '   ', { line: 1, column: 3, offset: 3 }, /mismatched input '<EOF>'/],
    [
      'bad timestamp literal (month 13)',
      "[a:b = 1] START t'2016-13-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
      { line: 1, column: 16, offset: 16 },
      /timestamp literal looks like/,
    ],
    [
      'bad timestamp literal (no time)',
      "[file:created = t'2016-01-01']",
      { line: 1, column: 16, offset: 16 },
      /timestamp literal looks like/,
    ],
    ['timestamp on no calendar', "[file:created = t'2016-02-30T00:00:00Z']", { line: 1, column: 16, offset: 16 }, /no day 30/],
    ['bad base64 literal', "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q']", { line: 1, column: 24, offset: 24 }, /binary literal/],
    [
      'error on a later line',
      "[a:b = 'c'] AND\n  [d:e = 'f'\n  OR [x:y = 'z']",
      { line: 3, column: 5, offset: 34 },
      /extraneous input '\['/,
    ],
    [
      'STOP equal to START',
      "[url:value = 'x'] START t'2016-06-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'",
      { line: 1, column: 53, offset: 53 },
      /STOP .* must be later than START/,
    ],
    [
      'STOP before START',
      "[url:value = 'x'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00.5Z'",
      { line: 1, column: 53, offset: 53 },
      /must be later/,
    ],
    [
      'STOP before START by a microsecond',
      "[a:b = 'x'] START t'2016-07-01T00:00:00.0000011Z' STOP t'2016-07-01T00:00:00.000001Z'",
      { line: 1, column: 55, offset: 55 },
      /must be later/,
    ],
    ['REPEATS 0 TIMES', '[a:b = 1] REPEATS 0 TIMES', { line: 1, column: 18, offset: 18 }, /REPEATS must be at least 1/],
    ['REPEATS negative', '[a:b = 1] REPEATS -1 TIMES', { line: 1, column: 18, offset: 18 }, /expecting IntPosLiteral/],
    ['WITHIN 0 SECONDS', '[a:b = 1] WITHIN 0 SECONDS', { line: 1, column: 17, offset: 17 }, /WITHIN must be more than 0/],
    ['WITHIN 0.0 SECONDS', '[a:b = 1] WITHIN 0.0 SECONDS', { line: 1, column: 17, offset: 17 }, /WITHIN must be more than 0/],
    ['two WITHIN qualifiers', "[a:b = 'x'] WITHIN 5 SECONDS WITHIN 6 SECONDS", { line: 1, column: 29, offset: 29 }, /only one WITHIN/],
  ];
  for (const [name, pattern, position, message] of cases) {
    it(name, () => {
      const error = errorOf(pattern);
      expect({ line: error.line, column: error.column, offset: error.offset }).toEqual(position);
      expect(error.message).toMatch(message);
    });
  }

  it('reports the first of several errors', () => {
    const error = errorOf('[a:b = 1] REPEATS 0 TIMES WITHIN 0 SECONDS');
    expect(error.offset).toBe(18);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(parsePattern(`${'('.repeat(200)}[a:b = 'c']${')'.repeat(200)}`).ok).toBe(true);
    expect(errorOf(`${'('.repeat(20_000)}[a:b = 'c']${')'.repeat(20_000)}`).message).toMatch(/too deeply/);
  });

  it('counts positions in UTF-16 units after astral characters', () => {
    const pattern = "[x:y = '😀'] AND ";
    expect(errorOf(pattern)).toMatchObject({ line: 1, column: pattern.length, offset: pattern.length });
  });
});

describe('parsePattern: properties', () => {
  const quote = (s: string) => s.replace(/[\\']/g, (c) => `\\${c}`);

  it('round-trips any string value through a literal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (value) => {
        expect(observablesOf(`[x-test:value = '${quote(value)}']`)).toEqual(
          value.match(/CVE-\d{4}-\d{4,}/i) ? expect.anything() : [{ kind: 'other', objectPath: 'x-test:value', value }],
        );
      }),
    );
  });

  it('never throws, and error positions agree with the text', () => {
    const valid = "[file:hashes.'SHA-256' = 'abc'] AND [ipv4-addr:value IN ('192.0.2.1')] REPEATS 2 TIMES\nWITHIN 5 SECONDS";
    const mutated = fc
      .tuple(fc.nat(valid.length), fc.nat(6), fc.string({ unit: 'binary', maxLength: 3 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ unit: 'binary' })), (pattern) => {
        const result = parsePattern(pattern);
        if (result.ok) return;
        const { line, column, offset } = result.error;
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThanOrEqual(pattern.length);
        const before = pattern.slice(0, offset);
        expect(line).toBe(before.split('\n').length);
        expect(column).toBe(offset - (before.lastIndexOf('\n') + 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('parsePattern: the one-comparison shortcut', () => {
  const keyword = fc.constantFrom('AND', 'OR', 'NOT', 'IN', 'LIKE', 'true', 'false', 'START', 'WITHIN', 'TIMES');
  const word = (chars: string) => fc.string({ unit: fc.constantFrom(...chars), minLength: 0, maxLength: 8 });
  const ident = fc.oneof(word('abcxyzAZ_09-'), keyword, fc.constantFrom('value', 'hashes', 'ipv4-addr', 'file', 't', 'h', 'b'));
  const quoted = fc
    .string({ unit: fc.oneof(fc.constantFrom("'", '\\', "\\'", '\\\\', ' ', '\n', '/*', '*/', ']', '.'), fc.string({ maxLength: 2 })) })
    .map((body) => `'${body}'`);
  const step = fc.oneof(ident, quoted);
  const hashes = fc.tuple(fc.constantFrom('file', 'artifact', 'x-file'), step, quoted).map(([t, a, v]) => `[${t}:hashes.${a} = ${v}]`);
  const space = fc.constantFrom('', ' ', '  ', '\t', '\u00a0');
  const pattern = fc
    .tuple(
      ident,
      ident,
      fc.array(fc.tuple(fc.constantFrom('.', '', '..'), step), { maxLength: 3 }),
      space,
      fc.constantFrom('=', '==', '!=', '= ='),
      space,
      quoted,
    )
    .map(
      ([type, first, steps, s1, op, s2, value]) => `[${type}:${first}${steps.map(([dot, x]) => dot + x).join('')}${s1}${op}${s2}${value}]`,
    );

  it('answers what the grammar answers, for generated near-simple patterns', () => {
    fc.assert(
      fc.property(fc.oneof(pattern, hashes), (p) => {
        expect(parsePattern(p)).toEqual(parseWithGrammar(p));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers what the grammar answers, for common indicator shapes', () => {
    for (const p of [
      "[ipv4-addr:value = '198.51.100.7']",
      "[file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F']",
      "[file:hashes.MD5=='d41d8cd98f00b204e9800998ecf8427e']",
      "[email-message:from_ref.value = 'a@example.org']",
      "[network-traffic:dst_ref.value = 'evil.example.org']",
      "[x-custom:foo = 'CVE-2024-1234 and cve-2023-9999']",
      "[url:value = 'http://example.com/it\\'s']",
      "[domain-name:value = '']",
      "[file:hashes.'SHA\\'256' = 'AB']",
      String.raw`[artifact:hashes.'a\\b' = 'CD']`,
    ]) {
      const shortcut = parsePattern(p);
      expect(shortcut.ok).toBe(true);
      expect(shortcut).toEqual(parseWithGrammar(p));
    }
  });
});

describe('parsePattern: patterns of one shape', () => {
  // Observation expressions as the shortcut's tests make them, combined, qualified and commented,
  // so that some shapes parse and some do not; each pattern is then parsed again with other strings
  // in the same places, which the second time comes from the shape already parsed.
  const quoted = fc
    .string({
      unit: fc.oneof(fc.constantFrom("'", '\\', "\\'", '\\\\', ' ', '/*', '//', ']', 'AND', '\u{1F600}'), fc.string({ maxLength: 2 })),
    })
    .map((body) => `'${body}'`);
  const goodString = fc.oneof(
    fc.string({ maxLength: 6 }).map((body) => `'${body.replace(/['\\]/g, '\\$&')}'`),
    fc.constantFrom("'198.51.100.7/24'", "'2001:DB8::1'", "'999.2.3.4'"),
  );
  const path = fc.constantFrom(
    'ipv4-addr:value',
    "file:hashes.'SHA-256'",
    'file:hashes.MD5',
    'x-thing:a.b[0].c',
    'url:value',
    "x:'q'.r",
    'domain-name :value',
  );
  const comparison = fc
    .tuple(
      path,
      fc.constantFrom(' = ', '=', ' != ', ' LIKE ', ' MATCHES ', ' IN ', ' > ', ' = t', ' ISSUBSET ', ' NOT ISSUPERSET '),
      quoted,
      quoted,
    )
    .map(([p, op, a, b]) => (op === ' IN ' ? `${p} IN (${a}, ${b})` : `${p}${op}${a}`));
  const observation = fc
    .tuple(comparison, fc.constantFrom(' AND ', ' OR ', ' and ', ''), comparison, fc.boolean())
    .map(([a, op, b, one]) => (one ? `[${a}]` : `[${a}${op}${b}]`));
  const qualifier = fc.constantFrom(
    '',
    ' WITHIN 600 SECONDS',
    ' REPEATS 2 TIMES',
    ' WITHIN 0 SECONDS',
    " START t'2026-01-01T00:00:00Z' STOP t'2026-01-02T00:00:00Z'",
    " START t'2026-01-02T00:00:00Z' STOP t'2026-01-01T00:00:00Z'",
    ' /* note */',
    ' // note',
    ' WITHIN 5 SECONDS WITHIN 6 SECONDS',
  );
  const compound = fc
    .tuple(observation, fc.constantFrom(' AND ', ' OR ', ' FOLLOWEDBY ', ' ', 'AND'), observation, qualifier, fc.boolean())
    .map(([a, op, b, q, paren]) => (paren ? `(${a}${op}${b})${q}` : `${a}${op}${b}${q}`));

  it('answers what the grammar answers, first for a shape and then from it', () => {
    fc.assert(
      fc.property(compound, fc.array(goodString, { minLength: 12, maxLength: 12 }), (p, others) => {
        expect(parsePattern(p)).toEqual(parseWithGrammar(p));
        let n = 0;
        const again = p.replace(/'(?:[^'\\]|\\['\\])*'/g, (literal) =>
          literal.startsWith("'") && n < others.length ? others[n++] : literal,
        );
        expect(parsePattern(again)).toEqual(parseWithGrammar(again));
      }),
      { numRuns: 1500 },
    );
  });

  it('puts into a shared shape the strings of each pattern', () => {
    const a = parsePattern("([ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'a.example']) WITHIN 600 SECONDS");
    const b = parsePattern("([ipv4-addr:value = '10.0.0.2'] AND [domain-name:value = 'b.example']) WITHIN 600 SECONDS");
    expect(a.ok && a.observables.map((o) => o.value)).toEqual(['10.0.0.1', 'a.example']);
    expect(b.ok && b.observables.map((o) => o.value)).toEqual(['10.0.0.2', 'b.example']);
  });
});

describe('parsePattern: throughput', () => {
  it('parses 2,000 simple patterns (rate printed)', () => {
    // Fresh patterns on each pass: a repeated one would be answered from the memo.
    const make = (offset: number) =>
      Array.from({ length: 2000 }, (_, n) => {
        const i = n + offset;
        switch (i % 4) {
          case 0:
            return `[ipv4-addr:value = '10.${i >> 8}.${i & 255}.1']`;
          case 1:
            return `[domain-name:value = 'host${i}.example.com']`;
          case 2:
            return `[file:hashes.'SHA-256' = '${i.toString(16).padStart(64, 'a')}']`;
          default:
            return `[url:value = 'http://example.com/${i}'] AND [email-addr:value = 'u${i}@example.org']`;
        }
      });
    // Two passes: the first includes JIT warm-up, the second is what a long bulk import sees.
    let observables = 0;
    for (const [pass, offset] of [
      ['first', 0],
      ['second', 4000],
    ] as const) {
      const patterns = make(offset);
      observables = 0;
      const started = performance.now();
      for (const p of patterns) {
        const result = parsePattern(p);
        if (!result.ok) throw new Error(p);
        observables += result.observables.length;
      }
      const ms = performance.now() - started;
      console.log(
        `parsePattern, ${pass} pass: ${patterns.length} patterns in ${ms.toFixed(0)} ms = ${Math.round((patterns.length / ms) * 1000)} patterns/s`,
      );
    }
    expect(observables).toBe(2500);
  });
});
