/**
 * MISP attributes and MISP Objects as STIX, for the event importer (misp.ts): reading and checking
 * an attribute, its TLP and other tags, and what it becomes — an indicator with a pattern (to_ids),
 * cyber-observables (the others), a vulnerability. A MISP Object becomes one indicator testing its
 * attributes together, or its observables with the file facets merged into one file and a domain
 * linked to its addresses. Ids are UUIDv5 of the MISP uuids (see misp.ts for why).
 */
import { AppError } from '../../../errors.js';
import { type Tlp, tlpMarkingId } from '../tlp.js';
import { compact, epochSeconds, isRecord, type Mapped, type StixObject, stixTime } from './common.js';
import { isRfc4122Uuid, NAMESPACE, observableId, stixId, uuidv5 } from './ids.js';
import { type Comparison, type Facet, facetOf, type ObservableDraft } from './misp-types.js';

const TLP_TAGS: Record<string, Tlp> = {
  'tlp:clear': 'clear',
  'tlp:white': 'clear',
  'tlp:green': 'green',
  'tlp:amber': 'amber',
  'tlp:amber+strict': 'amber+strict',
  'tlp:red': 'red',
};
const STRICTNESS: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
const stricter = (a: Tlp | undefined, b: Tlp | undefined) => (!a ? b : !b ? a : STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b);

export interface Tagged {
  tlp?: Tlp;
  labels: string[];
}

export function readTags(tags: unknown, where: string, warnings: string[]): Tagged {
  const out: Tagged = { labels: [] };
  if (tags === undefined) return out;
  if (!Array.isArray(tags)) throw new AppError('bad_request', `${where}.Tag must be a list`);
  for (const tag of tags) {
    const name = isRecord(tag) ? tag.name : undefined;
    if (typeof name !== 'string' || !name.trim()) continue;
    const lower = name.trim().toLowerCase();
    if (lower in TLP_TAGS) out.tlp = stricter(out.tlp, TLP_TAGS[lower]);
    else if (lower.startsWith('tlp:')) warnings.push(`${where}: unknown TLP tag "${name}" kept as a label`);
    if (!(lower in TLP_TAGS)) out.labels.push(name.trim());
  }
  return out;
}

export const listOf = (value: unknown, what: string): unknown[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AppError('bad_request', `${what} must be a list`);
  return value;
};

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** A uuid usable in a STIX id; MISP's own when valid, else one derived from it (with a warning). */
export function uuidFor(raw: unknown, fallbackName: string, where: string, warnings: string[]): string {
  if (isRfc4122Uuid(raw)) return raw.toLowerCase();
  warnings.push(`${where}: uuid ${String(JSON.stringify(raw)).slice(0, 80)} is not an RFC 4122 uuid; a derived one is used`);
  return uuidv5(NAMESPACE.misp, `${String(raw)}|${fallbackName}`);
}

export interface EventContext {
  eventUuid: string;
  creatorRef?: string;
  tlp?: Tlp;
  created: number;
  modified: number;
  warnings: string[];
  rejected: Mapped['rejected'];
}

export const markingOf = (tlp: Tlp | undefined) => (tlp ? [tlpMarkingId[tlp]] : undefined);

interface ReadAttribute {
  uuid: string;
  rawUuid: unknown;
  type: string;
  value: string;
  category?: string;
  comment?: string;
  toIds: boolean;
  tags: Tagged;
  modified: number;
  firstSeen?: number;
  lastSeen?: number;
  facet: Facet;
}

/** Reads and checks one attribute; null when it is skipped (reason already recorded). */
function readAttribute(raw: unknown, where: string, ctx: EventContext): ReadAttribute | null {
  if (!isRecord(raw)) {
    ctx.rejected.push({ id: where, message: 'an attribute must be an object' });
    return null;
  }
  const id = typeof raw.uuid === 'string' ? raw.uuid : where;
  if (truthy(raw.deleted)) {
    ctx.warnings.push(`${where} (${id}): deleted in MISP, skipped`);
    return null;
  }
  const value =
    typeof raw.value === 'string'
      ? raw.value
      : typeof raw.value1 === 'string'
        ? raw.value2
          ? `${raw.value1}|${raw.value2}`
          : raw.value1
        : undefined;
  if (typeof raw.type !== 'string' || value === undefined) {
    ctx.rejected.push({ id, message: `${where}: an attribute needs a string "type" and "value"` });
    return null;
  }
  const facet = facetOf(raw.type, value.trim());
  if (facet === undefined) {
    ctx.warnings.push(`${where} (${id}): MISP type "${raw.type}" is not mapped to STIX, skipped`);
    return null;
  }
  if (typeof facet === 'string') {
    ctx.rejected.push({ id, message: `${where} (${raw.type}): ${facet}` });
    return null;
  }
  const seen = (v: unknown) => {
    const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
  };
  return {
    uuid: uuidFor(raw.uuid, `${ctx.eventUuid}|${where}`, where, ctx.warnings),
    rawUuid: raw.uuid,
    type: raw.type,
    value: value.trim(),
    category: typeof raw.category === 'string' ? raw.category : undefined,
    comment: typeof raw.comment === 'string' && raw.comment ? raw.comment : undefined,
    toIds: truthy(raw.to_ids),
    tags: readTags(raw.Tag, where, ctx.warnings),
    modified: epochSeconds(raw.timestamp) ?? ctx.modified,
    firstSeen: seen(raw.first_seen),
    lastSeen: seen(raw.last_seen),
    facet,
  };
}

/** Common properties of the SDOs made from one attribute or object. */
function sdoBase(ctx: EventContext, modified: number, tlp: Tlp | undefined, labels: string[]) {
  return {
    spec_version: '2.1',
    created_by_ref: ctx.creatorRef,
    // `created` must not change between versions: the event's date is stable, the attribute's time is not.
    created: stixTime(Math.min(ctx.created, modified)),
    modified: stixTime(modified),
    labels: labels.length ? labels : undefined,
    object_marking_refs: markingOf(tlp),
  };
}

export function mapAttribute(raw: unknown, where: string, ctx: EventContext): StixObject[] {
  const a = readAttribute(raw, where, ctx);
  if (!a) return [];
  const tlp = a.tags.tlp ?? ctx.tlp;
  const misp = { x_misp_uuid: a.rawUuid, x_misp_type: a.type, x_misp_category: a.category };
  if (a.facet.vulnerability !== undefined) return [vulnerabilityOf(a, ctx, tlp)];
  if (a.facet.pattern !== undefined && !a.toIds) {
    ctx.warnings.push(`${where} (${a.rawUuid}): a stix2-pattern without to_ids describes nothing observable, skipped`);
    return [];
  }
  if (a.toIds && (a.facet.comparisons.length || a.facet.pattern !== undefined)) {
    const base = sdoBase(ctx, a.modified, tlp, a.tags.labels);
    return [
      compact({
        type: 'indicator',
        id: stixId('indicator', NAMESPACE.misp, a.uuid),
        ...base,
        name: a.value.slice(0, 250),
        description: a.comment,
        indicator_types: ['malicious-activity'],
        pattern: a.facet.pattern ?? patternOf(a.facet.comparisons),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: a.firstSeen !== undefined ? stixTime(a.firstSeen) : base.created,
        valid_until: a.lastSeen !== undefined && a.firstSeen !== undefined && a.lastSeen > a.firstSeen ? stixTime(a.lastSeen) : undefined,
        kill_chain_phases: a.category ? [{ kill_chain_name: 'misp-category', phase_name: phaseName(a.category) }] : undefined,
        ...misp,
      }),
    ];
  }
  return observablesOf(a.facet.observables, a.uuid, tlp, misp);
}

const phaseName = (category: string) =>
  category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function vulnerabilityOf(a: ReadAttribute, ctx: EventContext, tlp: Tlp | undefined): StixObject {
  const cve = /^CVE-\d{4}-\d{4,}$/i.test(a.facet.vulnerability ?? '') ? a.facet.vulnerability!.toUpperCase() : undefined;
  return compact({
    type: 'vulnerability',
    id: stixId('vulnerability', NAMESPACE.misp, a.uuid),
    ...sdoBase(ctx, a.modified, tlp, a.tags.labels),
    name: cve ?? a.facet.vulnerability,
    description: a.comment,
    external_references: cve ? [{ source_name: 'cve', external_id: cve, url: `https://nvd.nist.gov/vuln/detail/${cve}` }] : undefined,
    x_misp_uuid: a.rawUuid,
    x_misp_type: a.type,
    x_misp_category: a.category,
  });
}

/** Gives drafts their ids (referenced drafts first, as their ids are part of the referrer's content). */
function observablesOf(drafts: ObservableDraft[], sourceUuid: string, tlp: Tlp | undefined, extra: Record<string, unknown>): StixObject[] {
  const idByKey = new Map<string, string>();
  const out: StixObject[] = [];
  const ordered = [...drafts.filter((d) => !d.refs), ...drafts.filter((d) => d.refs)];
  for (const d of ordered) {
    const refs: Record<string, unknown> = {};
    for (const [prop, target] of Object.entries(d.refs ?? {})) {
      refs[prop] = Array.isArray(target) ? target.map((k) => idByKey.get(k)) : idByKey.get(target);
    }
    const content = { ...d.props, ...refs };
    const id = observableId(d.type, `${sourceUuid}|${d.key}`, { ...content, object_marking_refs: markingOf(tlp) });
    idByKey.set(d.key, id);
    out.push(compact({ type: d.type, spec_version: '2.1', id, ...content, object_marking_refs: markingOf(tlp), ...extra }));
  }
  return out;
}

/**
 * One pattern for comparisons of one thing: one observation expression per SCO type, joined by
 * AND (all of them describe the same event); inside it, the different properties are ANDed and the
 * several values of one property ORed (one object cannot have two values of one property).
 */
export function patternOf(comparisons: Comparison[]): string {
  const byRoot = new Map<string, Map<string, string[]>>();
  for (const c of comparisons) {
    let paths = byRoot.get(c.root);
    if (!paths) {
      paths = new Map();
      byRoot.set(c.root, paths);
    }
    const literals = paths.get(c.path) ?? [];
    if (!literals.includes(c.literal)) literals.push(c.literal);
    paths.set(c.path, literals);
  }
  const observations = [...byRoot.values()].map((paths) => {
    const terms = [...paths].map(([path, literals]) => {
      const tests = literals.map((l) => `${path} = ${l}`);
      return tests.length === 1 ? tests[0] : `(${tests.join(' OR ')})`;
    });
    return `[${terms.join(' AND ')}]`;
  });
  return observations.join(' AND ');
}

export function mapObject(raw: unknown, where: string, ctx: EventContext): StixObject[] {
  if (!isRecord(raw)) {
    ctx.rejected.push({ id: where, message: 'a MISP object must be an object' });
    return [];
  }
  if (truthy(raw.deleted)) {
    ctx.warnings.push(`${where}: deleted in MISP, skipped`);
    return [];
  }
  const name = typeof raw.name === 'string' ? raw.name : 'object';
  const uuid = uuidFor(raw.uuid, `${ctx.eventUuid}|${where}`, where, ctx.warnings);
  const objectTags = readTags(raw.Tag, where, ctx.warnings);
  const attributes = listOf(raw.Attribute, `${where}.Attribute`)
    .map((a, i) => readAttribute(a, `${where}.Attribute[${i}]`, ctx))
    .filter((a): a is ReadAttribute => a !== null);
  if (!attributes.length) return [];
  // The strictest marking among the parts marks the whole: an object is shared as one piece.
  const tlp = attributes.reduce<Tlp | undefined>((t, a) => stricter(t, a.tags.tlp), objectTags.tlp) ?? ctx.tlp;
  const labels = [...new Set([...objectTags.labels, ...attributes.flatMap((a) => a.tags.labels)])];
  const modified = Math.max(epochSeconds(raw.timestamp) ?? 0, ...attributes.map((a) => a.modified));
  const out: StixObject[] = [];
  for (const a of attributes) if (a.facet.vulnerability !== undefined) out.push(vulnerabilityOf(a, ctx, tlp));
  for (const a of attributes.filter((x) => x.facet.pattern !== undefined))
    ctx.warnings.push(`${where}: a stix2-pattern inside an object is not imported (${a.rawUuid})`);
  const parts = attributes.filter((a) => a.facet.vulnerability === undefined && a.facet.pattern === undefined);
  const misp = {
    x_misp_uuid: raw.uuid,
    x_misp_object: name,
    x_misp_meta_category: typeof raw['meta-category'] === 'string' ? raw['meta-category'] : undefined,
  };
  if (parts.some((a) => a.toIds) && parts.some((a) => a.facet.comparisons.length)) {
    const base = sdoBase(ctx, modified, tlp, labels);
    out.push(
      compact({
        type: 'indicator',
        id: stixId('indicator', NAMESPACE.misp, uuid),
        ...base,
        name: typeof raw.comment === 'string' && raw.comment ? raw.comment.slice(0, 250) : `MISP ${name} object`,
        description: typeof raw.description === 'string' ? raw.description : undefined,
        indicator_types: ['malicious-activity'],
        pattern: patternOf(parts.flatMap((a) => a.facet.comparisons)),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: base.created,
        ...misp,
      }),
    );
    return out;
  }
  // Observables: the file facets of an object describe one file.
  const drafts: ObservableDraft[] = [];
  let file: ObservableDraft | undefined;
  parts.forEach((a, i) => {
    for (const d of a.facet.observables) {
      if (d.type === 'file' && !d.refs) {
        if (!file) {
          file = { key: 'file', type: 'file', props: {} };
          drafts.push(file);
        }
        const hashes = { ...((file.props.hashes as object) ?? {}), ...((d.props.hashes as object) ?? {}) };
        file.props = { ...file.props, ...d.props, ...(Object.keys(hashes).length ? { hashes } : {}) };
      } else {
        const prefix = `${i}.`;
        const refs =
          d.refs &&
          Object.fromEntries(Object.entries(d.refs).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => prefix + x) : prefix + v]));
        drafts.push({ ...d, key: prefix + d.key, refs });
      }
    }
  });
  // A domain and the addresses of the same object (domain-ip): the domain resolves to them.
  const domains = drafts.filter((d) => d.type === 'domain-name' && !d.refs);
  const addresses = drafts.filter((d) => d.type === 'ipv4-addr' || d.type === 'ipv6-addr').map((d) => d.key);
  if (domains.length === 1 && addresses.length) domains[0].refs = { resolves_to_refs: addresses };
  out.push(...observablesOf(drafts, uuid, tlp, misp));
  return out;
}
