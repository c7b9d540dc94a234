/**
 * Printable inject cards over real HTTP: the PDF is parsed back (pdfjs-dist) and must hold, in
 * MSEL order, the titles of the injects that target the team (and no other), variables filled in
 * for the team, the scheduled local time in the site's zone, EXERCISE, and Vietnamese or Japanese
 * text intact. Who may print them is checked status by status.
 */
import { writeFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, startTestNode } from '../../test/http.js';
import { localTime } from './targets.js';
import { type Cast, authHeaders, cast, siteOf } from './test/fixtures.js';

let node: TestNode;
let c: Cast;
let exerciseId: string;
let vnTeam: string;
let jpTeam: string;
let vnZone: string;
let jpZone: string;
let player: Awaited<ReturnType<TestNode['userWith']>>;
const start = Date.parse('2026-12-01T02:00:00.000Z');
const MIN = 60_000;

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  // Line breaks fall where the layout wraps: compare text with runs of white space made one space.
  return { pages: doc.numPages, text: out.join('\n').replace(/\s+/g, ' ') };
}

async function fetchCards(client: { token?: string; cookie?: string }, path: string) {
  const res = await fetch(node.url + path, { headers: authHeaders(client as never) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}

const userId = async (client: { email: string }) =>
  (await node.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [client.email]))[0].id;

beforeAll(async () => {
  node = await startTestNode();
  c = await cast(node);
  const vnSite = await siteOf(node, 'cert:VN');
  const jpSite = await siteOf(node, 'cert:JP');
  vnZone = vnSite.timeZone;
  jpZone = jpSite.timeZone;
  player = await node.userWith([{ organisationId: vnSite.organisationId, role: 'player' }]);
  const ex = await c.lead.post('/api/v1/exercises', {
    name: 'Diễn tập ASEAN–Nhật Bản',
    leadOrganisationId: c.vn,
    plannedStartAt: new Date(start).toISOString(),
  });
  expect(ex.status, JSON.stringify(ex.body)).toBe(201);
  exerciseId = ex.body.id;
  const team = async (name: string, site: typeof vnSite, playerIds: string[]) => {
    const res = await c.lead.post(`/api/v1/exercises/${exerciseId}/teams`, {
      name,
      organisationId: site.organisationId,
      siteId: site.siteId,
      playerIds,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  vnTeam = await team('Phòng VNCERT Hà Nội', vnSite, [await userId(player)]);
  jpTeam = await team('JPCERT 東京', jpSite, []);
  const msel = await c.lead.request('PUT', `/api/v1/exercises/${exerciseId}/injects`, {
    injects: [
      {
        ref: 'V1',
        offsetMs: 30 * MIN,
        title: 'Đăng nhập VPN bất thường',
        content: 'Đội {team}: nhật ký cổng VPN cho thấy đăng nhập lạ lúc {local_time}. Hãy kiểm tra ngay.',
        targets: { everyone: true },
        expectations: [
          { ref: 'ack', kind: 'acknowledge', deadlineMs: 15 * MIN, score: 5 },
          { ref: 'rep', kind: 'report', description: 'Báo cáo sơ bộ cho VNCERT', deadlineMs: 60 * MIN, score: 20 },
        ],
      },
      { ref: 'J1', offsetMs: 45 * MIN, title: 'JP only: 東京のVPN機器', content: '日本のチームのみ', targets: { countries: ['JP'] } },
      {
        ref: 'V2',
        offsetMs: 90 * MIN,
        title: 'Ransom note found',
        content: 'Find the flag in the note.',
        channel: 'email',
        targets: { countries: ['VN'] },
        expectations: [{ ref: 'flag', kind: 'flag', deadlineMs: 30 * MIN, score: 10, flag: { mode: 'exact', value: 'KZ{x}' } }],
      },
    ],
  });
  expect(msel.status, JSON.stringify(msel.body)).toBe(200);
}, 60_000);

afterAll(async () => {
  await node?.close();
});

describe('inject cards (PDF)', () => {
  it('prints the team’s injects in MSEL order, in Vietnamese by default, with local times in the site’s zone', async () => {
    const res = await fetchCards(c.lead, `/api/v1/exercises/${exerciseId}/teams/${vnTeam}/cards.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(Buffer.from(res.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    if (process.env.KIZUNA_KEEP_CARDS) await writeFile(`${process.env.KIZUNA_KEEP_CARDS}/cards-vi.pdf`, res.bytes);
    const { pages, text } = await pdfText(res.bytes);
    expect(pages).toBe(2);
    expect(text).toContain('EXERCISE');
    expect(text).toContain('DIỄN TẬP');
    const first = text.indexOf('Đăng nhập VPN bất thường');
    const second = text.indexOf('Ransom note found');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(text).not.toContain('JP only');
    // Variables resolved for the team, times in the site's zone with the zone named.
    const due = localTime(new Date(start + 30 * MIN), vnZone);
    expect(vnZone).toBe('Asia/Ho_Chi_Minh');
    expect(due).toBe('2026-12-01 09:30 (UTC+07:00, Asia/Ho_Chi_Minh)');
    expect(text).toContain(`Đội Phòng VNCERT Hà Nội: nhật ký cổng VPN cho thấy đăng nhập lạ lúc ${due}.`);
    expect(text).toContain(`${due} (T+00:30)`);
    expect(text).toContain(localTime(new Date(start + 90 * MIN), vnZone));
    // Expectations with deadlines, scores and what to record.
    expect(text).toContain('Báo cáo sơ bộ cho VNCERT');
    expect(text).toContain('trong vòng 1 h sau tình huống');
    expect(text).toContain(localTime(new Date(start + 30 * MIN + 60 * MIN), vnZone));
    expect(text).toMatch(/Điểm 20/);
    expect(text).toContain('Thư điện tử');
    expect(text).toContain('Ghi lại: cờ đội tìm được');
  }, 30_000);

  it('prints in Japanese for a Japanese site, and in the language asked for', async () => {
    const ja = await fetchCards(c.lead, `/api/v1/exercises/${exerciseId}/teams/${jpTeam}/cards.pdf`);
    expect(ja.status).toBe(200);
    if (process.env.KIZUNA_KEEP_CARDS) await writeFile(`${process.env.KIZUNA_KEEP_CARDS}/cards-ja.pdf`, ja.bytes);
    const { pages, text } = await pdfText(ja.bytes);
    expect(pages).toBe(2);
    expect(text).toContain('EXERCISE');
    expect(text).toContain('演習');
    expect(text).toContain('JP only: 東京のVPN機器');
    expect(text).toContain('日本のチームのみ');
    expect(text).not.toContain('Ransom note found');
    expect(text).toContain(localTime(new Date(start + 45 * MIN), jpZone));
    expect(text).toContain('チームが行うこと');

    const en = await pdfText((await fetchCards(c.lead, `/api/v1/exercises/${exerciseId}/teams/${vnTeam}/cards.pdf?lang=en`)).bytes);
    expect(en.text).toContain('What the team must do');
    expect(en.text).toContain('Đăng nhập VPN bất thường');
    expect(en.text).not.toContain('DIỄN TẬP');
  }, 30_000);

  it('lets only controllers of the team’s country and the lead print them', async () => {
    const path = `/api/v1/exercises/${exerciseId}/teams/${vnTeam}/cards.pdf`;
    expect((await fetchCards(c.jpController, `/api/v1/exercises/${exerciseId}/teams/${jpTeam}/cards.pdf`)).status).toBe(200);
    const refused = await fetchCards(c.jpController, path);
    expect(refused.status).toBe(403);
    expect(JSON.parse(Buffer.from(refused.bytes).toString()).error.code).toBe('forbidden');
    expect((await fetchCards(c.evaluator, path)).status).toBe(403);
    expect((await fetchCards(player, path)).status).toBe(403);
    expect((await fetchCards(player, `/api/v1/exercises/${exerciseId}/teams/${jpTeam}/cards.pdf`)).status).toBe(404);
    const stranger = await node.userWith([{ organisationId: c.jp, role: 'analyst' }]);
    expect((await fetchCards(stranger, path)).status).toBe(404);
    expect((await fetch(node.url + path)).status).toBe(401);
    const other = await c.lead.post('/api/v1/exercises', { name: 'Other', leadOrganisationId: c.vn });
    expect((await fetchCards(c.lead, `/api/v1/exercises/${other.body.id}/teams/${vnTeam}/cards.pdf`)).status).toBe(404);
    expect((await fetchCards(c.lead, `${path}?lang=fr`)).status).toBe(400);
    expect((await fetchCards(c.lead, `${path}?lang=en&x=1`)).status).toBe(400);
    expect((await fetchCards(c.lead, `/api/v1/exercises/${exerciseId}/teams/not-a-uuid/cards.pdf`)).status).toBe(400);
  }, 30_000);
});
