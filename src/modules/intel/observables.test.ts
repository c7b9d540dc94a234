/**
 * The values an object is indexed on, and migration 0009, which brings values stored before it to
 * the same form: replayed on a real store over rows written the old way, it must leave exactly what
 * observables.ts writes today (the database's address text is the canonical one; see
 * pattern/values.ts).
 */
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { migrationsDir } from '../../db/migrate.js';
import { freshDb, type TestDb } from '../../test/db.js';
import { normalise, observablesOf } from './observables.js';

const sco = (type: string, value: string) => ({ type, spec_version: '2.1', id: `${type}--00000000-0000-4000-8000-000000000000`, value });

describe('observablesOf', () => {
  it('indexes addresses and ranges in canonical form, and no address that is none', () => {
    expect(observablesOf(sco('ipv4-addr', '198.51.100.7/24'))).toEqual([{ kind: 'ipv4', value: '198.51.100.0/24' }]);
    expect(observablesOf(sco('ipv4-addr', '198.51.100.7/32'))).toEqual([{ kind: 'ipv4', value: '198.51.100.7' }]);
    expect(observablesOf(sco('ipv6-addr', '2001:0DB8:0:0:0:0:0:1'))).toEqual([{ kind: 'ipv6', value: '2001:db8::1' }]);
    expect(observablesOf(sco('ipv6-addr', '2001:DB8::7/32'))).toEqual([{ kind: 'ipv6', value: '2001:db8::/32' }]);
    expect(observablesOf(sco('ipv4-addr', '999.2.3.4'))).toEqual([]);
    expect(observablesOf(sco('ipv4-addr', '2001:db8::1'))).toEqual([]);
    expect(observablesOf(sco('ipv6-addr', 'fe80::1%eth0'))).toEqual([]);
  });

  it('indexes URLs with scheme and host normalised', () => {
    expect(observablesOf(sco('url', 'HTTP://Evil.Example/X?Y'))).toEqual([{ kind: 'url', value: 'http://evil.example/X?Y' }]);
  });

  it('indexes the ranges of an indicator pattern, once per value', () => {
    const pattern =
      "[ipv4-addr:value ISSUBSET '198.51.100.0/24' OR network-traffic:dst_ref.value ISSUBSET '198.51.100.9/24'] AND [ipv6-addr:value = '2001:DB8::1'] AND [ipv4-addr:value = '999.2.3.4']";
    expect(observablesOf({ type: 'indicator', pattern_type: 'stix', pattern })).toEqual([
      { kind: 'ipv4', value: '198.51.100.0/24' },
      { kind: 'ipv6', value: '2001:db8::1' },
    ]);
  });
});

describe('migration 0009 on values stored before it', () => {
  let store: TestDb;
  let db: Db;
  let sql: string;
  beforeAll(async () => {
    store = await freshDb();
    db = store.db;
    sql = await readFile(`${migrationsDir}0009_observable_ranges.sql`, 'utf8');
  });
  afterAll(() => store?.drop());

  /** Rows as the code before 0009 wrote them (trimmed; addresses lower-cased), then 0009 again. */
  async function migrate(rows: { kind: string; value: string }[]): Promise<Map<number, string[]>> {
    await db.exec('DELETE FROM intel_observables; ALTER TABLE intel_observables DROP COLUMN net');
    await db.query(
      `INSERT INTO intel_observables (object_pk, kind, value)
       SELECT n, k, v FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(k, v, n)`,
      [rows.map((r) => r.kind), rows.map((r) => r.value)],
    );
    await db.exec(sql);
    const after = await db.query<{ object_pk: string; value: string }>('SELECT object_pk::text, value FROM intel_observables');
    const byRow = new Map<number, string[]>();
    for (const r of after) byRow.set(Number(r.object_pk), [...(byRow.get(Number(r.object_pk)) ?? []), r.value]);
    return byRow;
  }

  /** What each row holds after 0009 must be what observables.ts writes now (nothing when it writes nothing). */
  async function expectAgreement(rows: { kind: string; value: string }[]) {
    const after = await migrate(rows);
    rows.forEach((row, i) => {
      const now = normalise(row.kind, row.value);
      expect(after.get(i + 1) ?? [], `${row.kind} ${row.value}`).toEqual(now === null ? [] : [now]);
    });
  }

  it('rewrites addresses, ranges and URLs as ingest writes them and drops addresses that are none', async () => {
    await expectAgreement([
      { kind: 'ipv4', value: '198.51.100.7' },
      { kind: 'ipv4', value: '198.51.100.1/32' },
      { kind: 'ipv4', value: '198.51.100.7/24' },
      { kind: 'ipv4', value: '999.2.3.4' },
      { kind: 'ipv4', value: '01.2.3.4' },
      { kind: 'ipv4', value: '2001:db8::1' },
      { kind: 'ipv6', value: '2001:0db8:0:0:0:0:0:1' },
      { kind: 'ipv6', value: '2001:db8::7/32' },
      { kind: 'ipv6', value: '::ffff:c000:0201' },
      { kind: 'ipv6', value: '0:0:0:0:0:0:0:1/128' },
      { kind: 'ipv6', value: 'fe80::1%eth0' },
      { kind: 'ipv6', value: '2001:db8::/032' },
      { kind: 'ipv4', value: '198.51.100.0/024' },
      { kind: 'ipv4', value: '198.51.100.0/33' },
      { kind: 'ipv6', value: '198.51.100.7' },
      { kind: 'ipv6', value: 'not an address' },
      { kind: 'url', value: 'HTTP://Evil.Example/Gate.php?ID=7' },
      { kind: 'url', value: 'https://Evil.Example:443/x' },
      { kind: 'url', value: 'http://Evil.Example:8080/x' },
      { kind: 'url', value: 'ftp://Bob@FTP.Example:21/Pub' },
      { kind: 'url', value: 'MAILTO:Bob@Example.COM' },
      { kind: 'url', value: 'evil.example/Gate.php' },
      { kind: 'domain', value: 'evil.example' },
      { kind: 'cve', value: 'CVE-2021-44228' },
    ]);
  });

  it('leaves hosts it cannot rewrite as they were (they match what they matched before)', async () => {
    const after = await migrate([{ kind: 'url', value: 'HTTP://BÜCHER.example/x' }]);
    expect(after.get(1)).toEqual(['http://BÜCHER.example/x']);
    expect(normalise('url', 'HTTP://BÜCHER.example/x')).toBe('http://xn--bcher-kva.example/x');
  });

  it('keeps one of two spellings of one value on one object', async () => {
    await db.exec('DELETE FROM intel_observables; ALTER TABLE intel_observables DROP COLUMN net');
    await db.query(`INSERT INTO intel_observables (object_pk, kind, value) VALUES (1, 'ipv6', '2001:db8::1'), (1, 'ipv6', '2001:0db8::1'),
      (2, 'ipv6', '2001:db8::1')`);
    await db.exec(sql);
    expect(await db.query('SELECT object_pk::int, value FROM intel_observables ORDER BY 1')).toEqual([
      { object_pk: 1, value: '2001:db8::1' },
      { object_pk: 2, value: '2001:db8::1' },
    ]);
  });

  it('agrees with ingest on any address and range, however written', async () => {
    // Eight groups (runs of zeros likely, IPv4-mapped and -compatible forms included), a prefix or
    // none, and a spelling: full with leading zeros, compressed, or with a dotted IPv4 tail.
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff }));
    const words = fc.oneof(
      fc.array(group, { minLength: 8, maxLength: 8 }),
      fc.tuple(fc.constantFrom(0, 0xffff), group, group).map(([five, six, seven]) => [0, 0, 0, 0, 0, five, six, seven]),
    );
    const ipv6 = fc
      .tuple(words, fc.option(fc.integer({ min: 0, max: 128 })), fc.constantFrom('full', 'compressed', 'dotted'))
      .map(([w, prefix, spelling]) => {
        let text = w.map((g) => (spelling === 'full' ? g.toString(16).padStart(4, '0') : g.toString(16))).join(':');
        if (spelling === 'dotted')
          text = `${w
            .slice(0, 6)
            .map((g) => g.toString(16))
            .join(':')}:${w[6] >> 8}.${w[6] & 255}.${w[7] >> 8}.${w[7] & 255}`;
        if (spelling === 'compressed') text = text.replace(/(^|:)0(:0)+(:|$)/, '::');
        return { kind: 'ipv6', value: prefix === null ? text : `${text}/${prefix}` };
      });
    const ipv4 = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.option(fc.integer({ min: 0, max: 32 })))
      .map(([b, prefix]) => ({ kind: 'ipv4', value: prefix === null ? b.join('.') : `${b.join('.')}/${prefix}` }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(ipv6, ipv4), { minLength: 1, maxLength: 200 }), async (rows) => {
        // Every one of these is an address or range, which ingest must take.
        for (const row of rows) expect(normalise(row.kind, row.value), row.value).not.toBeNull();
        await expectAgreement(rows);
      }),
      { numRuns: 15 },
    );
  });
});
