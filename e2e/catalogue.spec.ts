import { test, expect, type Page } from '@playwright/test';
import { openApp } from './support';

// The service catalogue as a citizen on a phone uses it: found by role and label, never by
// CSS class. Runs in every project of playwright.config.ts (phone, iPhone, WeChat).

test('search 营业执照, open a guide, see its materials, reload the deep link', async ({ page }) => {
  await openApp(page, '/');
  const search = page.getByRole('searchbox', { name: '搜索事项' });
  await search.fill('营业执照');
  await search.press('Enter');

  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('营业执照');
  const results = page.getByRole('region', { name: '事项' });
  const first = results.getByRole('heading', { level: 3 }).getByRole('link').first();
  await expect(first).toBeVisible();
  const name = (await first.textContent())!.trim();
  await first.click();

  await expect(page).toHaveURL(/\/matters\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();
  const materials = page.getByRole('list', { name: '申请材料' });
  await expect(materials.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(name.replace(/[()（）]/g, '.')));

  // A deep link survives a reload (a QR code, a shared link).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^\d[\d-]*$/ }).first()).toHaveAttribute('href', /^tel:/);
});

test('an unknown matter code and an unknown path show the not-found page', async ({ page }) => {
  await openApp(page, '/matters/NO-SUCH-CODE');
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '市民办事，一网通办' })).toBeVisible();

  await openApp(page, '/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
});

test('the halls are listed and a hall page shows its address', async ({ page, request }) => {
  const halls = await (await request.get('/api/v1/halls')).json();
  expect(halls.items.length).toBeGreaterThan(0);
  const hall = halls.items[0];

  await openApp(page, '/halls');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: '主导航' });
  await expect(tabs.getByRole('link', { name: '大厅' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveCount(halls.items.length);

  await page.getByRole('link', { name: hall.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: hall.name })).toBeVisible();
  await expect(page.getByText(hall.address, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '可办理事项' })).toBeVisible();
});

test('the home page offers the theme 我要开饭店', async ({ page }) => {
  await openApp(page, '/');
  const theme = page.getByRole('link', { name: /我要开饭店/ });
  await expect(theme).toBeVisible();
  await theme.click();
  await expect(page.getByRole('heading', { level: 1, name: '我要开饭店' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '可能涉及的事项' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '办理须知' })).toBeVisible();
});

test('offline: the painted home page needs no request; a page the app loads says so and 重试 loads it', async ({ page }) => {
  await page.route('**/api/v1/**', (route) => route.abort());
  await openApp(page, '/');
  // The server painted the home page with its content, and the app read it from the page.
  await expect(page.getByRole('link', { name: /我要开饭店/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('link', { name: '全部一件事' }).click();
  await expect(page).toHaveURL(/\/themes$/);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/暂时无法连接服务|网络未连接/);
  const retry = page.getByRole('button', { name: '重试' });
  await expect(retry).toBeVisible();

  await page.unroute('**/api/v1/**');
  await retry.click();
  await expect(page.getByRole('link', { name: /我要开饭店/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('elder mode is a switch that survives a reload', async ({ page }) => {
  await openApp(page, '/');
  const toggle = page.getByRole('button', { name: '长辈版', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const before = await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).fontSize);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-elder', '');
  await page.reload();
  await expect(page.getByRole('button', { name: '长辈版', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const after = await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).fontSize);
  expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
});
