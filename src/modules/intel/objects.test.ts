/**
 * Storing versions (objects.service ingest) on a real store: an exact copy of a stored version is a
 * duplicate, but a different object under a stored (id, version) is refused with its reason, in
 * another request or in the same batch, and the stored version stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, freshDb } from '../../test/db.js';
import { systemActor } from '../identity/actor.js';
import { indicator } from '../taxii/testing.js';
import * as collections from './collections.service.js';
import { ingest } from './objects.service.js';

const system = systemActor('objects-test');
let store: TestDb;
let collectionId: string;
const add = (objects: unknown[]) => ingest(store.db, system, { collectionId, action: 'test.ingest' }, objects);
const stored = (id: string) =>
  store.db.query<{ name: string | null; value: string | null }>(
    "SELECT object->>'name' AS name, object->>'value' AS value FROM intel_objects WHERE stix_id = $1 AND collection_id = $2",
    [id, collectionId],
  );

beforeAll(async () => {
  store = await freshDb();
  const [org] = await store.db.query<{ id: string }>('SELECT id FROM organisations ORDER BY name LIMIT 1');
  collectionId = (await collections.create(store.db, system, { title: 'Versions', apiRoot: 'real', organisationId: org.id })).id;
});
afterAll(() => store?.drop());

describe('storing versions', () => {
  it('takes an exact copy as a duplicate, with its keys in any order', async () => {
    const first = indicator({ name: 'Original' });
    expect((await add([first])).added).toBe(1);
    const reordered = Object.fromEntries(Object.entries(first).reverse());
    const again = await add([reordered]);
    expect(again).toMatchObject({ added: 0, failures: [] });
    expect(again.successes).toHaveLength(1);
  });

  it('refuses another object under a stored id and modified, and keeps the stored one', async () => {
    const first = indicator({ name: 'Original' });
    await add([first]);
    const changed = { ...first, name: 'Tampered' };
    const result = await add([changed]);
    expect(result.successes).toEqual([]);
    expect(result.failures).toEqual([
      { id: first.id, version: expect.any(String), message: expect.stringContaining('needs a later modified') },
    ]);
    expect(await stored(first.id as string)).toEqual([{ name: 'Original', value: null }]);
    // A later modified is a new version, as ever.
    expect((await add([{ ...changed, modified: '2026-03-01T00:00:00.000Z' }])).added).toBe(1);
  });

  it('refuses the second, different copy of one version in one batch and stores the first', async () => {
    const first = indicator({ name: 'First copy' });
    const result = await add([first, { ...first, name: 'Second copy' }, { ...first }]);
    expect(result.added).toBe(1);
    expect(result.successes).toHaveLength(2);
    expect(result.failures).toHaveLength(1);
    expect(await stored(first.id as string)).toEqual([{ name: 'First copy', value: null }]);
  });

  it('refuses a cyber-observable stored again with other content: it has no versions', async () => {
    const id = `ipv4-addr--${crypto.randomUUID()}`;
    const address = { type: 'ipv4-addr', spec_version: '2.1', id, value: '203.0.113.9' };
    expect((await add([address])).added).toBe(1);
    expect((await add([{ ...address }])).failures).toEqual([]);
    const changed = await add([{ ...address, value: '203.0.113.10' }]);
    expect(changed.failures).toEqual([{ id, version: expect.any(String), message: expect.stringContaining('no version') }]);
    expect(await stored(id)).toEqual([{ name: null, value: '203.0.113.9' }]);
  });
});
