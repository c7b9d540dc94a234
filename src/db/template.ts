/**
 * A ready-made empty store for first starts on PGlite. Creating a PGlite folder from nothing
 * (initdb) takes seconds and briefly ~800 MB; loading a tarball of an already initialised and
 * migrated store takes about one. The build (scripts/build.mjs) writes the tarball into dist/
 * beside the list of migrations it contains; a first start uses it only when that list matches the
 * committed migrations, and otherwise falls back to initdb.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { fromRoot } from '../lib/paths.js';
import { wrapPglite } from './index.js';
import { listMigrations, migrate } from './migrate.js';

export const templateFile = fromRoot('dist', 'pglite-template.tar');
const manifestFile = `${templateFile}.json`;

export async function writeTemplate(): Promise<void> {
  const pglite = new PGlite({ postgresqlconf: ['shared_buffers = 16MB'] } as ConstructorParameters<typeof PGlite>[0]);
  await pglite.waitReady;
  await migrate(wrapPglite(pglite));
  // Leave the files tidy so every node that starts from them starts clean.
  await pglite.exec('CHECKPOINT');
  const tarball = await pglite.dumpDataDir('none');
  await pglite.close();
  await writeFile(templateFile, Buffer.from(await tarball.arrayBuffer()));
  await writeFile(manifestFile, JSON.stringify({ migrations: await listMigrations() }));
}

/** The template as a Blob when it exists and holds exactly the committed migrations. */
export async function loadTemplate(): Promise<Blob | undefined> {
  if (!existsSync(manifestFile) || !existsSync(templateFile)) return undefined;
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { migrations: string[] };
  const current = await listMigrations();
  if (manifest.migrations.join('\n') !== current.join('\n')) return undefined;
  return new Blob([await readFile(templateFile)]);
}
