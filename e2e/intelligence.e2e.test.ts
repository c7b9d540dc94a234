/**
 * Intelligence as an analyst at a national CERT uses it: open a collection, write an indicator
 * while the pattern is checked live (a broken pattern shows where it breaks), read the object's
 * page, find it in the explorer under its TLP badge, and share it with another CERT. Drill data is
 * shown apart, under its EXERCISE badge. Screenshots go to e2e/screenshots/intel-*.png.
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Node, startNode } from './server.js';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
const collectionTitle = `VPN gateway campaign ${suffix}`;
const indicatorName = `VPN gateway C2 ${suffix}`;
const broken = "[ipv4-addr:value = '198.51.100.7' AND";
const fixed = "[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'vpn-update.example']";

let node: Node;
let browser: Browser;
let page: Page;
let objectUrl = '';

async function shot(name: string) {
  await page.screenshot({ path: path.join(shots, `intel-${name}.png`), fullPage: true });
}

/** Types into a server-searched select and picks the option whose text matches. */
async function choose(testId: string, search: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(search);
  const item = page.getByRole('option', { name: option }).first();
  await item.waitFor();
  await item.click();
}

/** A write through the API with the page's own session, for data the test only needs to exist. */
async function apiPost(url: string, body: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ({ url, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${url}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    },
    { url, body },
  );
}

describe('intelligence in the browser', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    node = await startNode();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB', timezoneId: 'Asia/Bangkok' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('signs in and opens the intelligence section', async () => {
    await page.goto(`${node.url}/login`);
    await page.getByTestId('login-email').fill(node.adminEmail);
    await page.getByTestId('login-password').fill(node.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/directory\/organisations$/);
    await page.getByTestId('nav-intel-explorer').click();
    await page.waitForURL(/\/intelligence\/objects$/);
    await page.getByTestId('intel-table').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('Intelligence explorer');
  });

  it('creates a collection in the real API root', async () => {
    await page.getByTestId('nav-intel-collections').click();
    await page.waitForURL(/\/intelligence\/collections$/);
    await page.getByTestId('collection-create').click();
    await page.getByTestId('collection-title').fill(collectionTitle);
    await shot('01-collection-form');
    await page.getByTestId('collection-submit').click();
    const row = page.getByTestId('collection-table').locator('tbody tr').filter({ hasText: collectionTitle });
    await row.waitFor();
    expect(await row.textContent()).toContain('/taxii2/real/collections/');
    await shot('02-collections');
  });

  it('shows where a pattern breaks while it is typed, and accepts the fixed one', async () => {
    await page.getByTestId('nav-intel-explorer').click();
    await page.getByTestId('intel-new').click();
    await page.getByTestId('intel-new-indicator').click();
    await page.waitForURL(/\/intelligence\/objects\/new\/indicator$/);
    await page.getByTestId('indicator-name').fill(indicatorName);

    await page.getByTestId('indicator-pattern').fill(broken);
    const error = page.getByTestId('pattern-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Invalid pattern at line 1, column \d+/);
    // The caret sits under the offending token: the end of the text, where a comparison is missing.
    expect(Number(await error.getAttribute('data-offset'))).toBe(broken.length);
    await shot('03-indicator-invalid-pattern');

    // Sending it anyway is refused in the browser, before any request: the page stays, so does the error.
    await page.getByTestId('indicator-submit').click();
    expect(page.url()).toMatch(/\/objects\/new\/indicator$/);
    expect(await error.count()).toBe(1);

    await page.getByTestId('indicator-pattern').fill(fixed);
    await page.getByTestId('pattern-ok').waitFor();
    expect(await page.getByTestId('pattern-error').count()).toBe(0);
    const observables = await page.getByTestId('pattern-ok').textContent();
    expect(observables).toContain('198.51.100.7');
    expect(observables).toContain('vpn-update.example');
    expect(await page.getByTestId('publish-collection').inputValue()).toBe(collectionTitle);
    await shot('04-indicator-valid-pattern');
  });

  it('creates the indicator and opens its page', async () => {
    await page.getByTestId('indicator-submit').click();
    await page.waitForURL(/\/intelligence\/objects\/indicator--[0-9a-f-]{36}$/);
    objectUrl = page.url();
    await page.getByTestId('page-title').filter({ hasText: indicatorName }).waitFor();
    expect(await page.getByTestId('tlp-badge').first().textContent()).toBe('TLP:AMBER');
    expect(await page.getByTestId('prop-pattern').textContent()).toBe(fixed);
    await shot('05-object-overview');

    await page.getByTestId('tab-versions').click();
    expect(await page.getByTestId('version-table').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('tab-json').click();
    const json = JSON.parse((await page.getByTestId('stix-json').textContent()) ?? '{}');
    expect(json.type).toBe('indicator');
    expect(json.pattern).toBe(fixed);
    expect(json.object_marking_refs).toContain('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    await shot('06-object-json');
  });

  it('finds it in the explorer with its TLP badge', async () => {
    await page.getByTestId('nav-intel-explorer').click();
    await page.getByTestId('intel-table').waitFor();
    await page.getByTestId('list-search').fill(suffix);
    await page.waitForURL(new RegExp(`[?&]q=${suffix}`));
    const rows = page.getByTestId('intel-row');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.filter({ hasText: indicatorName }).waitFor();
    expect(await rows.first().getByTestId('tlp-badge').textContent()).toBe('TLP:AMBER');
    expect(await rows.first().textContent()).toContain('Indicator');

    // The TLP filter is applied by the server: nothing of this name is GREEN.
    await page.getByTestId('filter-tlp').click();
    await page.getByRole('option', { name: 'TLP:GREEN' }).click();
    await page.waitForURL(/[?&]tlp=green/);
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('filter-tlp').click();
    await page.getByRole('option', { name: 'TLP:AMBER', exact: true }).click();
    await page.waitForURL(/[?&]tlp=amber(&|$)/);
    await expect.poll(() => rows.count()).toBe(1);
    await shot('07-explorer');
  });

  it('shares it with another national CERT', async () => {
    await page.getByTestId('intel-row').getByRole('link', { name: indicatorName }).click();
    await page.waitForURL(objectUrl);
    await page.getByTestId('object-share').click();
    await choose('recipients-organisations', 'JPCERT', /Japan/);
    // A multi-select stays open for more choices; moving on closes it.
    await page.keyboard.press('Tab');
    await shot('08-share-dialog');
    await page.getByTestId('share-submit').click();
    await page.getByText('Shared', { exact: true }).waitFor();

    await page.getByTestId('tab-sharing').click();
    const organisations = page.getByTestId('shared-organisations');
    await organisations.getByText(/Japan/).waitFor();
    expect(await organisations.textContent()).toContain('(1)');
    await shot('09-object-sharing');
  });

  it('exports the collection as a STIX bundle from the collections page', async () => {
    await page.getByTestId('nav-intel-collections').click();
    const row = page.getByTestId('collection-table').locator('tbody tr').filter({ hasText: collectionTitle });
    await row.getByTestId('collection-export').click();
    await shot('09b-export-menu');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-stix').click()]);
    expect(download.suggestedFilename()).toMatch(/\.stix\.json$/);
    const file = await download.path();
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.map((o: { name?: string }) => o.name)).toContain(indicatorName);
  });

  it('shows drill data apart, under an EXERCISE badge', async () => {
    const collection = await apiPost('/intel/collections', { title: `Drill feed ${suffix}`, apiRoot: 'exercise' });
    const created = await apiPost('/intel/objects', {
      collectionId: collection.id,
      tlp: 'green',
      object: {
        type: 'indicator',
        name: `Drill ransomware C2 ${suffix}`,
        pattern: "[domain-name:value = 'drill-c2.example']",
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
      },
    });
    expect(created.exercise).toBe(true);

    // Real searches never show it.
    await page.goto(`${node.url}/intelligence/objects?q=${suffix}`);
    await expect.poll(() => page.getByTestId('intel-row').count()).toBe(1);
    expect(await page.getByTestId('intel-row').textContent()).not.toContain('Drill');

    await page.getByTestId('explorer-root').getByText('Exercise data').click();
    await page.waitForURL(/[?&]root=exercise/);
    await page.getByTestId('exercise-banner').waitFor();
    const row = page.getByTestId('intel-row').filter({ hasText: `Drill ransomware C2 ${suffix}` });
    await row.waitFor();
    expect(await row.getByTestId('exercise-badge').textContent()).toBe('EXERCISE');
    await shot('10-explorer-exercise');

    await row.getByRole('link').click();
    await page.waitForURL(/root=exercise/);
    await page.getByTestId('exercise-banner').waitFor();
    expect(await page.getByTestId('exercise-badge').first().textContent()).toBe('EXERCISE');
    await shot('11-object-exercise');
  });

  it('reads the intelligence pages in Japanese', async () => {
    await page.goto(objectUrl);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-ja').click();
    await page.getByTestId('tab-sharing').filter({ hasText: 'マーキングと共有' }).waitFor();
    expect(await page.getByTestId('nav-intel-explorer').textContent()).toBe('検索');
    // TLP labels stay in FIRST's English form in every language.
    expect(await page.getByTestId('tlp-badge').first().textContent()).toBe('TLP:AMBER');
    await shot('12-object-japanese');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
  });
});
