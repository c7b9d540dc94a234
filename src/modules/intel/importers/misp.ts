/**
 * MISP events (MISP core format: Event, Attribute, Object, Tag) as STIX 2.1.
 *
 * - The event becomes a `report` whose id keeps the event uuid (`report--<uuid>`); its creator
 *   (Orgc) an `identity` that keeps the organisation's uuid and is every object's `created_by_ref`.
 * - Attributes with to_ids become `indicator`s (patterns by type, misp-types.ts); the others become
 *   cyber-observables; `vulnerability` attributes become `vulnerability` objects either way.
 * - A MISP Object is one thing described by several attributes: it becomes one indicator whose
 *   pattern tests them together (when any of them is to_ids), or its observables, with all `file`
 *   facets merged into one file.
 * - `tlp:` tags map to the TLP 2.0 markings: the event's tag applies to everything, an attribute's
 *   own tag overrides it. Other tags become labels.
 * - Nothing names an object marked stricter than itself, or its readers would learn the id of
 *   something they may not read: the report's object_refs hold only objects marked no stricter
 *   than the report, and each stricter one is tied to the report by a `related-to` relationship
 *   under that object's marking, which only its readers receive. The creator identity carries the
 *   least strict marking of the objects it created, since all of them name it.
 * - Ids are UUIDv5 of the MISP uuids (observables: of the uuid and content), so re-importing the same
 *   event is an exact duplicate and an edited attribute (new timestamp) is a new version.
 *   Observables are not given the spec's value-derived ids on purpose: the same address in two
 *   events with different markings must stay two objects, or one marking would be lost.
 * - `x_misp_*` properties keep what STIX has no place for, and let the MISP exporter give it back.
 * Attributes and Objects are mapped in misp-attributes.ts; this file maps the event around them.
 */
import { AppError } from '../../../errors.js';
import { isStricter, tlpOf } from '../tlp.js';
import { compact, dateOnly, epochSeconds, isRecord, type Mapped, type StixObject, stixTime } from './common.js';
import { NAMESPACE, stixId } from './ids.js';
import { type EventContext, listOf, mapAttribute, mapObject, markingOf, readTags, uuidFor } from './misp-attributes.js';

/** `{"Event": …}`, `{"response": [{"Event": …}]}` (MISP REST search), or a bare event. */
export function isMispEvent(input: unknown): boolean {
  if (!isRecord(input)) return false;
  if (isRecord(input.Event)) return true;
  if (Array.isArray(input.response) && input.response.every((r) => isRecord(r) && isRecord(r.Event))) return input.response.length > 0;
  return typeof input.uuid === 'string' && typeof input.info === 'string' && ('Attribute' in input || 'Object' in input || 'Orgc' in input);
}

export function fromMispEvent(input: unknown): Mapped {
  const events =
    isRecord(input) && Array.isArray(input.response)
      ? input.response.map((r) => (r as Record<string, unknown>).Event)
      : [isRecord(input) && isRecord(input.Event) ? input.Event : input];
  const out: Mapped = { objects: [], warnings: [], rejected: [] };
  const ids = new Set<string>();
  for (const event of events) {
    const mapped = mapEvent(event);
    out.warnings.push(...mapped.warnings);
    out.rejected.push(...mapped.rejected);
    // An organisation's identity appears once even when several events share the creator.
    for (const o of mapped.objects) if (!ids.has(o.id as string) && ids.add(o.id as string)) out.objects.push(o);
  }
  return out;
}

function mapEvent(raw: unknown): Mapped {
  if (!isRecord(raw)) throw new AppError('bad_request', 'A MISP event must be an object');
  const warnings: string[] = [];
  const rejected: Mapped['rejected'] = [];
  if (typeof raw.uuid !== 'string') throw new AppError('bad_request', 'The MISP event has no uuid');
  const eventUuid = uuidFor(raw.uuid, 'event', 'Event', warnings);
  const modified = epochSeconds(raw.timestamp) ?? dateOnly(raw.date);
  if (modified === null) throw new AppError('bad_request', `MISP event ${raw.uuid}: needs a timestamp or a date`);
  const created = Math.min(dateOnly(raw.date) ?? modified, modified);
  const tags = readTags(raw.Tag, 'Event', warnings);
  const objects: StixObject[] = [];

  let creatorRef: string | undefined;
  const orgc = isRecord(raw.Orgc) ? raw.Orgc : undefined;
  if (orgc && typeof orgc.uuid === 'string') {
    creatorRef = `identity--${uuidFor(orgc.uuid, 'orgc', 'Event.Orgc', warnings)}`;
    objects.push(
      compact({
        type: 'identity',
        spec_version: '2.1',
        id: creatorRef,
        // Fixed times: the same organisation from any number of events is one identity version.
        created: '1970-01-01T00:00:00.000Z',
        modified: '1970-01-01T00:00:00.000Z',
        name: typeof orgc.name === 'string' && orgc.name ? orgc.name : `MISP organisation ${orgc.uuid}`,
        identity_class: 'organization',
        object_marking_refs: markingOf(tags.tlp),
        x_misp_uuid: orgc.uuid,
      }),
    );
  } else {
    warnings.push('Event: no creator organisation (Orgc); objects are owned by the importer');
  }

  const ctx: EventContext = { eventUuid, creatorRef, tlp: tags.tlp, created, modified, warnings, rejected };
  const reportId = `report--${eventUuid}`;
  const reportTlp = tlpOf({ object_marking_refs: markingOf(tags.tlp) });
  const refs: string[] = [];
  const links: StixObject[] = [];
  const add = (made: StixObject[]) => {
    for (const o of made) {
      objects.push(o);
      const tlp = tlpOf(o);
      if (!isStricter(tlp, reportTlp)) refs.push(o.id as string);
      else links.push(linkOf(reportId, o, creatorRef, created, modified));
    }
  };
  listOf(raw.Attribute, 'Event.Attribute').forEach((a, i) => {
    add(mapAttribute(a, `Event.Attribute[${i}]`, ctx));
  });
  listOf(raw.Object, 'Event.Object').forEach((o, i) => {
    add(mapObject(o, `Event.Object[${i}]`, ctx));
  });
  if (raw.Sighting !== undefined || raw.Galaxy !== undefined || raw.EventReport !== undefined)
    warnings.push('Event: sightings, galaxies and event reports are not imported');

  const published = epochSeconds(raw.publish_timestamp);
  objects.push(
    compact({
      type: 'report',
      spec_version: '2.1',
      id: reportId,
      created_by_ref: creatorRef,
      created: stixTime(created),
      modified: stixTime(modified),
      name: typeof raw.info === 'string' && raw.info.trim() ? raw.info.trim() : `MISP event ${raw.uuid}`,
      published: stixTime(published && published > 0 ? published : modified),
      report_types: ['threat-report'],
      // A report must refer to something; an empty event refers to its creator.
      object_refs: refs.length ? refs : creatorRef ? [creatorRef] : undefined,
      labels: tags.labels.length ? tags.labels : undefined,
      object_marking_refs: markingOf(tags.tlp),
      x_misp_uuid: raw.uuid,
      x_misp_date: typeof raw.date === 'string' ? raw.date : undefined,
      x_misp_threat_level_id: scalar(raw.threat_level_id),
      x_misp_analysis: scalar(raw.analysis),
      x_misp_distribution: scalar(raw.distribution),
    }),
  );
  if (!refs.length && !creatorRef) {
    rejected.push({ id: reportId, message: 'the event has no attributes, objects or creator to refer to' });
  } else {
    objects.push(...links);
  }
  if (creatorRef) markCreator(objects, creatorRef);
  return { objects: objects.filter((o) => o.type !== 'report' || o.object_refs), warnings, rejected };
}

/** Ties an object marked stricter than the report to it, under the object's own marking. */
function linkOf(reportId: string, o: StixObject, creatorRef: string | undefined, created: number, modified: number): StixObject {
  return compact({
    type: 'relationship',
    spec_version: '2.1',
    id: stixId('relationship', NAMESPACE.misp, `${reportId}|refers-to|${o.id}`),
    created_by_ref: creatorRef,
    created: stixTime(created),
    modified: stixTime(modified),
    relationship_type: 'related-to',
    description: 'Part of the MISP event, under a stricter marking than the event',
    source_ref: reportId,
    target_ref: o.id,
    object_marking_refs: o.object_marking_refs,
  });
}

/** The creator identity under the least strict marking among the objects naming it. */
function markCreator(objects: StixObject[], creatorRef: string): void {
  const identity = objects.find((o) => o.id === creatorRef);
  if (!identity) return;
  let least: StixObject | undefined;
  for (const o of objects) {
    if (o.created_by_ref !== creatorRef) continue;
    if (!least || isStricter(tlpOf(least), tlpOf(o))) least = o;
  }
  if (least && isStricter(tlpOf(identity), tlpOf(least))) identity.object_marking_refs = least.object_marking_refs;
}

const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
