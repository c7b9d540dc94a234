import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storeKind } from '../test/db.js';
import { openDb } from './index.js';
import { listMigrations } from './migrate.js';
import { unpackStore } from './template.js';

// A first start on PGlite unpacks a migrated store into the data folder and opens it as an
// existing folder; these check that such a folder is a whole store, and that a half-unpacked one
// is not taken for a store.
describe.skipIf(storeKind !== 'pglite')('unpacking a store template', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kizuna-unpack-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('gives a folder PGlite opens with every migration and the template rows', async () => {
    const dir = path.join(root, 'whole');
    await mkdir(dir);
    unpackStore(inject('templateTarball'), dir);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    const db = await openDb({ dataDir: dir });
    try {
      const applied = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(applied[0].n).toBe((await listMigrations()).length);
      const orgs = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
      expect(orgs[0].n).toBeGreaterThan(100);
      await db.query(`INSERT INTO countries (code, name) VALUES ('XK', 'Test land') ON CONFLICT DO NOTHING`);
    } finally {
      await db.close();
    }
    // Reopened, the write is still there: the folder is the store, not a copy in memory.
    const again = await openDb({ dataDir: dir });
    try {
      expect(await again.query(`SELECT name FROM countries WHERE code = 'XK'`)).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('leaves no marker when unpacking fails, and unpacks over the half-done folder next time', async () => {
    const dir = path.join(root, 'half');
    // A folder where one of the last files of the tarball must go: the file cannot be written.
    await mkdir(path.join(dir, 'postgresql.conf'), { recursive: true });
    await writeFile(path.join(dir, 'postgresql.conf', 'in the way'), 'x');
    expect(() => unpackStore(inject('templateTarball'), dir)).toThrow();
    const names = await readdir(dir);
    expect(names).toContain('base');
    expect(names).not.toContain('PG_VERSION');
    await rm(path.join(dir, 'postgresql.conf'), { recursive: true });
    unpackStore(inject('templateTarball'), dir);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    const db = await openDb({ dataDir: dir });
    try {
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations'))[0].n).toBeGreaterThan(100);
    } finally {
      await db.close();
    }
  });
});
