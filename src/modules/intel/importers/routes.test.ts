import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../../lib/paths.js';
import { type Client, type TestNode, startTestNode } from '../../../test/http.js';

let node: TestNode;
let analyst: Client;
let collectionId: string;
beforeAll(async () => {
  node = await startTestNode();
  analyst = await node.userWith([{ organisationId: await node.orgId('cert:VN'), role: 'analyst' }]);
  const created = await analyst.post('/api/v1/intel/collections', { title: 'Console imports', apiRoot: 'real' });
  collectionId = created.body.id;
});
afterAll(() => node?.close());

describe('POST /api/v1/intel/imports', () => {
  it('imports the KEV catalogue (larger than the API body limit) sent as the raw body', async () => {
    const kev = readFileSync(fromRoot('..', 'shared', 'data', 'kev', 'known_exploited_vulnerabilities.json'), 'utf8');
    const res = await analyst.request('POST', `/api/v1/intel/imports?collection=${collectionId}`, kev, {
      'content-type': 'application/json',
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({ kind: 'kev-catalogue', added: 1405, failures: [] });
  });

  it('refuses an unknown file, malformed JSON and a collection the caller may not write', async () => {
    const odd = await analyst.request('POST', `/api/v1/intel/imports?collection=${collectionId}`, '{"hello": 1}', {
      'content-type': 'application/json',
    });
    expect(odd.status).toBe(400);
    expect(odd.body.error.message).toMatch(/expected a STIX 2.1 bundle/);
    const broken = await analyst.request('POST', `/api/v1/intel/imports?collection=${collectionId}`, '{"type": "bundle", ', {
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    const outsider = await node.userWith([{ organisationId: await node.orgId('cert:JP'), role: 'analyst' }]);
    const denied = await outsider.request(
      'POST',
      `/api/v1/intel/imports?collection=${collectionId}`,
      '{"type":"bundle","id":"bundle--6d0e6a4e-0b5a-4d57-9c6c-2a1d0f0b8b1e","objects":[]}',
      {
        'content-type': 'application/json',
      },
    );
    expect([403, 404]).toContain(denied.status);
  });
});
