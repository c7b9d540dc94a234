/**
 * Importing a file into a collection: the kind is recognised by content (a STIX 2.1 bundle, a MISP
 * event, the CISA KEV catalogue), mapped to STIX by a pure importer, then stored through `ingest`,
 * which validates each object and applies the rules every write path shares.
 *
 * Transactions: the whole file is stored in one transaction, in batches of IMPORT_BATCH objects
 * (one `ingest` call each, so progress can be reported and memory stays flat). A file that is
 * refused — unreadable, too large, hostile, of an unknown kind — is refused before anything is
 * written; inside a readable file, each invalid object is reported as a failure with its reason and
 * the valid ones are stored, as TAXII does for one envelope. If storing fails half-way (the database
 * goes away), the transaction rolls back and nothing of the file remains.
 */
import type { Db } from '../../../db/index.js';
import { AppError } from '../../../errors.js';
import type { Actor } from '../../identity/actor.js';
import * as collections from '../collections.service.js';
import { type FailedObject, ingest } from '../objects.service.js';
import { EXERCISE_TAG, withExerciseMarking } from '../exercise.js';
import { isTlpMarking, type Tlp, tlpMarkingId } from '../tlp.js';
import type { Mapped } from './common.js';
import { parseImportJson } from './input.js';
import { fromKevCatalogue, isKevCatalogue } from './kev.js';
import { fromMispEvent, isMispEvent } from './misp.js';
import { fromStixBundle, isStixBundle } from './stix-bundle.js';

export type ImportKind = 'stix-bundle' | 'misp-event' | 'kev-catalogue';

export const IMPORT_BATCH = 1000;

export interface ImportProgress {
  done: number;
  total: number;
}

export interface ImportOptions {
  collectionId: string;
  content: Buffer | string;
  exerciseId?: string | null;
  /** Marks objects that carry no TLP marking (e.g. a public framework such as DISARM as CLEAR). */
  defaultTlp?: Tlp;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportOutcome {
  kind: ImportKind;
  collectionId: string;
  /** Objects the file yielded, plus the source items that could not become objects. */
  total: number;
  added: number;
  duplicates: number;
  failures: FailedObject[];
  warnings: string[];
}

const EXPECTED = 'a STIX 2.1 bundle ("type": "bundle"), a MISP event in the MISP core format ({"Event": {…}}) or the CISA KEV catalogue';

/** Recognises the kind of a parsed file and maps it to STIX; refuses anything else by name. */
export function mapImport(parsed: unknown): { kind: ImportKind; mapped: Mapped } {
  if (isStixBundle(parsed)) return { kind: 'stix-bundle', mapped: fromStixBundle(parsed) };
  if (isKevCatalogue(parsed)) return { kind: 'kev-catalogue', mapped: fromKevCatalogue(parsed) };
  if (isMispEvent(parsed)) return { kind: 'misp-event', mapped: fromMispEvent(parsed) };
  const what = Array.isArray(parsed)
    ? 'a JSON list'
    : parsed && typeof parsed === 'object'
      ? 'a JSON object of unknown kind'
      : `a JSON ${typeof parsed}`;
  throw new AppError('bad_request', `Unrecognised file: found ${what}; expected ${EXPECTED}`);
}

export async function importFile(db: Db, actor: Actor, opts: ImportOptions): Promise<ImportOutcome> {
  const collection = await collections.requireWriteById(db, actor, opts.collectionId);

  const { kind, mapped } = mapImport(parseImportJson(opts.content));
  if (opts.defaultTlp) markUnmarked(mapped, opts.defaultTlp);
  if (kind === 'misp-event') markExerciseEvent(mapped);
  const failures: FailedObject[] = mapped.rejected.map((r) => ({ id: r.id, version: null, message: r.message }));
  const total = mapped.objects.length + mapped.rejected.length;
  let done = mapped.rejected.length;
  let added = 0;
  let stored = 0;
  opts.onProgress?.({ done, total });
  await db.transaction(async (tx) => {
    for (let i = 0; i < mapped.objects.length; i += IMPORT_BATCH) {
      const batch = mapped.objects.slice(i, i + IMPORT_BATCH);
      const result = await ingest(
        tx,
        actor,
        {
          collectionId: opts.collectionId,
          exerciseId: opts.exerciseId ?? null,
          action: 'intel.import',
          fallbackOwnerId: collection.ownerOrganisationId,
        },
        batch,
      );
      failures.push(...result.failures);
      added += result.added;
      stored += result.successes.length;
      done += batch.length;
      opts.onProgress?.({ done, total });
    }
  });
  return { kind, collectionId: opts.collectionId, total, added, duplicates: stored - added, failures, warnings: mapped.warnings };
}

/**
 * A MISP event exported from an exercise collection says so by a tag (the event's tags become the
 * report's labels); its objects get the exercise marking back, so only the exercise root takes them.
 */
function markExerciseEvent(mapped: Mapped): void {
  const tagged = mapped.objects.some((o) => o?.type === 'report' && Array.isArray(o.labels) && o.labels.includes(EXERCISE_TAG));
  if (tagged) mapped.objects = mapped.objects.map((o) => (o && typeof o === 'object' ? withExerciseMarking(o) : o));
}

function markUnmarked(mapped: Mapped, tlp: Tlp): void {
  for (const o of mapped.objects) {
    if (!o || typeof o !== 'object' || o.type === 'marking-definition') continue;
    const refs = Array.isArray(o.object_marking_refs) ? o.object_marking_refs : [];
    if (refs.some((r) => typeof r === 'string' && isTlpMarking(r))) continue;
    o.object_marking_refs = [...refs, tlpMarkingId[tlp]];
  }
}
