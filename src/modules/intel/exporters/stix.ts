/**
 * Export as a STIX 2.1 bundle: the selected objects exactly as stored (latest version of each),
 * so that importing the bundle elsewhere reproduces them. TLP and the RED rule apply (selection.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import type { Actor } from '../../identity/actor.js';
import type { Collection } from '../collections.service.js';
import { type Selection, type StixObject, selectForExport } from './selection.js';

export interface StixExport {
  bundle: { type: 'bundle'; id: string; objects: StixObject[] };
  withheldRed: number;
  /** Objects and references left out because they name something the export may not carry (selection.ts). */
  withheldLinks: number;
  removedRefs: number;
  /** The collection exported (its API root names the file). */
  collection: Collection;
}

export async function exportStixBundle(db: Db, actor: Actor, sel: Selection): Promise<StixExport> {
  const { objects, withheldRed, withheldLinks, removedRefs, collection } = await selectForExport(db, actor, sel);
  return { bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects }, withheldRed, withheldLinks, removedRefs, collection };
}
