/**
 * The role × action matrix: one user per role in VNCERT/CC, each trying each directory and identity
 * action over real HTTP. The expected table is the policy as people will read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { type Role, roles } from './actor.js';

let node: TestNode;
let vn: string;
let jp: string;
let vnChild: string;
let jpPerson: string;
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  node = await startTestNode();
  vn = await node.orgId('cert:VN');
  jp = await node.orgId('cert:JP');
  [{ id: vnChild }] = await node.db.query<{ id: string }>('SELECT id FROM organisations WHERE parent_id = $1 ORDER BY name LIMIT 1', [vn]);
  [{ id: jpPerson }] = await node.db.query<{ id: string }>('SELECT id FROM people WHERE organisation_id = $1 LIMIT 1', [jp]);
  for (const role of roles) clients[role] = await node.userWith([{ organisationId: vn, role }]);
});
afterAll(() => node?.close());

type Action = (c: Client) => Promise<number>;
const st = (p: Promise<{ status: number }>) => p.then((r) => r.status);
let n = 0;
const actions: Record<string, Action> = {
  'list organisations': (c) => st(c.get('/api/v1/organisations')),
  'create top-level organisation': (c) => st(c.post('/api/v1/organisations', { name: `Org ${++n}`, type: 'agency', countryCode: 'VN' })),
  'create organisation under own': (c) =>
    st(c.post('/api/v1/organisations', { name: `Unit ${++n}`, type: 'agency', countryCode: 'VN', parentId: vn })),
  'edit own organisation': (c) => st(c.patch(`/api/v1/organisations/${vn}`, { sector: 'cybersecurity' })),
  'edit organisation below own': (c) => st(c.patch(`/api/v1/organisations/${vnChild}`, { sector: 'government' })),
  'edit another country CERT': (c) => st(c.patch(`/api/v1/organisations/${jp}`, { sector: 'x' })),
  'add site to own organisation': (c) =>
    st(c.post('/api/v1/sites', { organisationId: vn, name: `Room ${++n}`, timeZone: 'Asia/Ho_Chi_Minh', mode: 'online' })),
  'read own people': (c) => st(c.get('/api/v1/people?organisationId=' + vn)),
  "read another country's person": (c) => st(c.get(`/api/v1/people/${jpPerson}`)),
  'create community': (c) => st(c.post('/api/v1/communities', { name: `Community ${++n}` })),
  'read audit log': (c) => st(c.get('/api/v1/audit')),
  'list users': (c) => st(c.get('/api/v1/users')),
  'create analyst user': (c) =>
    st(
      c.post('/api/v1/users', {
        email: `new${++n}@test.example`,
        fullName: 'New',
        password: 'long enough password',
        memberships: [{ organisationId: vn, role: 'analyst' }],
      }),
    ),
  'create node admin user': (c) =>
    st(
      c.post('/api/v1/users', {
        email: `root${++n}@test.example`,
        fullName: 'Root',
        password: 'long enough password',
        memberships: [{ organisationId: vn, role: 'node_admin' }],
      }),
    ),
};

// Columns: node_admin, org_admin, controller, evaluator, player, analyst, observer, peer.
const expected: Record<string, number[]> = {
  'list organisations': [200, 200, 200, 200, 200, 200, 200, 200],
  'create top-level organisation': [201, 403, 403, 403, 403, 403, 403, 403],
  'create organisation under own': [201, 201, 403, 403, 403, 403, 403, 403],
  'edit own organisation': [200, 200, 403, 403, 403, 403, 403, 403],
  'edit organisation below own': [200, 200, 403, 403, 403, 403, 403, 403],
  'edit another country CERT': [200, 403, 403, 403, 403, 403, 403, 403],
  'add site to own organisation': [201, 201, 403, 403, 403, 403, 403, 403],
  'read own people': [200, 200, 200, 200, 200, 200, 200, 200],
  "read another country's person": [200, 404, 404, 404, 404, 404, 404, 404],
  'create community': [201, 403, 403, 403, 403, 403, 403, 403],
  'read audit log': [200, 200, 403, 403, 403, 403, 403, 403],
  'list users': [200, 200, 403, 403, 403, 403, 403, 403],
  'create analyst user': [201, 201, 403, 403, 403, 403, 403, 403],
  'create node admin user': [201, 403, 403, 403, 403, 403, 403, 403],
};

describe('permission matrix', () => {
  it('every role gets exactly the expected answer for every action', async () => {
    const got: Record<string, number[]> = {};
    for (const [name, act] of Object.entries(actions)) {
      got[name] = [];
      for (const role of roles) got[name].push(await act(clients[role]));
    }
    expect(got).toEqual(expected);
  });

  it('answers 401 to anonymous callers everywhere', async () => {
    const { Client } = await import('../../test/http.js');
    const anon = new Client(node.url);
    for (const act of Object.values(actions)) expect(await act(anon)).toBe(401);
  });
});
