/**
 * Exercise data is marked in the data itself (exercise.ts): objects stored in the exercise root
 * carry the EXERCISE marking, with its definition beside them; the real root refuses marked
 * objects whichever way they come (TAXII-style ingest, a STIX bundle or a MISP event exported from a
 * drill), and exports of drill data say EXERCISE in the file name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, freshDb } from '../../test/db.js';
import type { UserActor } from '../identity/actor.js';
import { indicator } from '../taxii/testing.js';
import * as collections from './collections.service.js';
import { EXERCISE_MARKING_ID, EXERCISE_TAG } from './exercise.js';
import { exportSelection } from './exporters/export.service.js';
import { importFile } from './importers/import.service.js';
import { userActor } from './importers/test-support.js';
import { ingest } from './objects.service.js';
import { tlpMarkingId } from './tlp.js';

let analyst: UserActor;
let store: TestDb;
let drill: string;
let real: string;

const rowsOf = (collectionId: string) =>
  store.db.query<{ stix_id: string; type: string; tlp: string; object: Record<string, unknown> }>(
    'SELECT stix_id, type, tlp, object FROM intel_objects WHERE collection_id = $1 ORDER BY pk',
    [collectionId],
  );

beforeAll(async () => {
  store = await freshDb();
  analyst = await userActor(store.db, 'cert:VN');
  drill = (await collections.create(store.db, analyst, { title: 'Drill feed', apiRoot: 'exercise' })).id;
  real = (await collections.create(store.db, analyst, { title: 'Real feed', apiRoot: 'real' })).id;
});
afterAll(() => store?.drop());

describe('exercise data', () => {
  it('is marked EXERCISE in the exercise root, with the marking definition stored beside it', async () => {
    const posted = indicator({ tlp: 'green', name: 'Drill VPN gateway C2' });
    const result = await ingest(store.db, analyst, { collectionId: drill, action: 'test.exercise' }, [posted]);
    expect(result).toMatchObject({ added: 1, failures: [] });
    const rows = await rowsOf(drill);
    const stored = rows.find((r) => r.stix_id === posted.id);
    expect(stored?.object.object_marking_refs).toEqual([tlpMarkingId.green, EXERCISE_MARKING_ID]);
    expect(stored?.tlp).toBe('green');
    const definition = rows.find((r) => r.stix_id === EXERCISE_MARKING_ID);
    expect(definition).toMatchObject({ type: 'marking-definition', tlp: 'clear' });
    // Sent again as it was first posted, it is the same object: a duplicate, not a conflict.
    expect(await ingest(store.db, analyst, { collectionId: drill, action: 'test.exercise' }, [posted])).toMatchObject({
      added: 0,
      failures: [],
    });
  });

  it('is refused by the real root, by ingest and by the import of a drill export, STIX or MISP', async () => {
    const posted = indicator({ tlp: 'amber', name: 'Drill ransomware at the hospital' });
    await ingest(store.db, analyst, { collectionId: drill, action: 'test.exercise' }, [posted]);
    const [marked] = (await rowsOf(drill)).filter((r) => r.stix_id === posted.id);
    const direct = await ingest(store.db, analyst, { collectionId: real, action: 'test.exercise' }, [marked.object, indicator()]);
    expect(direct.added).toBe(1);
    expect(direct.failures).toEqual([{ id: posted.id, version: expect.any(String), message: expect.stringContaining('EXERCISE marking') }]);

    const stix = await exportSelection(store.db, analyst, 'stix', { collectionId: drill });
    expect(stix.filename).toMatch(/^EXERCISE-kizuna-/);
    const bundle = JSON.parse(stix.body);
    const data = bundle.objects.filter((o: any) => o.type !== 'marking-definition');
    expect(data.length).toBeGreaterThan(0);
    for (const o of data) expect(o.object_marking_refs).toContain(EXERCISE_MARKING_ID);
    const fromStix = await importFile(store.db, analyst, { collectionId: real, content: stix.body });
    expect(fromStix.added).toBeLessThanOrEqual(1); // at most the marking definition itself
    expect(fromStix.failures.map((f) => f.id).sort()).toEqual(data.map((o: any) => o.id).sort());

    const misp = await exportSelection(store.db, analyst, 'misp', { collectionId: drill });
    expect(misp.filename).toMatch(/^EXERCISE-kizuna-/);
    const event = JSON.parse(misp.body).Event;
    expect(event.info).toMatch(/^\[EXERCISE\] /);
    expect(event.Tag).toContainEqual({ name: EXERCISE_TAG });
    const before = (await rowsOf(real)).length;
    const fromMisp = await importFile(store.db, analyst, { collectionId: real, content: misp.body });
    expect(fromMisp.added).toBe(0);
    expect(fromMisp.failures.length).toBeGreaterThan(0);
    expect((await rowsOf(real)).length).toBe(before);

    const csv = await exportSelection(store.db, analyst, 'csv', { collectionId: real });
    expect(csv.filename).toMatch(/^kizuna-/);
  });
});
