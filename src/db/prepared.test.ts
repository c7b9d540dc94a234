/**
 * Prepared statements (QueryOptions.prepare) on the store under test: the same rows as an
 * unprepared query for every parameter and column type the stores use, errors that leave the
 * connection usable, and on PGlite (one session for everything) no read inside another caller's
 * open transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, storeKind, type TestDb } from '../test/db.js';

let t: TestDb;

beforeAll(async () => {
  t = await freshDb();
  await t.db.exec(
    'CREATE TABLE prepared_probe (id uuid PRIMARY KEY, label text, n bigint, at timestamptz, tags text[], doc jsonb, ok boolean)',
  );
});
afterAll(async () => t?.drop());

const SELECT = `SELECT id, label, n, at, tags, doc, ok, $1::text AS echo, cardinality($2::uuid[]) AS ids, $3::boolean AS flag
                  FROM prepared_probe WHERE ($4::text IS NULL OR label = $4) ORDER BY label`;

describe(`prepared statements (${storeKind})`, () => {
  it('answer what the same query answers unprepared, for every type, run after run', async () => {
    await t.db.query(
      `INSERT INTO prepared_probe VALUES ('6a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60', 'a', 9007199254740993, '2026-01-02T03:04:05.123456Z', '{x,"y z"}', '{"k": [1, "two"]}', true),
                                         ('7a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60', 'b', -1, NULL, '{}', 'null', false)`,
    );
    const cases: unknown[][] = [
      ["it's", ['6a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60'], true, null],
      ['', [], false, 'b'],
      ['ü "quoted" \\ back', ['6a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60', '7a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60'], false, 'a'],
      [null, [], null, 'nobody'],
    ];
    for (let run = 0; run < 7; run++) {
      // Past the fifth run PostgreSQL may switch to a generic plan: the answers must not change.
      for (const params of cases) {
        const plain = await t.db.query(SELECT, params);
        expect(await t.db.query(SELECT, params, { prepare: true })).toEqual(plain);
      }
    }
    const [row] = await t.db.query<Record<string, unknown>>(SELECT, cases[0], { prepare: true });
    // The stores' shared conventions: timestamps and bigints as strings, JSON parsed.
    expect(row).toMatchObject({ label: 'a', n: '9007199254740993', tags: ['x', 'y z'], doc: { k: [1, 'two'] }, ok: true, ids: 1 });
    expect(String(row.at)).toMatch(/^2026-01-02 03:04:05\.123456\+00/);
  });

  it('reject a bad parameter with the database error and stay usable', async () => {
    const bad = t.db.query('SELECT $1::uuid AS id', ['not-a-uuid'], { prepare: true });
    await expect(bad).rejects.toMatchObject({ code: '22P02' });
    expect(await t.db.query('SELECT $1::uuid AS id', ['6a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60'], { prepare: true })).toEqual([
      { id: '6a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60' },
    ]);
    await expect(t.db.query('SELECT FROM nowhere_at_all', [], { prepare: true })).rejects.toMatchObject({ code: '42P01' });
  });

  it("see their own transaction's rows, and never another open transaction's", async () => {
    const count = (db = t.db) =>
      db.query<{ n: string }>(`SELECT count(*)::text AS n FROM prepared_probe WHERE label = 'tx'`, [], { prepare: true });
    let outside: Promise<{ n: string }[]> | undefined;
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO prepared_probe (id, label) VALUES ('8a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60', 'tx')`);
        expect(await count(tx)).toEqual([{ n: '1' }]);
        // Started while this transaction is open, outside it: it must not read the uncommitted row.
        outside = count();
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toEqual([{ n: '0' }]);
    expect(await count()).toEqual([{ n: '0' }]);
  });
});
