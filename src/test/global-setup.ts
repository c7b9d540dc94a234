/**
 * Builds one template store before the tests: migrated, with the demo directory and the home
 * organisation. On PGlite it is a data-folder tarball that every test file loads (much faster than
 * a fresh initdb per file); on PostgreSQL it is a template database each test file copies.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDb, wrapPglite } from '../db/index.js';
import { prepareNode } from '../server/node.js';

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `kizuna_template_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const db = await openDb({ databaseUrl: withDatabase(url, name), poolSize: 2 });
    await prepareNode(db, { loadDemo: true }, { fresh: true });
    await db.close();
    provide('templateDatabase', name);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const pglite = new PGlite({ postgresqlconf: ['shared_buffers = 16MB'] } as ConstructorParameters<typeof PGlite>[0]);
  await pglite.waitReady;
  await prepareNode(wrapPglite(pglite), { loadDemo: true }, { fresh: true });
  const tarball = await pglite.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `kizuna-template-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
  await pglite.close();
  provide('templateTarball', file);
  return () => rm(file, { force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    templateTarball: string;
  }
}
