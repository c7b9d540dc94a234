/**
 * One entry for every export format: builds the file, names it, and records in the audit log who
 * took which selection out of the node (an export leaves the sharing rules' reach, so it is kept
 * on record like a write).
 */
import type { Db } from '../../../db/index.js';
import * as audit from '../../audit/service.js';
import type { Actor } from '../../identity/actor.js';
import type { Collection } from '../collections.service.js';
import { exportCsv } from './csv.js';
import { exportMispEvent } from './misp.js';
import type { Selection } from './selection.js';
import { exportStixBundle } from './stix.js';

export const EXPORT_FORMATS = ['stix', 'misp', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  objects: number;
  withheldRed: number;
  withheldLinks: number;
  removedRefs: number;
}

export async function exportSelection(db: Db, actor: Actor, format: ExportFormat, sel: Selection): Promise<ExportFile> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
  // Drill data says so in the file's name too (its objects carry the EXERCISE marking, exercise.ts).
  const base = (collection: Collection) =>
    `${collection.apiRoot === 'exercise' ? 'EXERCISE-' : ''}kizuna-${sel.collectionId.slice(0, 8)}-${stamp}`;
  let file: ExportFile;
  if (format === 'stix') {
    const out = await exportStixBundle(db, actor, sel);
    file = {
      body: JSON.stringify(out.bundle, null, 1),
      contentType: 'application/stix+json;version=2.1',
      filename: `${base(out.collection)}.stix.json`,
      objects: out.bundle.objects.length,
      ...counts(out),
    };
  } else if (format === 'misp') {
    const out = await exportMispEvent(db, actor, sel);
    file = {
      body: JSON.stringify(out.event, null, 1),
      contentType: 'application/json; charset=utf-8',
      filename: `${base(out.collection)}.misp.json`,
      objects: out.event.Event.Attribute.length,
      ...counts(out),
    };
  } else {
    const out = await exportCsv(db, actor, sel);
    file = {
      body: out.csv,
      contentType: 'text/csv; charset=utf-8',
      filename: `${base(out.collection)}.csv`,
      objects: out.rows,
      ...counts(out),
    };
  }
  await audit.record(db, actor, {
    action: 'intel.export',
    targetType: 'collection',
    targetId: sel.collectionId,
    summary: { format, ...sel, objects: file.objects, withheldRed: file.withheldRed, withheldLinks: file.withheldLinks },
  });
  return file;
}

const counts = (o: { withheldRed: number; withheldLinks: number; removedRefs: number }) => ({
  withheldRed: o.withheldRed,
  withheldLinks: o.withheldLinks,
  removedRefs: o.removedRefs,
});
