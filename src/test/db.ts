/** A fresh store for one test file: a copy of the template built in global-setup.ts. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openDb } from '../db/index.js';
import { withDatabase } from './global-setup.js';

export const storeKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDb {
  db: Db;
  /** A connection string for this store (PostgreSQL only), for child processes. */
  url?: string;
  drop(): Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `kizuna_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
        break;
      } catch (err) {
        // Two files copying the template at the same moment: PostgreSQL refuses one; try again.
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const dbUrl = withDatabase(url, name);
    const db = await openDb({ databaseUrl: dbUrl });
    return {
      db,
      url: dbUrl,
      async drop() {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const tarball = await readFile(inject('templateTarball'));
  const db = await openDb({ loadDataDir: new Blob([tarball]) });
  return { db, drop: () => db.close() };
}
