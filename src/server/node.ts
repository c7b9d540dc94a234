/**
 * Opens a node's store and brings it to a usable state: migrations, the demo directory on first
 * start, the home organisation and the first admin. Shared by `kizuna serve`, the tests and the
 * benchmarks, so that all three start a node the same way.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { type Db, openDb } from '../db/index.js';
import { migrate } from '../db/migrate.js';
import { unpackTemplate } from '../db/template.js';
import { systemActor } from '../modules/identity/actor.js';
import * as identity from '../modules/identity/service.js';
import { type DemoLoadResult, loadDemoDirectory } from '../modules/directory/demo.js';
import { ensureHomeOrganisation } from '../modules/directory/organisations.service.js';

export const HOME_COUNTRY = (process.env.KIZUNA_HOME_COUNTRY ?? 'VN').toUpperCase();

export interface OpenedNode {
  db: Db;
  homeOrganisationId: string;
  firstStart: boolean;
  demo: DemoLoadResult | null;
  firstAdmin: identity.FirstAdminOutcome;
  timings: { openMs: number; migrateMs: number; demoMs: number };
}

export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<{ db: Db; fresh: boolean }> {
  if (config.databaseUrl) return { db: await openDb({ databaseUrl: config.databaseUrl }), fresh: false };
  const fresh = !existsSync(path.join(config.dataDir, 'PG_VERSION'));
  await mkdir(config.dataDir, { recursive: true });
  if (fresh) await unpackTemplate(config.dataDir);
  return { db: await openDb({ dataDir: config.dataDir }), fresh };
}

export async function prepareNode(
  db: Db,
  config: Pick<Config, 'admin' | 'loadDemo'>,
  opts: { fresh: boolean },
): Promise<Omit<OpenedNode, 'db' | 'timings'> & { migrateMs: number; demoMs: number }> {
  const t0 = performance.now();
  await migrate(db);
  const migrateMs = performance.now() - t0;
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
  const firstStart = opts.fresh || n === 0;
  let demo: DemoLoadResult | null = null;
  const t1 = performance.now();
  if (firstStart && config.loadDemo) demo = await loadDemoDirectory(db, systemActor('demo'));
  const demoMs = performance.now() - t1;
  const homeOrganisationId = await ensureHomeOrganisation(db, systemActor('bootstrap'), HOME_COUNTRY);
  const firstAdmin = await identity.ensureFirstAdmin(db, { admin: config.admin, homeOrganisationId });
  return { homeOrganisationId, firstStart, demo, firstAdmin, migrateMs, demoMs };
}

export async function openNode(config: Config): Promise<OpenedNode> {
  const t0 = performance.now();
  const { db, fresh } = await openStore(config);
  const openMs = performance.now() - t0;
  try {
    const prepared = await prepareNode(db, config, { fresh });
    return { db, ...prepared, timings: { openMs, migrateMs: prepared.migrateMs, demoMs: prepared.demoMs } };
  } catch (err) {
    await db.close();
    throw err;
  }
}
