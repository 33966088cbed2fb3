import { test, expect, type Page } from '@playwright/test';
import { openApp } from './support';

// Screens outside the catalogue download their code (an area's Wasm chunk) when first visited.
// As a citizen in a hall with a dropping network meets it: the page's frame shows at once, a
// chunk that does not arrive says so with 重试 in place of the page, and 重试 brings the page.

/** Every chunk of the split build (not the main module, lianban_bg.wasm). */
const CHUNKS = /\/pkg\/[0-9a-f]{16}\/(?!lianban_bg)[^/]+\.wasm$/;

function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) seen.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  return seen;
}

test('the home page downloads no chunk; booking downloads its own and no other', async ({ page }) => {
  const wasm = wasmRequests(page);
  await openApp(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: '市民办事，一网通办' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual(['lianban_bg.wasm']);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '大厅' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  await page.goto('/appointments/new');
  await expect(page.getByRole('heading', { level: 2, name: '选择办事大厅' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const booking = wasm.filter((f) => f !== 'lianban_bg.wasm');
  expect(booking.some((f) => f.includes('booking'))).toBeTruthy();
  expect(booking.some((f) => f.includes('apply') || f.includes('account'))).toBeFalsy();
});

test('while a chunk downloads the page shows its frame, not an empty area', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(CHUNKS, async (route) => {
    await held;
    await route.continue();
  });
  await openApp(page, '/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  // The frame: the page's heading and a loading line, under the header and above the tab bar.
  await expect(page.getByRole('heading', { level: 1, name: '我的' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('正在加载…');
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  release();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /登录/ }).first()).toBeVisible();
});

test('a chunk that does not arrive says so, and 重试 brings the page', async ({ page }) => {
  await page.route(CHUNKS, (route) => route.abort('internetdisconnected'));
  await openApp(page, '/halls');
  await page.goto('/appointments/new');
  await expect(page.getByRole('button', { name: '长辈版', exact: true })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: '页面没有打开' })).toBeVisible();
  await expect(alert).toContainText('您已经填写的内容都保存在这部手机上');
  await expect(alert).toContainText('12345');
  // Still failing: the message stays, the app keeps working.
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(alert.getByRole('heading', { name: '页面没有打开' })).toBeVisible();
  await page.unroute(CHUNKS);
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: '选择办事大厅' })).toBeVisible();
});

test('what a citizen typed stays when the next screen cannot download', async ({ page }) => {
  await openApp(page, '/themes/open-restaurant');
  await page.getByRole('link', { name: '开始办理' }).click();
  await expect(page.getByText('第1题，共5题')).toBeVisible();
  await page.getByLabel('以个体工商户身份经营', { exact: true }).check();
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('第2题，共5题')).toBeVisible();
  await page.getByLabel('店面是租赁的', { exact: true }).check();

  await page.route(CHUNKS, (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  await expect(page.getByRole('alert').getByRole('heading', { name: '页面没有打开' })).toBeVisible();
  await page.goBack();
  await expect(page.getByText('第2题，共5题')).toBeVisible();
  await expect(page.getByLabel('店面是租赁的', { exact: true })).toBeChecked();
  await page.getByRole('link', { name: '上一题' }).click();
  await expect(page.getByLabel('以个体工商户身份经营', { exact: true })).toBeChecked();
});
