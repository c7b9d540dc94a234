import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { type Cast, type Person, cast, siteOf } from './test/fixtures.js';

let node: TestNode;
let c: Cast;
let vpnScenario: string;
beforeAll(async () => {
  node = await startTestNode();
  c = await cast(node);
});
afterAll(() => node?.close());

const auditCount = async () => (await node.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
const inj = (ref: string, offsetMin: number, extra: Record<string, unknown> = {}) => ({
  ref,
  offsetMs: offsetMin * 60_000,
  title: `Inject ${ref}`,
  ...extra,
});

async function newExercise(client: Client = c.lead, scenarioId?: string) {
  const res = await client.post('/api/v1/exercises', {
    name: 'Test drill',
    leadOrganisationId: c.vn,
    ...(scenarioId ? { scenarioId } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('scenarios', () => {
  it('a fresh node lists the two built-in scenarios, each with 20+ injects over about four hours', async () => {
    const res = await c.lead.get('/api/v1/scenarios');
    expect(res.status).toBe(200);
    const builtins = res.body.items.filter((s: { builtin: boolean }) => s.builtin);
    expect(builtins.map((s: { key: string }) => s.key).sort()).toEqual(['builtin:hospital-ransomware', 'builtin:vpn-gateway']);
    for (const s of builtins) {
      expect(s.injectCount).toBeGreaterThanOrEqual(20);
      expect(s.durationMs).toBeGreaterThanOrEqual(3.5 * 3600_000);
    }
    vpnScenario = builtins.find((s: { key: string }) => s.key === 'builtin:vpn-gateway').id;
    const detail = await c.lead.get(`/api/v1/scenarios/${vpnScenario}`);
    const text = JSON.stringify(detail.body.injects);
    expect(text).toContain('CVE-2018-13379');
    expect(text).toContain('Required action: Apply updates per vendor instructions.');
    const countries = new Set(detail.body.injects.flatMap((i: { targets: { countries?: string[] } }) => i.targets.countries ?? []));
    expect(countries.size).toBeGreaterThanOrEqual(4);
    // Only documentation address ranges and example domains.
    for (const ip of text.match(/\b\d{1,3}(\.\d{1,3}){3}\b/g) ?? []) expect(ip).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113|10\.)/);
    // Vendor links quoted from KEV's required actions are real; everything else is .example.
    const ours = text
      .split('\\n')
      .filter((line) => !line.startsWith('Required action:'))
      .join('\n');
    for (const host of ours.match(/\b[a-z0-9-]+\.(com|net|org|io|ru|cn|vn|jp)\b/g) ?? []) expect(host).toBe('a documentation domain');
  });

  it('the hospital scenario tags its misinformation inject with the DISARM technique', async () => {
    const list = await c.lead.get('/api/v1/scenarios');
    const id = list.body.items.find((s: { key: string }) => s.key === 'builtin:hospital-ransomware').id;
    const detail = await c.lead.get(`/api/v1/scenarios/${id}`);
    const misinfo = detail.body.injects.filter((i: { tags: string[] }) => i.tags.includes('misinformation'));
    expect(misinfo.length).toBeGreaterThan(0);
    expect(misinfo[0].tags).toContain('DISARM:T0085.003');
  });

  it('players do not browse scenarios; built-ins are read-only', async () => {
    const player = await node.userWith([{ organisationId: c.vn, role: 'player' }]);
    expect((await player.get('/api/v1/scenarios')).status).toBe(403);
    const put = await c.lead.request('PUT', `/api/v1/scenarios/${vpnScenario}/injects`, { injects: [] });
    expect(put.status).toBe(409);
  });
});

describe('exercises', () => {
  it('are a deep copy of the scenario, then editable without touching the scenario', async () => {
    const before = await auditCount();
    const id = await newExercise(c.lead, vpnScenario);
    const msel = await c.lead.get(`/api/v1/exercises/${id}/injects`);
    expect(msel.body.items.length).toBeGreaterThanOrEqual(20);
    const first = msel.body.items[0];
    const edited = await c.lead.patch(`/api/v1/exercises/${id}/injects/${first.id}`, { title: 'Edited STARTEX' });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('Edited STARTEX');
    expect(edited.body.expectations).toHaveLength(first.expectations.length);
    expect(edited.body.expectations[0].id).toBe(first.expectations[0].id);
    const scenario = await c.lead.get(`/api/v1/scenarios/${vpnScenario}`);
    expect(scenario.body.injects[0].title).not.toBe('Edited STARTEX');
    expect(await auditCount()).toBe(before + 2);
  });

  it('only controllers of the lead organisation create exercises', async () => {
    const res = await c.jpController.post('/api/v1/exercises', { name: 'Not mine', leadOrganisationId: c.vn });
    expect(res.status).toBe(403);
  });
});

describe('impossible schedules are refused when saved, naming the injects', () => {
  let id: string;
  beforeAll(async () => {
    id = await newExercise();
  });
  const put = (injects: unknown[]) => c.lead.request('PUT', `/api/v1/exercises/${id}/injects`, { injects });

  it('an inject depending on a later one', async () => {
    const res = await put([inj('A', 10, { condition: { inject: 'B', on: 'fired' } }), inj('B', 20)]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/A \(T\+00:10\) depends on B firing, but B is due later \(T\+00:20\)/);
    expect(res.body.error.details[0].path).toBe('injects.0.condition');
  });

  it('a cycle of conditions', async () => {
    const res = await put([
      inj('A', 10, { condition: { inject: 'C', on: 'fired' } }),
      inj('B', 20, { condition: { inject: 'A', on: 'fired' } }),
      inj('C', 30, { condition: { inject: 'B', on: 'fired' } }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/cycle: A → C → B → A/);
  });

  it('a deadline before (or at) the inject', async () => {
    const res = await put([inj('A', 10, { expectations: [{ ref: 'ack', kind: 'acknowledge', deadlineMs: -60_000 }] })]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/A \(T\+00:10\): the deadline of expectation "ack" is not after the inject/);
    const zero = await put([inj('A', 10, { expectations: [{ ref: 'ack', kind: 'acknowledge', deadlineMs: 0 }] })]);
    expect(zero.status).toBe(400);
  });

  it('a condition on an outcome that is known only after the dependent inject is due', async () => {
    const res = await put([
      inj('A', 10, { expectations: [{ ref: 'ack', kind: 'acknowledge', deadlineMs: 30 * 60_000 }] }),
      inj('B', 20, { condition: { inject: 'A', on: 'missed' } }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /B \(T\+00:20\) depends on whether A's expectation "ack" is missed, which is known only at its deadline T\+00:40/,
    );
  });

  it('unknown injects, bad regular expressions, flags without a value', async () => {
    const res = await put([
      inj('A', 10, { condition: { inject: 'Z', on: 'fired' } }),
      inj('B', 20, { expectations: [{ ref: 'f', kind: 'flag', deadlineMs: 60_000, flag: { mode: 'regex', value: '([' } }] }),
      inj('C', 30, { expectations: [{ ref: 'f', kind: 'flag', deadlineMs: 60_000 }] }),
    ]);
    expect(res.status).toBe(400);
    const messages = res.body.error.details.map((d: { message: string }) => d.message).join('\n');
    expect(messages).toMatch(/A: its condition names Z, which is not in the MSEL/);
    expect(messages).toMatch(/B: the flag of "f" is not a valid regular expression/);
    expect(messages).toMatch(/C: expectation "f" is a flag but has no flag value/);
  });

  it('the same checks on single edits, and nothing is written on refusal', async () => {
    const ok = await put([inj('A', 10), inj('B', 20, { condition: { inject: 'A', on: 'fired' } })]);
    expect(ok.status).toBe(200);
    const before = await auditCount();
    const a = ok.body.items.find((i: { ref: string }) => i.ref === 'A');
    const moved = await c.lead.patch(`/api/v1/exercises/${id}/injects/${a.id}`, { offsetMs: 30 * 60_000 });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toMatch(/B \(T\+00:20\) depends on A firing/);
    const deleted = await c.lead.delete(`/api/v1/exercises/${id}/injects/${a.id}`);
    expect(deleted.status).toBe(400);
    const added = await c.lead.post(`/api/v1/exercises/${id}/injects`, inj('C', 5, { condition: { inject: 'B', on: 'fired' } }));
    expect(added.status).toBe(400);
    const exp = await c.lead.post(`/api/v1/exercises/${id}/injects/${a.id}/expectations`, { ref: 'late', kind: 'report', deadlineMs: -1 });
    expect(exp.status).toBe(400);
    expect(await auditCount()).toBe(before);
    const msel = await c.lead.get(`/api/v1/exercises/${id}/injects`);
    expect(msel.body.items.map((i: { ref: string; offsetMs: number }) => [i.ref, i.offsetMs])).toEqual([
      ['A', 600_000],
      ['B', 1_200_000],
    ]);
  });
});

describe('permissions', () => {
  let id: string;
  let vnTeam: string;
  let jpTeam: string;
  let playerA: Person;
  let playerB: Person;
  beforeAll(async () => {
    id = await newExercise();
    const vnSite = await siteOf(node, 'cert:VN');
    const jpSite = await siteOf(node, 'cert:JP');
    playerA = await node.userWith([{ organisationId: vnSite.organisationId, role: 'player' }]);
    playerB = await node.userWith([{ organisationId: jpSite.organisationId, role: 'player' }]);
    const [a, b] = await Promise.all([
      node.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [playerA.email]),
      node.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [playerB.email]),
    ]);
    const t1 = await c.lead.post(`/api/v1/exercises/${id}/teams`, {
      name: 'VN team',
      organisationId: vnSite.organisationId,
      siteId: vnSite.siteId,
      playerIds: [a[0].id],
    });
    expect(t1.status).toBe(201);
    vnTeam = t1.body.id;
    // A national controller adds their own country's team.
    const t2 = await c.jpController.post(`/api/v1/exercises/${id}/teams`, {
      name: 'JP team',
      organisationId: jpSite.organisationId,
      siteId: jpSite.siteId,
      playerIds: [b[0].id],
    });
    expect(t2.status).toBe(201);
    jpTeam = t2.body.id;
  });

  it("a country's controller manages that country's teams only", async () => {
    const vnSite = await siteOf(node, 'cert:VN');
    const create = await c.jpController.post(`/api/v1/exercises/${id}/teams`, {
      name: 'Sneaky',
      organisationId: vnSite.organisationId,
      siteId: vnSite.siteId,
    });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toMatch(/teams of JP only, not of VN/);
    const patch = await c.jpController.patch(`/api/v1/exercises/${id}/teams/${vnTeam}`, { name: 'Renamed' });
    expect(patch.status).toBe(403);
    const del = await c.jpController.delete(`/api/v1/exercises/${id}/teams/${vnTeam}`);
    expect(del.status).toBe(403);
    const moveOwn = await c.jpController.patch(`/api/v1/exercises/${id}/teams/${jpTeam}`, { organisationId: vnSite.organisationId });
    expect(moveOwn.status).toBe(403);
    const own = await c.jpController.patch(`/api/v1/exercises/${id}/teams/${jpTeam}`, { name: 'JPCERT/CC room' });
    expect(own.status).toBe(200);
    // Running the exercise is the lead's job.
    expect((await c.jpController.post(`/api/v1/exercises/${id}/clock/start`)).status).toBe(403);
    expect((await c.jpController.post(`/api/v1/exercises/${id}/injects`, inj('X', 1))).status).toBe(403);
  });

  it("finds people to add as players in the team's country only, for that country's controllers", async () => {
    const candidates = (u: Client, team: string, q = '') =>
      u.get(`/api/v1/exercises/${id}/teams/${team}/player-candidates?limit=200${q ? `&q=${encodeURIComponent(q)}` : ''}`);
    const jp = await candidates(c.jpController, jpTeam);
    expect(jp.status, JSON.stringify(jp.body)).toBe(200);
    const jpIds = jp.body.items.map((p: { id: string }) => p.id);
    const [b] = await node.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [playerB.email]);
    const [a] = await node.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [playerA.email]);
    expect(jpIds).toContain(b.id);
    expect(jpIds).not.toContain(a.id);
    for (const p of jp.body.items) expect(Object.keys(p).sort()).toEqual(['email', 'id', 'name', 'organisationId', 'organisationName']);
    // Searched in the database by name; a LIKE wildcard is only a character.
    const byName = await candidates(c.lead, vnTeam, playerA.email.split('@')[0]);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect((await candidates(c.lead, vnTeam, '%')).body.items).toEqual([]);
    // Another country's controller, a player and a malformed query are refused.
    expect((await candidates(c.jpController, vnTeam)).status).toBe(403);
    expect((await candidates(playerA, vnTeam)).status).toBe(403);
    expect((await candidates(playerA, jpTeam)).status).toBe(404);
    expect((await c.lead.get(`/api/v1/exercises/${id}/teams/${vnTeam}/player-candidates?limit=5000`)).status).toBe(400);
    expect((await c.lead.get(`/api/v1/exercises/${id}/teams/not-a-team/player-candidates`)).status).toBe(400);
  });

  it("a player sees their own team only; another team's injects and answers do not exist for them", async () => {
    const teamsA = await playerA.get(`/api/v1/exercises/${id}/teams`);
    expect(teamsA.body.items.map((t: { id: string }) => t.id)).toEqual([vnTeam]);
    expect((await playerA.get(`/api/v1/exercises/${id}/teams/${jpTeam}`)).status).toBe(404);
    expect((await playerA.get(`/api/v1/exercises/${id}/inbox?teamId=${jpTeam}`)).status).toBe(404);
    expect((await playerA.get(`/api/v1/exercises/${id}/responses?teamId=${jpTeam}`)).status).toBe(404);
    expect((await playerA.get(`/api/v1/exercises/${id}/injects`)).status).toBe(403);
    expect((await playerA.get(`/api/v1/exercises/${id}/board`)).status).toBe(403);
    const inbox = await playerA.get(`/api/v1/exercises/${id}/inbox`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.team.id).toBe(vnTeam);
    expect(inbox.body.banner).toBe('EXERCISE');
    const stranger = await node.userWith([{ organisationId: c.vn, role: 'player' }]);
    expect((await stranger.get(`/api/v1/exercises/${id}`)).status).toBe(404);
    const list = await stranger.get('/api/v1/exercises');
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(id);
  });

  it('clock commands are audited and follow the state machine', async () => {
    const before = await auditCount();
    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/pause`)).status).toBe(409);
    const started = await c.lead.post(`/api/v1/exercises/${id}/clock/start`);
    expect(started.body.status).toBe('running');
    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/speed`, { speed: 30 })).body.speed).toBe(30);
    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/pause`)).body.status).toBe('paused');
    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/resume`)).body.status).toBe('running');
    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/cancel`)).body.status).toBe('cancelled');
    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/reset`)).body.status).toBe('scheduled');
    const rows = await node.db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 6');
    expect(rows.map((r) => r.action).reverse()).toEqual([
      'exercise.start',
      'exercise.speed',
      'exercise.pause',
      'exercise.resume',
      'exercise.cancel',
      'exercise.reset',
    ]);
    expect(await auditCount()).toBe(before + 6);
  });
});
