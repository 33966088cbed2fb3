import { test, expect, type Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApp, logIn, projectIndex } from './support';

// The app under its own Content-Security-Policy (issue 9): no page may be refused a script,
// a style, an image or a request it needs, in any project (the iPhone profile gets the
// policy for old WebKit, the others the current one). A violation shows up twice: as a
// `securitypolicyviolation` event and as a console message; both are collected.

/** Starts collecting violations on every document the page opens. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  // Init scripts come through the browser's debugging protocol, which the policy does not
  // govern; the listener records what the page itself was refused.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return async () => {
    const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    return [...events, ...console];
  };
}

const PAGES = [
  '/',
  '/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7',
  '/themes',
  '/halls',
  '/departments',
  '/appointments/new',
  '/track',
  '/login',
  '/no/such/page',
];

test('the main pages load under the policy without a violation', async ({ page }) => {
  const violations = await watchPolicy(page);
  const first = await page.goto('/');
  const policy = first!.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  for (const path of PAGES) {
    await openApp(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('正在加载')).toHaveCount(0);
    expect(await violations(), path).toEqual([]);
  }
});

test('a guide, a theme and a hall reached by clicking, and elder mode, without a violation', async ({ page, request }) => {
  const violations = await watchPolicy(page);
  await openApp(page, '/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7');
  await page.getByRole('region', { name: '事项' }).getByRole('heading', { level: 3 }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();

  await openApp(page, '/');
  await page.getByRole('link', { name: /我要开饭店/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我要开饭店' })).toBeVisible();

  const hall = (await (await request.get('/api/v1/halls?per_page=1')).json()).items[0];
  await openApp(page, '/halls');
  await page.getByRole('link', { name: hall.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: hall.name })).toBeVisible();

  // Elder mode is switched before the first paint by index.html's own inline script.
  const elder = page.getByRole('button', { name: '长辈版', exact: true });
  if ((await elder.getAttribute('aria-pressed')) !== 'true') await elder.click();
  await expect(elder).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-elder', '');
  await expect(page.getByRole('button', { name: '长辈版', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(await violations()).toEqual([]);
});

test('logging in and the personal pages, without a violation', async ({ page, request }, testInfo) => {
  const violations = await watchPolicy(page);
  await openApp(page, '/login');
  // Its own numbers (1372000P001): one code a minute per number, three projects at once.
  await logIn(page, request, `1372000${projectIndex(testInfo)}001`);
  await expect(page).not.toHaveURL(/\/login/);
  for (const path of ['/me', '/me/identity', '/me/drafts', '/appointments']) {
    await openApp(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('正在加载')).toHaveCount(0);
  }
  expect(await violations()).toEqual([]);
});

test('another site cannot frame the app; the app itself can', async ({ page, baseURL }) => {
  test.skip(test.info().project.name !== 'phone', 'the frame rule once, on the phone profile');
  const heading = { level: 1, name: '市民办事，一网通办' } as const;
  const frame = async (src: string, title: string) => {
    await page.evaluate(([src, title]) => {
      const f = document.createElement('iframe');
      f.src = src;
      f.title = title;
      document.body.append(f);
      return new Promise((done) => f.addEventListener('load', done));
    }, [src, title]);
    return page.frameLocator(`iframe[title=${title}]`).getByRole('heading', heading);
  };
  // Same origin: allowed by frame-ancestors 'self'.
  await openApp(page, '/no/such/page');
  await expect(await frame('/', 'self')).toBeVisible();

  // A clickjacking page: another origin (a server of the test's own on another port of this
  // machine, so that the browser's local-network rules do not stop the frame first) with no
  // policy of its own. The browser refuses to show the app in its frame.
  const attacker = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>prize</title><p>Click!</p>');
  });
  await new Promise<void>((listening) => attacker.listen(0, '127.0.0.1', listening));
  const { port } = attacker.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  const shown = await frame(`${baseURL}/`, 'other');
  const refused = await page.locator('iframe[title=other]').elementHandle();
  // Chromium puts its error page in a frame it refused.
  await expect.poll(async () => (await refused!.contentFrame())?.url()).toMatch(/^chrome-error:/);
  await expect(shown).toHaveCount(0);
  attacker.close();
});
