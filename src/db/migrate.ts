/**
 * Applies the committed SQL migrations in src/db/migrations in name order. Each file runs in its
 * own transaction under an advisory lock, so two processes starting together on one PostgreSQL
 * apply each file exactly once; running again changes nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fromRoot } from '../lib/paths.js';
import type { Db } from './index.js';

export const migrationsDir = fromRoot('src', 'db', 'migrations') + '/';
const LOCK_KEY = 4_242_001;

export async function listMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
}

export async function migrate(db: Db): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: string[] = [];
  for (const name of await listMigrations()) {
    const sql = await readFile(migrationsDir + name, 'utf8');
    const did = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (done.length) return false;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (did) applied.push(name);
  }
  return applied;
}

/** True when every committed migration has been applied (readiness). */
export async function isMigrated(db: Db): Promise<boolean> {
  const names = await listMigrations();
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations').catch(() => [] as { name: string }[]);
  const have = new Set(rows.map((r) => r.name));
  return names.every((n) => have.has(n));
}
