/**
 * Export as CSV, one row per object: id, type, name, created, modified, tlp, value (the pattern of
 * an indicator, the value of an observable, the CVE of a vulnerability), owner (the organisation
 * that owns it on this node, else the creator identity's name where the reader may see it, else its
 * id). RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.
 * Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading
 * apostrophe, so opening the file runs nothing.
 */
import type { Db } from '../../../db/index.js';
import * as organisations from '../../directory/organisations.service.js';
import type { Actor } from '../../identity/actor.js';
import type { Collection } from '../collections.service.js';
import { tlpOf } from '../tlp.js';
import { creatorNames, type Selection, type StixObject, selectForExport } from './selection.js';

export const CSV_COLUMNS = ['id', 'type', 'name', 'created', 'modified', 'tlp', 'value', 'owner'] as const;

export interface CsvExport {
  csv: string;
  rows: number;
  withheldRed: number;
  /** Objects and references left out because they name something the export may not carry (selection.ts). */
  withheldLinks: number;
  removedRefs: number;
  /** The collection exported (its API root names the file). */
  collection: Collection;
}

export async function exportCsv(db: Db, actor: Actor, sel: Selection): Promise<CsvExport> {
  const { objects, owners, withheldRed, withheldLinks, removedRefs, reader, collection } = await selectForExport(db, actor, sel);
  const names = await creatorNames(db, reader, sel.collectionId, objects);
  const organisationNames = await organisationNamesOf(db, actor, [...new Set([...owners.values()].filter((o): o is string => o !== null))]);
  const lines = [CSV_COLUMNS.join(',')];
  for (const o of objects) {
    const organisation = owners.get(o.id as string);
    const creator = typeof o.created_by_ref === 'string' ? (names.get(o.created_by_ref) ?? o.created_by_ref) : '';
    const owner = (organisation && organisationNames.get(organisation)) || creator;
    lines.push(
      [o.id, o.type, typeof o.name === 'string' ? o.name : '', o.created, o.modified, tlpOf(o), mainValue(o), owner]
        .map((v) => csvCell(v))
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows: objects.length, withheldRed, withheldLinks, removedRefs, collection };
}

/** Names of the owning organisations (everyone with a role reads the directory's organisations). */
async function organisationNamesOf(db: Db, actor: Actor, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of ids) {
    const org = await organisations.get(db, actor, id).catch(() => null);
    if (org) names.set(id, org.name);
  }
  return names;
}

/** The one value that says what an object is about, for the `value` column. */
export function mainValue(o: StixObject): string {
  if (o.type === 'indicator' && typeof o.pattern === 'string') return o.pattern;
  if (o.type === 'vulnerability') {
    const refs = Array.isArray(o.external_references) ? (o.external_references as Record<string, unknown>[]) : [];
    const cves = refs.filter((r) => r?.source_name === 'cve' && typeof r.external_id === 'string').map((r) => r.external_id as string);
    return cves.join(' ');
  }
  if (o.type === 'file' && o.hashes && typeof o.hashes === 'object') {
    return Object.entries(o.hashes as Record<string, unknown>)
      .map(([alg, digest]) => `${alg}:${String(digest)}`)
      .join(' ');
  }
  for (const key of ['value', 'number', 'key', 'subject'] as const) {
    if (typeof o[key] === 'string' || typeof o[key] === 'number') return String(o[key]);
  }
  return '';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field, neutralised against spreadsheet formula injection. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
