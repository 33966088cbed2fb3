import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { bookedForToday, DEMO_CLERK, logIn, logInClerk, openApp, projectIndex as project, scan } from './support';

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

// 窗口签到: a citizen books at 荆州市民之家 (the demo clerks' hall) and shows the 签到码; the
// clerk types it. The e2e server runs on the real clock and booking opens from the next
// working day, so the booked day is never today here: the clerk reads the server's reason in
// words (这个预约是…的，不是今天); an unknown code is refused in words too.
/**
 * Books an open slot of 综合窗口 at 荆州市民之家 as this phone, the day's first or (so that
 * parallel tests share no slot of five places) its last; returns the 签到码.
 */
async function bookCityCentre(page: Page, request: APIRequestContext, phone: string, which: 'first' | 'last' = 'first'): Promise<string> {
  await openApp(page, '/appointments/new');
  await expect(page.getByRole('heading', { level: 2, name: '选择办事大厅' })).toBeVisible();
  await page.getByRole('link', { name: '荆州市民之家（市政务服务中心）' }).click();
  await page.getByRole('link', { name: '综合窗口' }).click();
  const days = page.getByRole('group', { name: '选择日期' });
  await days.getByRole('button', { name: /余 \d+ 个/ }).first().click();
  await page.getByRole('group', { name: '选择时段' }).getByRole('button', { name: /剩余 \d+ 个$/ })[which]().click();
  await page.getByRole('button', { name: '下一步：确认预约' }).click();
  await logIn(page, request, phone);
  await page.getByRole('button', { name: '提交预约' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '签到码' })).toBeVisible();
  await expect(page).toHaveURL(/\/appointments\/\d+$/);
  return (await page.getByText(/^[2-9A-HJKMNP-Z]{8}$/).textContent())!.trim();
}

test('窗口签到: the 签到码 typed, the server\'s answer in words next to the field; today\'s booking 已签到, a missed one 未到 only when confirmed', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(150_000);
  const p = project(testInfo);
  const code = await bookCityCentre(page, request, `1374100${p}001`);
  const mine = page.url();
  // A second citizen, whose booking (moved to today below) is over and who did not come.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  const missed = await bookCityCentre(other, other.request, `1374100${p}002`, 'last');

  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await openApp(clerk, '/clerk/login');
  await logInClerk(clerk);
  await clerk.getByRole('link', { name: '窗口签到' }).click();
  await expect(clerk.getByRole('heading', { level: 1, name: '窗口签到' })).toBeVisible();
  await expect(clerk.getByRole('heading', { level: 2, name: '今日预约' })).toBeVisible();
  // Nothing typed: said next to the field.
  await clerk.getByRole('button', { name: '签到', exact: true }).click();
  await expect(clerk.getByLabel('签到码')).toHaveAccessibleDescription(/请输入签到码/);
  // An unknown code.
  await clerk.getByLabel('签到码').fill('ZZZZ2222');
  await clerk.getByRole('button', { name: '签到', exact: true }).click();
  await expect(clerk.getByLabel('签到码')).toHaveAccessibleDescription(/没有这个签到码/);
  await expect(clerk).toHaveTitle(/^错误：/);
  // The citizen's code, booked for another day: the server says which.
  await clerk.getByLabel('签到码').fill(code.toLowerCase());
  await clerk.getByRole('button', { name: '签到', exact: true }).click();
  await expect(clerk.getByLabel('签到码')).toHaveAccessibleDescription(/不是今天/);
  // No camera in this browser: typing is the way, and nothing fails without BarcodeDetector.
  const hasDetector = await clerk.evaluate(() => 'BarcodeDetector' in window);
  await expect(clerk.getByRole('button', { name: '扫码' })).toHaveCount(hasDetector ? 1 : 0);

  // The day comes: both bookings are today's, the second one's time already over.
  bookedForToday(code);
  bookedForToday(missed, true);
  await clerk.reload();
  await expect(clerk.getByRole('heading', { level: 2, name: '今日预约' })).toBeVisible();
  const todays = (c: string) => clerk.getByRole('listitem').filter({ hasText: c });
  await expect(todays(code).getByText('待签到', { exact: true })).toBeVisible();
  await expect(todays(code).getByRole('button', { name: /^登记未到/ })).toHaveCount(0);
  // The code typed as the citizen shows it: checked in, said at the top and in the day's list.
  await clerk.getByLabel('签到码').fill(code);
  await clerk.getByRole('button', { name: '签到', exact: true }).click();
  await expect(clerk.getByRole('status').filter({ hasText: /^已签到：/ })).toBeVisible();
  await expect(clerk.getByLabel('签到码')).toHaveValue('');
  await expect(todays(code).getByText('已签到', { exact: true })).toBeVisible();
  await expect(todays(code).getByRole('button', { name: /^登记未到/ })).toHaveCount(0);
  // Twice is refused in words: it is already checked in.
  await clerk.getByLabel('签到码').fill(code);
  await clerk.getByRole('button', { name: '签到', exact: true }).click();
  await expect(clerk.getByLabel('签到码')).toHaveAccessibleDescription(/已经签到过了/);
  // The citizen sees it on their appointment.
  await page.goto(mine);
  await expect(page.getByText('已签到', { exact: true }).first()).toBeVisible();

  // The one who did not come: recorded only after the clerk confirms, never by itself.
  const row = todays(missed);
  if (testInfo.project.name === 'phone') await scan(clerk, '今日预约');
  await row.getByRole('button', { name: /^登记未到/ }).click();
  const sure = row.getByRole('alertdialog', { name: '确认登记未到？' });
  await expect(sure).toBeVisible();
  await sure.getByRole('button', { name: '返回修改' }).click();
  await expect(row.getByRole('alertdialog')).toHaveCount(0);
  await row.getByRole('button', { name: /^登记未到/ }).click();
  await row.getByRole('alertdialog').getByRole('button', { name: '确认未到' }).click();
  await expect(todays(missed).getByText('未到（已登记）', { exact: true })).toBeVisible();
  await otherContext.close();
  await clerkContext.close();
});
