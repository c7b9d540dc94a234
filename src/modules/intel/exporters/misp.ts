/**
 * Export as one MISP event (MISP core format), the inverse of importers/misp.ts where STIX allows:
 * - a report in the selection gives the event its uuid, info, date and creator (Orgc); with none,
 *   the event is new and named after the collection;
 * - indicators with simple patterns become typed attributes with to_ids (ip-dst, ip-dst|port,
 *   domain, domain|ip, url, hashes, filename|hash, email-src/dst…), other patterns `stix2-pattern`;
 * - observables become attributes without to_ids; vulnerabilities `vulnerability` attributes;
 * - TLP becomes `tlp:` tags (the event's, and an attribute's own where it differs), labels tags;
 * - uuids come back from `x_misp_uuid` where the object came from MISP, else from the STIX id.
 * Objects MISP has no attribute for (attack patterns, relationships, identities…) are listed in
 * `skipped`. MISP Objects are not rebuilt: their parts come back as separate attributes.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import type { Actor } from '../../identity/actor.js';
import { isUuid, NAMESPACE, uuidv5 } from '../importers/ids.js';
import { mispHashType } from '../importers/misp-types.js';
import type { Collection } from '../collections.service.js';
import { EXERCISE_TAG } from '../exercise.js';
import { type Tlp, tlpLevels, tlpOf } from '../tlp.js';
import { simpleTerms, type Term } from './pattern-terms.js';
import { creatorNames, type Selection, type StixObject, selectForExport } from './selection.js';

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  comment: string;
  timestamp: string;
  Tag?: { name: string }[];
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    timestamp: string;
    published: boolean;
    analysis: string;
    threat_level_id: string;
    distribution: string;
    Orgc?: { uuid: string; name: string };
    Tag: { name: string }[];
    Attribute: MispAttribute[];
  };
}

export interface MispExport {
  event: MispEvent;
  skipped: { id: string; type: string }[];
  withheldRed: number;
  /** Objects and references left out because they name something the export may not carry (selection.ts). */
  withheldLinks: number;
  removedRefs: number;
  /** The collection exported (its API root names the file). */
  collection: Collection;
}

const DEFAULT_CATEGORY: Record<string, string> = {
  vulnerability: 'External analysis',
  'stix2-pattern': 'Payload installation',
  filename: 'Payload delivery',
  'email-src': 'Payload delivery',
  'email-subject': 'Payload delivery',
  mutex: 'Artifacts dropped',
  regkey: 'Persistence mechanism',
};
/** MISP's default category for a type: file facts are payload delivery, the rest network activity. */
const categoryFor = (type: string) =>
  DEFAULT_CATEGORY[type] ?? (type.startsWith('filename|') || isHashType(type) ? 'Payload delivery' : 'Network activity');
const isHashType = (type: string) =>
  ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-512', 'ssdeep', 'tlsh'].includes(type);

/** Types that read the same value differently; the one recorded at import wins within its group. */
const SAME_VALUE = [
  ['ip-dst', 'ip-src'],
  ['domain', 'hostname'],
  ['url', 'link', 'uri'],
  ['email', 'email-addr', 'email-src', 'email-dst'],
];

const uuidOfId = (id: unknown) => (typeof id === 'string' ? id.slice(id.indexOf('--') + 2) : randomUUID());
const epoch = (iso: unknown) => String(Math.floor((typeof iso === 'string' ? Date.parse(iso) : Date.now()) / 1000));

export async function exportMispEvent(db: Db, actor: Actor, sel: Selection): Promise<MispExport> {
  const { objects, withheldRed, withheldLinks, removedRefs, reader, collection } = await selectForExport(db, actor, sel);
  const byId = new Map(objects.map((o) => [o.id as string, o]));
  const report = objects.find((o) => o.type === 'report');
  const strictest = objects.reduce<Tlp>((t, o) => (tlpLevels.indexOf(tlpOf(o)) > tlpLevels.indexOf(t) ? tlpOf(o) : t), 'clear');
  const eventTlp = report ? tlpOf(report) : strictest;
  // Addresses that a network-traffic or domain in the selection refers to travel inside that attribute.
  const consumed = new Set<string>();
  for (const o of objects) {
    if (o.type === 'network-traffic') for (const k of ['src_ref', 'dst_ref']) if (typeof o[k] === 'string') consumed.add(o[k] as string);
    if (o.type === 'domain-name' && Array.isArray(o.resolves_to_refs) && o.resolves_to_refs.length === 1)
      consumed.add(o.resolves_to_refs[0] as string);
  }

  const attributes: MispAttribute[] = [];
  const skipped: MispExport['skipped'] = [];
  const usedUuids = new Set<string>();
  for (const o of objects) {
    if (o === report || consumed.has(o.id as string)) continue;
    const mapped = attributesOf(o, byId);
    if (!mapped.length) {
      if (o.type !== 'report' || o !== report) skipped.push({ id: o.id as string, type: o.type as string });
      continue;
    }
    const tlp = tlpOf(o);
    mapped.forEach((m, i) => {
      // An attribute's uuid: the MISP one it came with (not an object's, which its parts share), else the STIX id's.
      let uuid = i === 0 && isUuid(o.x_misp_uuid) && !o.x_misp_object ? (o.x_misp_uuid as string) : uuidOfId(o.id);
      if (usedUuids.has(uuid)) uuid = uuidv5(NAMESPACE.misp, `${o.id}|${i}`);
      usedUuids.add(uuid);
      const own = SAME_VALUE.find((g) => g.includes(m.type) && g.includes(o.x_misp_type as string)) ? (o.x_misp_type as string) : m.type;
      const tags = [...(tlp !== eventTlp ? [`tlp:${tlp}`] : []), ...labelsOf(o)];
      attributes.push({
        uuid,
        type: own,
        category: typeof o.x_misp_category === 'string' ? o.x_misp_category : categoryFor(own),
        value: m.value,
        to_ids: m.toIds,
        comment: typeof o.description === 'string' ? o.description : '',
        timestamp: epoch(o.modified ?? report?.modified),
        ...(tags.length ? { Tag: tags.map((name) => ({ name })) } : {}),
      });
    });
  }

  const names = await creatorNames(db, reader, sel.collectionId, report ? [report] : []);
  const exercise = collection.apiRoot === 'exercise';
  const creator = typeof report?.created_by_ref === 'string' ? report.created_by_ref : undefined;
  const event: MispEvent['Event'] = {
    uuid: report ? (isUuid(report.x_misp_uuid) ? (report.x_misp_uuid as string) : uuidOfId(report.id)) : randomUUID(),
    info: `${exercise ? '[EXERCISE] ' : ''}${typeof report?.name === 'string' ? report.name : `Kizuna export of ${collection.title}`}`,
    date:
      typeof report?.x_misp_date === 'string'
        ? report.x_misp_date
        : (typeof report?.created === 'string' ? report.created : new Date().toISOString()).slice(0, 10),
    timestamp: epoch(report?.modified),
    published: false,
    analysis: typeof report?.x_misp_analysis === 'string' ? report.x_misp_analysis : '0',
    threat_level_id: typeof report?.x_misp_threat_level_id === 'string' ? report.x_misp_threat_level_id : '4',
    // 0 = this organisation only: whoever receives the file decides how far it goes, under its TLP.
    distribution: '0',
    ...(creator ? { Orgc: { uuid: uuidOfId(creator), name: names.get(creator) ?? creator } } : {}),
    Tag: [
      { name: `tlp:${eventTlp}` },
      ...(exercise ? [{ name: EXERCISE_TAG }] : []),
      ...(report ? labelsOf(report).map((name) => ({ name })) : []),
    ],
    Attribute: attributes,
  };
  return { event: { Event: event }, skipped, withheldRed, withheldLinks, removedRefs, collection };
}

const labelsOf = (o: StixObject) => (Array.isArray(o.labels) ? o.labels.filter((l): l is string => typeof l === 'string') : []);

interface Attr {
  type: string;
  value: string;
  toIds: boolean;
}

/** The MISP attributes one STIX object stands for (none when MISP has no place for it). */
function attributesOf(o: StixObject, byId: Map<string, StixObject>): Attr[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  switch (o.type) {
    case 'indicator': {
      if (o.pattern_type !== 'stix' || typeof o.pattern !== 'string') return [];
      const terms = simpleTerms(o.pattern);
      const typed = terms && fromTerms(terms);
      return [typed ? { ...typed, toIds: true } : { type: 'stix2-pattern', value: o.pattern, toIds: true }];
    }
    case 'vulnerability': {
      const refs = Array.isArray(o.external_references) ? (o.external_references as Record<string, unknown>[]) : [];
      const cve = refs.find((r) => r?.source_name === 'cve' && typeof r.external_id === 'string')?.external_id;
      const value = str(cve) ?? str(o.name);
      return value ? [{ type: 'vulnerability', value, toIds: false }] : [];
    }
    case 'ipv4-addr':
    case 'ipv6-addr':
      return o.value ? [{ type: 'ip-dst', value: String(o.value), toIds: false }] : [];
    case 'domain-name': {
      const ip =
        Array.isArray(o.resolves_to_refs) && o.resolves_to_refs.length === 1
          ? str(byId.get(o.resolves_to_refs[0] as string)?.value)
          : undefined;
      return [{ type: ip ? 'domain|ip' : 'domain', value: ip ? `${o.value}|${ip}` : String(o.value), toIds: false }];
    }
    case 'url':
      return [{ type: 'url', value: String(o.value), toIds: false }];
    case 'email-addr':
      return [{ type: 'email', value: String(o.value), toIds: false }];
    case 'email-message':
      return str(o.subject) ? [{ type: 'email-subject', value: String(o.subject), toIds: false }] : [];
    case 'mac-addr':
      return [{ type: 'mac-address', value: String(o.value), toIds: false }];
    case 'mutex':
      return [{ type: 'mutex', value: String(o.name), toIds: false }];
    case 'autonomous-system':
      return [{ type: 'AS', value: String(o.number), toIds: false }];
    case 'windows-registry-key':
      return [{ type: 'regkey', value: String(o.key), toIds: false }];
    case 'network-traffic': {
      for (const side of ['dst', 'src'] as const) {
        const ip = str(byId.get(o[`${side}_ref`] as string)?.value);
        const port = o[`${side}_port`];
        if (ip && typeof port === 'number') return [{ type: `ip-${side}|port`, value: `${ip}|${port}`, toIds: false }];
        if (ip) return [{ type: `ip-${side}`, value: ip, toIds: false }];
      }
      return [];
    }
    case 'file': {
      const hashes = Object.entries((o.hashes as Record<string, string>) ?? {}).filter(([k]) => mispHashType(k));
      const name = str(o.name);
      if (!hashes.length) return name ? [{ type: 'filename', value: name, toIds: false }] : [];
      return hashes.map(([k, v]) => ({
        type: name ? `filename|${mispHashType(k)}` : mispHashType(k)!,
        value: name ? `${name}|${v}` : v,
        toIds: false,
      }));
    }
    default:
      return [];
  }
}

/** A typed attribute for the equality tests of a simple pattern, or null when no MISP type fits. */
function fromTerms(terms: Term[]): Omit<Attr, 'toIds'> | null {
  const get = (path: string) => terms.find((t) => t.path === path)?.value;
  const only = (...paths: string[]) => terms.every((t) => paths.includes(t.path));
  if (terms.length === 1) {
    const [{ path, value }] = terms;
    const single: Record<string, string> = {
      'ipv4-addr:value': 'ip-dst',
      'ipv6-addr:value': 'ip-dst',
      'domain-name:value': 'domain',
      'url:value': 'url',
      'email-addr:value': 'email',
      'email-message:from_ref.value': 'email-src',
      'email-message:to_refs[*].value': 'email-dst',
      'email-message:subject': 'email-subject',
      'file:name': 'filename',
      'autonomous-system:number': 'AS',
      'mac-addr:value': 'mac-address',
      'mutex:name': 'mutex',
      'windows-registry-key:key': 'regkey',
    };
    if (single[path]) return { type: single[path], value };
    if (path.startsWith('file:hashes.')) {
      const type = mispHashType(path.slice('file:hashes.'.length));
      return type ? { type, value } : null;
    }
    return null;
  }
  for (const side of ['dst', 'src'] as const) {
    const ip = get(`network-traffic:${side}_ref.value`);
    const port = get(`network-traffic:${side}_port`);
    if (ip && port && only(`network-traffic:${side}_ref.value`, `network-traffic:${side}_port`, `network-traffic:${side}_ref.type`)) {
      return { type: `ip-${side}|port`, value: `${ip}|${port}` };
    }
  }
  const domain = get('domain-name:value');
  const resolved = get('domain-name:resolves_to_refs[*].value');
  if (terms.length === 2 && domain && resolved) return { type: 'domain|ip', value: `${domain}|${resolved}` };
  const name = get('file:name');
  const hash = terms.find((t) => t.path.startsWith('file:hashes.'));
  const hashType = hash && mispHashType(hash.path.slice('file:hashes.'.length));
  if (terms.length === 2 && name && hash && hashType) return { type: `filename|${hashType}`, value: `${name}|${hash.value}` };
  return null;
}
