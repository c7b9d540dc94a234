/** Shared bench helpers: figures as JSON lines, percentiles, and which stores to measure. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, openDb } from '../src/db/index.js';

export const quick = process.argv.includes('--quick');

export function figure(bench: string, metric: string, value: number, store: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ bench, metric, value: Math.round(value * 100) / 100, store, ...extra }));
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** PostgreSQL to measure against: BENCH_DATABASE_URL, or the local server when it answers. */
export async function postgresUrl(): Promise<string | undefined> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    console.error(`(PostgreSQL at ${url} not reachable: measuring PGlite only)`);
    return undefined;
  }
}

/** A fresh database on the server at `url`, dropped by the returned function. */
export async function scratchDatabase(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      // BENCH_KEEP=1 leaves the database for a look at its plans afterwards.
      if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Runs `measure` on a fresh PGlite store in a temporary folder, then on a scratch PostgreSQL
 * database when one is reachable; both are removed afterwards.
 */
export async function onEachStore(name: string, measure: (store: 'pglite' | 'postgres', db: Db) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `kizuna-bench-${name}-`));
  try {
    // BENCH_STORE=pglite or =postgres measures one store only.
    if (process.env.BENCH_STORE !== 'postgres') {
      const pglite = await openDb({ dataDir: path.join(dir, 'data') });
      try {
        await measure('pglite', pglite);
      } finally {
        await pglite.close();
      }
    }
    if (process.env.BENCH_STORE === 'pglite') return;
    const url = await postgresUrl();
    if (!url) return;
    const scratch = await scratchDatabase(url, `kizuna_bench_${name}`);
    const db = await openDb({ databaseUrl: scratch.url });
    try {
      await measure('postgres', db);
    } finally {
      await db.close();
      await scratch.drop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
