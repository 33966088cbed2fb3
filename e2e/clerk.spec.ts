import { test, expect } from '@playwright/test';
import { DEMO_CLERK, logIn, logInClerk, openApp, projectIndex as project } from './support';

// 窗口工作台 as a window clerk meets it: its own login (a citizen's session never opens it),
// the errors in words next to the field, the work list with its status filter, 退出登录.
// The case's actions are in tracking.spec.ts, where a citizen's case moves.

test('a citizen logged in on this phone still meets the clerk login at /clerk', async ({ page, request }, testInfo) => {
  await openApp(page, '/login?next=%2Fme');
  await logIn(page, request, `1374000${project(testInfo)}002`);
  await expect(page.getByRole('heading', { level: 1, name: '我的' })).toBeVisible();
  await openApp(page, '/clerk');
  await expect(page).toHaveURL(/\/clerk\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: '窗口人员登录' })).toBeVisible();
  expect([401, 403]).toContain((await page.request.get('/api/v1/clerk/sub-cases')).status());
});

test('the clerk login says what is wrong next to the field, then the work list, then 退出登录', async ({ page }, testInfo) => {
  await openApp(page, '/clerk/login');
  await expect(page.getByRole('heading', { level: 1, name: '窗口人员登录' })).toBeVisible();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: '请修改以下问题' })).toBeVisible();
  await expect(page.getByLabel('用户名')).toHaveAccessibleDescription('请输入用户名');
  await expect(page.getByLabel('密码')).toHaveAccessibleDescription('请输入密码');

  // A wrong password, on an account of its own per project so no other test meets a lock.
  const username = ['gaj.demo', 'wjw.demo', 'rsj.demo'][project(testInfo)];
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByLabel('密码')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('密码')).toHaveAccessibleDescription(/\S/);
  await expect(page).toHaveTitle(/^错误：/);

  await logInClerk(page, DEMO_CLERK.username, DEMO_CLERK.password);
  await expect(page.getByText(/荆州市市场监督管理局/).first()).toBeVisible();
  const filter = page.getByLabel('办件状态');
  await expect(filter).toHaveValue('open');
  await filter.selectOption({ label: '全部办件（含已办结）' });
  await expect(page).toHaveURL(/\/clerk\?status=all$/);
  // A count, or (before any case was submitted in this run) the empty list in words.
  await expect(page.getByText(/^(共\d+件|没有符合条件的办件。)$/)).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '窗口人员登录' })).toBeVisible();
  await openApp(page, '/clerk');
  await expect(page).toHaveURL(/\/clerk\/login$/);
});
