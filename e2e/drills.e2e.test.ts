/**
 * A drill as its people run it: a controller at VNCERT/CC starts the built-in VPN gateway scenario
 * from the console at ×600, a player of a Vietnamese agency in another browser receives the injects
 * live (no reload), acknowledges one and answers another, and the controller's board shows it
 * without a reload. Setup (users, exercise, team) goes through the API. Screenshots go to
 * e2e/screenshots/drills-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Node, startNode } from './server.js';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
const exerciseName = `VPN drill ${suffix}`;
const teamName = `VNA newsroom ${suffix}`;
const password = `drills-e2e-${suffix}-passphrase`;
const controllerEmail = `controller-${suffix.toLowerCase()}@vncert.example`;
const playerEmail = `player-${suffix.toLowerCase()}@vna.example`;
const SPEED = 600;

let node: Node;
let browser: Browser;
let controllerContext: BrowserContext;
let playerContext: BrowserContext;
let controller: Page;
let player: Page;
let exerciseId = '';

/** A signed-in API session in the test process (for setup only; people use the browser). */
async function session(email: string, pass: string) {
  const res = await fetch(`${node.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: pass }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${node.url}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { get: <T>(url: string) => call<T>('GET', url), post: <T>(url: string, body?: unknown) => call<T>('POST', url, body) };
}

async function shot(page: Page, name: string) {
  // A full-page capture of a scrolled page draws the fixed header mid-page.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `drills-${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string) {
  await page.goto(`${node.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/directory\/organisations$/);
}

type Items<T> = { items: T[] };
type Org = { id: string; name: string; shortName: string | null };

describe('a drill in the browser', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    node = await startNode();
    const admin = await session(node.adminEmail, node.adminPassword);
    const org = async (q: string, shortName: string) => {
      const found = (await admin.get<Items<Org>>(`/organisations?q=${encodeURIComponent(q)}&limit=50`)).items.find(
        (o) => o.shortName === shortName,
      );
      if (!found) throw new Error(`no organisation ${shortName}`);
      return found;
    };
    const vncert = await org('VNCERT', 'VNCERT/CC');
    const vna = await org('VNA', 'VNA');
    const [site] = (await admin.get<Items<{ id: string; timeZone: string }>>(`/sites?organisationId=${vna.id}&limit=5`)).items;
    expect(site.timeZone).toBe('Asia/Ho_Chi_Minh');

    await admin.post('/users', {
      email: controllerEmail,
      fullName: 'Trần Thị Điều Phối',
      password,
      memberships: [{ organisationId: vncert.id, role: 'controller' }],
    });
    const playerUser = await admin.post<{ id: string }>('/users', {
      email: playerEmail,
      fullName: 'Nguyễn Văn Người Chơi',
      password,
      memberships: [{ organisationId: vna.id, role: 'player' }],
    });

    const lead = await session(controllerEmail, password);
    const scenario = (await lead.get<Items<{ id: string; key: string | null }>>('/scenarios?limit=100')).items.find(
      (s) => s.key === 'builtin:vpn-gateway',
    );
    if (!scenario) throw new Error('the built-in VPN gateway scenario is not listed');
    const exercise = await lead.post<{ id: string }>('/exercises', {
      scenarioId: scenario.id,
      name: exerciseName,
      leadOrganisationId: vncert.id,
    });
    exerciseId = exercise.id;
    await lead.post(`/exercises/${exerciseId}/teams`, {
      name: teamName,
      organisationId: vna.id,
      siteId: site.id,
      playerIds: [playerUser.id],
    });

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
    // The controller reads the console in Bangkok time, the player is elsewhere: inbox times must
    // still be in the team's site zone (Ho Chi Minh City), whatever the browser's zone.
    controllerContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Bangkok' });
    playerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
    controller = await controllerContext.newPage();
    player = await playerContext.newPage();
    controller.setDefaultTimeout(20_000);
    player.setDefaultTimeout(20_000);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('lists the exercise and opens the controller page, scheduled', async () => {
    await signIn(controller, controllerEmail);
    await controller.getByTestId('nav-drills').click();
    await controller.waitForURL(/\/drills$/);
    const row = controller.getByTestId('exercise-table').locator('tbody tr').filter({ hasText: exerciseName });
    await row.waitFor();
    expect(await row.textContent()).toContain('VPN gateway exploitation against state agencies');
    await shot(controller, '01-exercises');
    await row.getByTestId('exercise-link').click();
    await controller.waitForURL(new RegExp(`/drills/${exerciseId}$`));
    expect(await controller.getByTestId('clock-status').getAttribute('data-status')).toBe('scheduled');
    await controller.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
    await controller.getByTestId('timeline-row').first().waitFor();
    expect(await controller.getByTestId('timeline-row').count()).toBeGreaterThanOrEqual(20);
    await shot(controller, '02-control-scheduled');
  });

  it('creates an exercise from a built-in scenario and adds a team with a player in the console', async () => {
    await controller.getByTestId('nav-drills').click();
    await controller.getByTestId('exercise-create').click();
    await controller.getByTestId('exercise-scenario').click();
    await controller.getByRole('option', { name: /Ransomware against medical institutions/ }).click();
    // Choosing a scenario names the exercise after it; the summary says how big it is.
    expect(await controller.getByTestId('exercise-name').inputValue()).toBe('Ransomware against medical institutions');
    expect(await controller.getByTestId('scenario-summary').textContent()).toMatch(/\d+ injects/);
    await controller.getByTestId('exercise-name').fill(`Hospital drill ${suffix}`);
    await controller.getByTestId('exercise-submit').click();
    await controller.waitForURL(/\/drills\/[0-9a-f-]{36}$/);
    await controller
      .getByTestId('page-title')
      .filter({ hasText: `Hospital drill ${suffix}` })
      .waitFor();

    await controller.getByTestId('tab-teams').click();
    await controller.getByTestId('team-create').click();
    await controller.getByTestId('team-submit').click();
    expect(await controller.getByText('Required').count()).toBeGreaterThanOrEqual(1);
    await controller.getByTestId('team-name').fill('Bach Mai IT room');
    const org = controller.getByTestId('team-organisation');
    await org.click();
    await org.fill('Bach Mai');
    await controller
      .getByRole('option', { name: /Bach Mai/ })
      .first()
      .click();
    const site = controller.getByTestId('team-site');
    await site.click();
    await controller.getByRole('option').first().click();
    await controller.getByTestId('team-webhook').fill('not a url');
    await controller.getByTestId('team-submit').click();
    await controller.getByText('An http:// or https:// address').waitFor();
    await controller.getByTestId('team-webhook').fill('https://hooks.bachmai.example/kizuna');
    await controller.getByTestId('team-submit').click();
    // The webhook secret is shown once, and stays until dismissed.
    expect(await controller.getByTestId('webhook-secret').textContent()).toMatch(/^\S{16,}$/);
    const row = controller.getByTestId('team-table').locator('tbody tr').filter({ hasText: 'Bach Mai IT room' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Asia/Ho_Chi_Minh');

    // The controller finds the player among the people of the team's country, by name.
    await row.getByTestId('team-players').click();
    const pick = controller.getByTestId('player-select');
    await pick.click();
    await pick.fill('Người Chơi');
    await controller
      .getByRole('option', { name: /Nguyễn Văn Người Chơi/ })
      .first()
      .click();
    await controller.getByTestId('player-add').click();
    await controller.getByTestId('player-list').getByText('Nguyễn Văn Người Chơi').waitFor();
    await shot(controller, '01b-team-players');
    await controller.keyboard.press('Escape');
    await row.filter({ hasText: 'Nguyễn Văn Người Chơi' }).waitFor();

    // Back to the VPN drill, which the rest of this file runs.
    await controller.goto(`${node.url}/drills/${exerciseId}`);
    await controller.getByTestId('page-title').filter({ hasText: exerciseName }).waitFor();
    await controller.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
  });

  it("opens the player's inbox, empty and live before the start", async () => {
    await signIn(player, playerEmail);
    await player.getByTestId('nav-drills').click();
    await player.getByTestId('exercise-table').locator('tbody tr').filter({ hasText: exerciseName }).getByTestId('exercise-play').click();
    await player.waitForURL(new RegExp(`/drills/${exerciseId}/play$`));
    await player.getByTestId('inbox-empty').waitFor();
    await player.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
    expect(await player.getByTestId('inbox-team').textContent()).toBe(teamName);
    expect(await player.getByTestId('inbox-zone').getAttribute('data-zone')).toBe('Asia/Ho_Chi_Minh');
    expect(await player.getByTestId('drill-banner').textContent()).toContain('EXERCISE');
    // A marker that a reload would erase: every later inject must arrive in this same document.
    await player.evaluate(() => {
      (globalThis as unknown as { drillMarker: string }).drillMarker = 'no-reload';
    });
    await shot(player, '03-inbox-before-start');
  });

  it(`starts the exercise from the console at ×${SPEED}`, async () => {
    await controller.getByTestId('clock-speed-input').fill(String(SPEED));
    await controller.getByTestId('clock-speed').click();
    await controller.locator('[data-testid="clock-speed"]:disabled').waitFor();
    await controller.getByTestId('clock-start').click();
    await controller.locator('[data-testid="clock-status"][data-status="running"]').waitFor();
    const exercise = (await controller.evaluate(async (id) => (await fetch(`/api/v1/exercises/${id}`)).json(), exerciseId)) as {
      status: string;
      speed: number;
    };
    expect(exercise).toMatchObject({ status: 'running', speed: SPEED });
  });

  it('delivers injects to the player live, in the site zone, without a reload', async () => {
    const items = player.getByTestId('inbox-item');
    // VPN-00 (everyone, T+00:00) and VPN-01 (ministries and agencies, T+00:05: half a second at ×600).
    const advisory = items.filter({ hasText: 'Advisory: SSL VPN path traversal actively exploited' });
    await advisory.waitFor({ timeout: 30_000 });
    // Stop the clock while the player works, so that the answer's deadline is still ahead.
    await controller.getByTestId('clock-pause').click();
    await controller.locator('[data-testid="clock-status"][data-status="paused"]').waitFor();

    const startex = items.filter({ hasText: `STARTEX — communication check for ${teamName}` });
    await startex.waitFor();
    expect(await player.evaluate(() => (globalThis as unknown as { drillMarker?: string }).drillMarker)).toBe('no-reload');
    // Variables resolved for the team, times in Ho Chi Minh City's zone (ICT, UTC+7) with the zone named.
    expect(await startex.getByTestId('inbox-content').textContent()).toMatch(/Your local time: .*\+07:00/);
    expect(await startex.getByTestId('inbox-time').textContent()).toMatch(/GMT\+7|ICT/);
    expect(await player.getByTestId('inbox-zone').textContent()).toContain('Asia/Ho_Chi_Minh');
    expect(await advisory.getByTestId('exercise-badge').textContent()).toBe('EXERCISE');
    await shot(player, '04-inbox-live');
  });

  it('acknowledges one inject and answers another', async () => {
    const startex = player.getByTestId('inbox-item').filter({ hasText: 'STARTEX' });
    await startex.getByTestId('inbox-ack').click();
    await startex.getByTestId('acknowledged').waitFor();
    expect(await startex.getAttribute('data-acknowledged')).toBe('true');

    const advisory = player.getByTestId('inbox-item').filter({ hasText: 'Advisory: SSL VPN' });
    const inventory = advisory.locator('[data-testid="expectation"][data-ref="inventory"]');
    // An empty report is refused in the browser, plainly, before any request.
    await inventory.getByTestId('answer-submit').click();
    expect(await inventory.getByTestId('answer-invalid').textContent()).toBe('The report is empty.');
    await inventory
      .getByTestId('answer-text')
      .fill('Internet-facing SSL VPN gateways: FortiGate 100F (FortiOS 7.2.5) at Hà Nội head office; none elsewhere.');
    await inventory.getByTestId('answer-submit').click();
    await advisory.locator('[data-testid="expectation"][data-ref="inventory"][data-status="met"]').waitFor();
    await shot(player, '05-inbox-answered');
  });

  it("updates the controller's board without a reload", async () => {
    expect(controller.url()).toMatch(new RegExp(`/drills/${exerciseId}$`));
    await controller.getByTestId('tab-board').click();
    const row = controller.locator(`[data-testid="board-row"][data-team="${teamName}"]`);
    await row.waitFor();
    // The report answered on time is met; the STARTEX acknowledgement is met or late, depending on
    // how long the acknowledgement took at ×600 (ten exercise minutes are one real second).
    await row.locator('[data-testid="board-cell"][data-ref="VPN-01.inventory"][data-status="met"]').waitFor();
    const ack = await row.locator('[data-testid="board-cell"][data-ref="VPN-00.ack"]').getAttribute('data-status');
    expect(['met', 'late']).toContain(ack);
    expect(Number(await row.getByTestId('total-met').textContent())).toBeGreaterThanOrEqual(1);
    await shot(controller, '06-board');

    await controller.getByTestId('board-view').getByText('Countries').click();
    const vn = controller.getByTestId('rollup-countries').locator('tbody tr').filter({ hasText: 'Vietnam' });
    await vn.waitFor();

    await controller.getByTestId('tab-log').click();
    await controller.locator('[data-testid="log-line"][data-kind="response.report"]').waitFor();
    await controller.locator('[data-testid="log-line"][data-kind="response.ack"]').first().waitFor();
    await shot(controller, '07-live-log');

    await controller.getByTestId('tab-timeline').click();
    await controller.locator('[data-testid="timeline-row"][data-ref="VPN-01"][data-state="fired"]').waitFor();
    await shot(controller, '08-timeline');
  });

  it('fires an inject now from the timeline; a wrong flag is said plainly, with the attempts left', async () => {
    const row = controller.locator('tr').filter({ has: controller.locator('[data-testid="timeline-row"][data-ref="VPN-16"]') });
    await row.getByTestId('inject-fire').click();
    await controller.getByTestId('confirm-action').click();
    await controller.locator('[data-testid="timeline-row"][data-ref="VPN-16"][data-state="fired"]').waitFor();

    const sonicwall = player.getByTestId('inbox-item').filter({ hasText: 'SSLVPN session hijacking on SonicWall firewalls' });
    await sonicwall.waitFor();
    expect(await player.evaluate(() => (globalThis as unknown as { drillMarker?: string }).drillMarker)).toBe('no-reload');
    const flag = sonicwall.locator('[data-testid="expectation"][data-kind="flag"]');
    expect(await flag.getByTestId('attempts-left').textContent()).toBe('5 attempts left');
    await flag.getByTestId('answer-flag').fill('CVE-2024-0001');
    await flag.getByTestId('answer-submit').click();
    await flag.locator('[data-testid="flag-result"][data-correct="false"]').waitFor();
    expect(await flag.getByTestId('flag-result').textContent()).toBe('Wrong answer: that is not the flag.');
    expect(await flag.getByTestId('attempts-left').textContent()).toBe('4 attempts left');
    await shot(player, '09-flag-wrong');
    await flag.getByTestId('answer-flag').fill('cve-2024-53704');
    await flag.getByTestId('answer-submit').click();
    await sonicwall.locator('[data-testid="expectation"][data-kind="flag"][data-status="met"]').waitFor();
  });

  it('takes a manual answer with a file to the evaluator queue, where a controller judges it', async () => {
    const row = controller.locator('tr').filter({ has: controller.locator('[data-testid="timeline-row"][data-ref="VPN-06"]') });
    await row.getByTestId('inject-fire').click();
    await controller.getByTestId('confirm-action').click();
    await controller.locator('[data-testid="timeline-row"][data-ref="VPN-06"][data-state="fired"]').waitFor();

    const webshell = player.getByTestId('inbox-item').filter({ hasText: 'Web shell found on the VPN appliance' });
    await webshell.waitFor();
    const task = webshell.locator('[data-testid="expectation"][data-kind="manual"]');
    await task.getByTestId('answer-text').fill('Isolate the appliance from the internal network, keep a disk image, inform VNCERT/CC.');
    await task.locator('input[type="file"]').setInputFiles({
      name: 'containment-plan.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('1. Isolate\n2. Image\n3. Notify\n'),
    });
    await task.getByTestId('answer-submit').click();
    await task.getByTestId('answer-sent').waitFor();
    expect(await task.getByTestId('answer-sent').textContent()).toBe('Answer recorded; an evaluator will judge it.');
    // After a reload the player still sees the answer went in, while it waits for a verdict.
    await player.reload();
    await webshell.locator('[data-testid="expectation"][data-kind="manual"] [data-testid="expectation-answered"]').waitFor();

    await controller.getByTestId('tab-queue').click();
    const item = controller.getByTestId('queue-item').filter({ hasText: teamName });
    await item.waitFor();
    expect(await item.textContent()).toContain('containment-plan.txt');
    await item.getByTestId('queue-note').fill('Clear plan; forensics kept.');
    await shot(controller, '09b-evaluator-queue');
    await item.getByTestId('judge-met').click();
    await controller.getByTestId('queue-empty').waitFor();
    await controller.getByTestId('tab-board').click();
    await controller
      .locator(
        `[data-testid="board-row"][data-team="${teamName}"] [data-testid="board-cell"][data-ref="VPN-06.containment"][data-status="met"]`,
      )
      .waitFor();
    // The player's inbox hears of the verdict on its stream and shows it without a reload.
    await webshell.locator('[data-testid="expectation"][data-kind="manual"][data-status="met"]').waitFor();
  });

  it("lets a facilitator record the room's answer for the team", async () => {
    await controller.getByTestId('open-facilitator').click();
    await controller.waitForURL(new RegExp(`/drills/${exerciseId}/facilitate$`));
    await controller.getByTestId('facilitate-team').click();
    await controller.getByRole('option', { name: new RegExp(teamName) }).click();
    await controller.getByTestId('inbox').waitFor();
    expect(await controller.getByTestId('cards-vi').getAttribute('href')).toMatch(/\/teams\/[0-9a-f-]{36}\/cards\.pdf\?lang=vi$/);
    const advisory = controller.getByTestId('inbox-item').filter({ hasText: 'Advisory: SSL VPN' });
    await advisory.getByTestId('inbox-ack').click();
    await advisory.getByTestId('acknowledged').waitFor();
    await shot(controller, '10-facilitator');
  });

  it("prints the inject cards of the facilitator's team as a PDF", async () => {
    const href = (await controller.getByTestId('cards-vi').getAttribute('href')) as string;
    const pdf = await controller.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
  });

  it('sends a communication check from the console and lists who it reached', async () => {
    await controller.goto(`${node.url}/drills/${exerciseId}?tab=checks`);
    await controller.getByTestId('check-create').click();
    // Sending without an organisation is refused in the form, before any request.
    await controller.getByTestId('check-title').fill(`Comms check ${suffix}`);
    await controller.getByTestId('check-message').fill('Please acknowledge this communication check within 30 minutes.');
    await controller.getByTestId('check-submit').click();
    await controller.getByText('Choose at least one organisation').waitFor();
    await controller.getByTestId('check-team-orgs').click({ force: true });
    await controller.getByRole('option', { name: 'Vietnam News Agency' }).click();
    await controller.keyboard.press('Escape');
    // Any other organisation is found by searching: VNCERT/CC's 24/7 duty desk is a point of contact.
    const others = controller.getByTestId('check-organisations');
    await others.click();
    await others.fill('VNCERT');
    await controller
      .getByRole('option', { name: /Vietnam Cybersecurity Emergency Response/ })
      .first()
      .click();
    await controller.keyboard.press('Escape');
    await controller.getByTestId('check-submit').click();
    const row = controller
      .getByTestId('check-table')
      .locator('tbody tr')
      .filter({ hasText: `Comms check ${suffix}` });
    await row.waitFor();
    const summary = await row.getByTestId('check-summary').textContent();
    expect(summary).toMatch(/^0 of [1-9]\d* acknowledged/);
    await row.getByTestId('check-open').click();
    const contacts = controller.getByTestId('check-contacts');
    await contacts.locator('tbody tr').filter({ hasText: 'duty@cert-vn.example' }).waitFor();
    await shot(controller, '11-communication-check');
  });

  it("shows the player's inbox in Vietnamese and Japanese, still in the site's zone", async () => {
    await player.getByTestId('lang-switch').click();
    await player.getByTestId('lang-vi').click();
    await player.getByTestId('page-title').filter({ hasText: 'Hộp thư diễn tập' }).waitFor();
    expect(await player.getByTestId('drill-banner').textContent()).toContain('DIỄN TẬP');
    const startex = player.getByTestId('inbox-item').filter({ hasText: 'STARTEX' });
    expect(await startex.getByTestId('acknowledged').textContent()).toBe('Đã xác nhận');
    expect(await player.getByTestId('inbox-zone').textContent()).toContain('Asia/Ho_Chi_Minh');
    await shot(player, '12-inbox-vi');
    await player.getByTestId('lang-switch').click();
    await player.getByTestId('lang-ja').click();
    await player.getByTestId('page-title').filter({ hasText: '演習受信箱' }).waitFor();
    expect(await startex.getByTestId('acknowledged').textContent()).toBe('確認済み');
    await shot(player, '13-inbox-ja');
  });
});
