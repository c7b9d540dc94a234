/**
 * What `kizuna import FILE [--collection ID] [--tlp LEVEL]` does once the store is open (on the
 * command line's own connection, or inside the running node through its control socket): read
 * the file, choose the collection — by default "Imports" of the real API root, owned by the node's
 * home organisation and created on first use — import it, and say what happened. The exit code is
 * non-zero when anything was refused, whole file or single object.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/index.js';
import { AppError } from '../../../errors.js';
import { HOME_COUNTRY } from '../../../server/node.js';
import { ensureHomeOrganisation } from '../../directory/organisations.service.js';
import type { Actor } from '../../identity/actor.js';
import * as collections from '../collections.service.js';
import { type Tlp, tlpLevels } from '../tlp.js';
import { type ImportKind, type ImportProgress, importFile } from './import.service.js';

export const IMPORTS_COLLECTION = 'Imports';

const KIND_NAMES: Record<ImportKind, string> = {
  'stix-bundle': 'STIX 2.1 bundle',
  'misp-event': 'MISP event',
  'kev-catalogue': 'CISA KEV catalogue',
};
/** Enough to act on; the rest is counted. */
const MAX_LISTED = 200;

export async function importCommand(
  db: Db,
  actor: Actor,
  args: { path: string; collection?: string; tlp?: string },
  onProgress?: (p: ImportProgress) => void,
): Promise<{ exitCode: number; output: string }> {
  if (args.tlp !== undefined && !tlpLevels.includes(args.tlp as Tlp))
    throw new AppError('bad_request', `--tlp must be one of ${tlpLevels.join(', ')}`);
  let content: Buffer;
  try {
    content = await readFile(args.path);
  } catch (err) {
    throw new AppError(
      'bad_request',
      `Cannot read ${args.path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  const collection = args.collection ? await collections.requireWriteById(db, actor, args.collection) : await importsCollection(db, actor);
  const outcome = await importFile(db, actor, {
    collectionId: collection.id,
    content,
    defaultTlp: args.tlp as Tlp | undefined,
    onProgress,
  });

  const lines = [
    `${path.basename(args.path)}: ${KIND_NAMES[outcome.kind]}, ${outcome.total} objects into collection "${collection.title}" (${collection.id})`,
    `added ${outcome.added}, duplicates ${outcome.duplicates}, failed ${outcome.failures.length}`,
  ];
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(`${title}:`, ...items.slice(0, MAX_LISTED).map((i) => `  ${i}`));
    if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more`);
  };
  list('warnings', outcome.warnings);
  list(
    'failed',
    outcome.failures.map((f) => `${f.id ?? '(no id)'}: ${f.message}`),
  );
  return { exitCode: outcome.failures.length ? 1 : 0, output: `${lines.join('\n')}\n` };
}

/** The home organisation's "Imports" collection, made on first use. */
async function importsCollection(db: Db, actor: Actor): Promise<collections.Collection> {
  const home = await ensureHomeOrganisation(db, actor, HOME_COUNTRY);
  const found = (await collections.list(db, actor, 'real')).find((c) => c.title === IMPORTS_COLLECTION && c.ownerOrganisationId === home);
  if (found) return found;
  return collections.create(db, actor, {
    title: IMPORTS_COLLECTION,
    description: 'Files imported with `kizuna import`',
    apiRoot: 'real',
    organisationId: home,
  });
}
