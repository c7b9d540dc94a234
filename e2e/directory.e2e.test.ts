/**
 * The directory as an analyst at a national CERT uses it: sign in, register a ministry and one of
 * its sites, find both again, and read the console in Vietnamese. Screenshots of every step go to
 * e2e/screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Node, startNode } from './server.js';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
const orgName = `Ministry of Digital Transformation ${suffix}`;
const siteName = `Cyber operations room ${suffix}`;

let node: Node;
let browser: Browser;
let page: Page;

async function shot(name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** Types into a searchable Select and picks the option whose text contains `option`. */
async function choose(testId: string, search: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(search);
  const item = page.getByRole('option', { name: option }).first();
  await item.waitFor();
  await item.click();
}

describe('directory in the browser', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    node = await startNode();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1366, height: 860 },
      locale: 'en-GB',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('signs in as the node admin', async () => {
    await page.goto(`${node.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').waitFor();
    await shot('01-login');

    await page.getByTestId('login-email').fill(node.adminEmail);
    await page.getByTestId('login-password').fill(node.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/directory\/organisations$/);
    await page.getByTestId('org-table').getByRole('link').first().waitFor();
    expect(await page.getByTestId('nav-directory').textContent()).toContain('Directory');
    await shot('02-organisations');
  });

  it('creates a ministry in Viet Nam under VNCERT/CC', async () => {
    await page.getByTestId('org-create').click();
    await page.waitForURL(/\/directory\/organisations\/new$/);

    // Sending the empty form shows the client's own validation before any request.
    await page.getByTestId('org-submit').click();
    await page.getByText('Required').first().waitFor();
    expect(await page.getByText('Required').count()).toBeGreaterThanOrEqual(3);
    await shot('03-organisation-validation');

    await page.getByTestId('org-name').fill(orgName);
    await page.getByTestId('org-type').click();
    await page.getByRole('option', { name: 'Ministry' }).click();
    await choose('org-country', 'Viet', /Vietnam/);
    await choose('org-parent', 'VNCERT', /Vietnam Cybersecurity Emergency Response Teams/);
    await shot('04-organisation-form');

    await page.getByTestId('org-submit').click();
    await page.waitForURL(/\/directory\/organisations\/[0-9a-f-]{36}$/);
    await page.getByTestId('page-title').filter({ hasText: orgName }).waitFor();
    expect(await page.getByTestId('org-country').textContent()).toContain('Vietnam');
    expect(await page.getByText('Vietnam Cybersecurity Emergency Response Teams').count()).toBeGreaterThan(0);
    await shot('05-organisation-detail');
  });

  it('creates an in-person site for it in Asia/Ho_Chi_Minh', async () => {
    await page.getByTestId('nav-sites').click();
    await page.getByTestId('site-table').waitFor();
    await page.getByTestId('site-create').click();
    await page.waitForURL(/\/directory\/sites\/new$/);

    await choose('site-organisation', suffix, orgName);
    await page.getByTestId('site-name').fill(siteName);
    await page.getByTestId('site-city').fill('Hanoi');
    await choose('site-timezone', 'Ho_Chi', /Asia\/Ho_Chi_Minh/);
    await page.getByTestId('site-mode').getByText('In person').click();
    await shot('06-site-form');

    await page.getByTestId('site-submit').click();
    await page.waitForURL(/\/directory\/sites\/[0-9a-f-]{36}$/);
    await page.getByTestId('page-title').filter({ hasText: siteName }).waitFor();
    expect(await page.getByTestId('site-timezone-value').textContent()).toContain('Asia/Ho_Chi_Minh');
    expect(await page.getByText('In person').count()).toBeGreaterThan(0);
    await shot('07-site-detail');
  });

  it('finds both through the list search', async () => {
    await page.getByTestId('nav-organisations').click();
    await page.waitForURL(/\/directory\/organisations$/);
    // The URL changes before the new page renders; typing earlier would go to the old page's box.
    await page.getByTestId('org-table').waitFor();
    await page.getByTestId('list-search').fill(suffix);
    await page.waitForURL(new RegExp(`[?&]q=${suffix}`));
    const orgRows = page.getByTestId('org-table').locator('tbody tr');
    // The previous page stays on screen while the search runs, so wait for the answer, not a row.
    await expect.poll(() => orgRows.count()).toBe(1);
    await orgRows.filter({ hasText: orgName }).waitFor();
    expect(await orgRows.first().textContent()).toContain('Ministry');
    await shot('08-organisation-search');

    await page.getByTestId('nav-sites').click();
    await page.waitForURL(/\/directory\/sites$/);
    await page.getByTestId('site-table').waitFor();
    await page.getByTestId('list-search').fill(suffix);
    await page.waitForURL(new RegExp(`[?&]q=${suffix}`));
    const siteRows = page.getByTestId('site-table').locator('tbody tr');
    await expect.poll(() => siteRows.count()).toBe(1);
    await siteRows.filter({ hasText: siteName }).waitFor();
    expect(await siteRows.first().textContent()).toContain(orgName);
    await shot('09-site-search');
  });

  it('switches the console to Vietnamese and remembers it', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-vi').click();
    await page.getByTestId('nav-directory').filter({ hasText: 'Danh bạ' }).waitFor();

    expect(await page.getByTestId('nav-directory').textContent()).toContain('Danh bạ');
    expect(await page.getByTestId('nav-organisations').textContent()).toContain('Tổ chức');
    expect(await page.getByTestId('nav-sites').textContent()).toContain('Địa điểm');
    expect(await page.getByTestId('nav-drills').textContent()).toContain('Diễn tập');
    expect(await page.getByTestId('nav-incidents').textContent()).toContain('Sự cố');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.evaluate('localStorage.getItem("kizuna.lang")')).toBe('vi');
    await shot('10-vietnamese');

    // The choice is on the user's profile too, so another browser opens in Vietnamese.
    const savedLocale = () =>
      page.evaluate(async () => ((await (await fetch('/api/v1/auth/me')).json()) as { user: { locale: string } }).user.locale);
    await expect.poll(savedLocale).toBe('vi');

    await page.reload();
    await page.getByTestId('nav-directory').filter({ hasText: 'Danh bạ' }).waitFor();
    await page.getByTestId('site-table').locator('tbody tr').filter({ hasText: siteName }).waitFor();
    expect(await page.getByTestId('site-table').textContent()).toContain('Trực tiếp');
    await shot('11-vietnamese-after-reload');
  });
});
