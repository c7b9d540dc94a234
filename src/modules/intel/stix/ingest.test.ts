/**
 * The validator's rules through the real write paths, on a real store (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): a TAXII envelope over HTTP, the shared `ingest` that TAXII and imports call,
 * and a bundle import. Each invalid object must be that object's failure, with its reason, and the
 * valid objects sent with it must be stored; a 5,000-level object used to fail the whole request.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, startTestNode } from '../../../test/http.js';
import type { UserActor } from '../../identity/actor.js';
import { TaxiiClient, indicator } from '../../taxii/testing.js';
import { importFile } from '../importers/import.service.js';
import { collectionOf, storedRows, userActor } from '../importers/test-support.js';
import { ingest } from '../objects.service.js';

let node: TestNode;
let analyst: UserActor;
let taxii: TaxiiClient;

beforeAll(async () => {
  node = await startTestNode();
  const vn = await node.orgId('cert:VN');
  analyst = await userActor(node.db, 'cert:VN');
  const web = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  const token = await web.post('/api/v1/tokens', { name: 'taxii' });
  taxii = TaxiiClient.bearer(node.url, token.body.token);
});
afterAll(() => node?.close());

/**
 * JSON for objects around one nested `levels` deep, written as text: JSON.stringify itself
 * overflows the stack on such an object, so a client would have sent text like this.
 */
function withDeepObject(before: unknown[], after: unknown[], levels: number): { json: string; deepId: string } {
  const deepId = `indicator--${randomUUID()}`;
  const deep = JSON.stringify(indicator({ id: deepId })).replace(
    /}$/,
    `,"x_acme_deep":${'{"level":'.repeat(levels)}0${'}'.repeat(levels)}}`,
  );
  const items = [...before.map((o) => JSON.stringify(o)), deep, ...after.map((o) => JSON.stringify(o))];
  return { json: `[${items.join(',')}]`, deepId };
}

const stored = async (collectionId: string) => (await storedRows(node.db, collectionId)).map((r) => r.stix_id).sort();

describe('one object nested 5,000 levels deep', () => {
  it('is a failure of its own in a TAXII envelope, and the objects beside it are stored', async () => {
    const collectionId = await collectionOf(node.db, analyst);
    const good = [indicator(), indicator()];
    const { json, deepId } = withDeepObject([good[0]], [good[1]], 5_000);
    const res = await taxii.post(`/taxii2/real/collections/${collectionId}/objects/`, `{"objects":${json}}`);
    expect(res.status, res.text.slice(0, 300)).toBe(202);
    expect(res.body).toMatchObject({ status: 'complete', total_count: 3, success_count: 2, failure_count: 1 });
    expect(res.body.failures).toEqual([
      { id: deepId, version: expect.any(String), message: 'x_acme_deep: is nested deeper than 64 levels' },
    ]);
    expect(await stored(collectionId)).toEqual(good.map((o) => o.id).sort());
  });

  it('is a failure of its own in a bundle import, where the file used to be refused whole', async () => {
    const collectionId = await collectionOf(node.db, analyst);
    const good = [indicator(), indicator()];
    const { json, deepId } = withDeepObject(good, [], 5_000);
    const outcome = await importFile(node.db, analyst, {
      collectionId,
      content: `{"type":"bundle","id":"bundle--${randomUUID()}","objects":${json}}`,
    });
    expect(outcome).toMatchObject({ kind: 'stix-bundle', total: 3, added: 2 });
    expect(outcome.failures).toEqual([
      { id: deepId, version: expect.any(String), message: 'x_acme_deep: is nested deeper than 64 levels' },
    ]);
    expect(await stored(collectionId)).toEqual(good.map((o) => o.id).sort());
  });

  // Deep bundles now get past the file's nesting limit, so the file checks after it must not recurse.
  it('still refuses a bundle with a forbidden key, however deep the key is', async () => {
    const collectionId = await collectionOf(node.db, analyst);
    const levels = 100_000;
    const content = `{"type":"bundle","objects":[${'{"a":'.repeat(levels)}{"__proto__":1}${'}'.repeat(levels)}]}`;
    await expect(importFile(node.db, analyst, { collectionId, content })).rejects.toThrow(
      /forbidden key "__proto__" at \$\.objects\[0\]\.a\.a/,
    );
    expect(await stored(collectionId)).toEqual([]);
  });
});

describe('the other rules through ingest', () => {
  it('stores the valid objects and reports each invalid one with its reason', async () => {
    const collectionId = await collectionOf(node.db, analyst);
    const target = { collectionId, action: 'test.ingest' };
    const first = indicator();
    const now = '2026-01-01T00:00:00.000Z';
    const upperCopy = { ...first, id: (first.id as string).toUpperCase().replace('INDICATOR--', 'indicator--') };
    const report = {
      type: 'report',
      spec_version: '2.1',
      id: `report--${randomUUID()}`,
      created: now,
      modified: now,
      name: 'Weekly',
      published: now,
      object_refs: [first.id, `bundle--${randomUUID()}`],
    };
    const email = {
      type: 'email-message',
      spec_version: '2.1',
      id: `email-message--${randomUUID()}`,
      is_multipart: true,
      body_multipart: [{ body_raw_ref: first.id }],
    };
    // A custom object with neither created nor modified is a custom SCO: type and id are enough.
    const bare = { type: 'x-acme-widget', id: `x-acme-widget--${randomUUID()}` };

    const result = await ingest(node.db, analyst, target, [first, upperCopy, report, email, bare]);
    expect(result.successes.map((s) => s.id)).toEqual([first.id, bare.id]);
    expect(result.failures.map((f) => [f.id, f.message])).toEqual([
      [upperCopy.id, expect.stringMatching(/^id: must be in lower case \(indicator--[0-9a-f-]+\)/)],
      [report.id, expect.stringMatching(/^object_refs\[1\]: cannot refer to a bundle/)],
      [email.id, 'body_multipart[0].body_raw_ref: must refer to an artifact or a file, not an indicator'],
    ]);
    // One object, not two spellings of it.
    expect((await stored(collectionId)).sort()).toEqual([first.id, bare.id].sort());
  });
});
