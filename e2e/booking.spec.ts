import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { logIn, openApp, projectIndex, scan } from './support';

// 预约办理 as a citizen on a phone does it: choose a hall, a window and a slot, log in on the
// way, book, see the check-in code and its QR code, find it in 我的预约, 改约, 取消.
// The e2e server runs on the real clock, so the days and slots are whatever the UI offers.
// One SMS code per number a minute: each project logs in with its own fresh number.

function phoneFor(testInfo: TestInfo, slot: number): string {
  const p = projectIndex(testInfo);
  return `1370001${p}${String(slot).padStart(3, '0')}`;
}

/** On the slot step: picks the `day`th bookable day and its first free slot; returns its name. */
async function pickSlot(page: Page, day: number): Promise<string> {
  await expect(page.getByRole('heading', { level: 2, name: '选择日期和时段' })).toBeVisible();
  const days = page.getByRole('group', { name: '选择日期' });
  const dayButton = days.getByRole('button', { name: /余 \d+ 个/ }).nth(day);
  await dayButton.click();
  await expect(dayButton).toHaveAttribute('aria-pressed', 'true');
  const slots = page.getByRole('group', { name: '选择时段' });
  const slot = slots.getByRole('button', { name: /^\d\d:\d\d–\d\d:\d\d 剩余 \d+ 个$/ }).first();
  const name = (await slot.textContent()) ?? '';
  // Keyboard works as well as a tap: focus it and press Space.
  await slot.focus();
  await page.keyboard.press('Space');
  await expect(slot).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '下一步：确认预约' }).click();
  return name.slice(0, 11);
}

test('book a slot, see the check-in code, reschedule and cancel it in 我的预约', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = phoneFor(testInfo, 1);
  await openApp(page, '/appointments');
  await expect(page.getByRole('heading', { level: 1, name: '预约办理' })).toBeVisible();
  await page.getByRole('link', { name: '开始预约' }).click();

  await expect(page.getByRole('heading', { level: 2, name: '选择办事大厅' })).toBeVisible();
  await page.getByRole('link', { name: '荆州市民之家（市政务服务中心）' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '选择业务类别' })).toBeVisible();
  await page.getByRole('link', { name: '综合窗口' }).click();
  const time = await pickSlot(page, 0);

  // Confirmation needs login, and comes back after it.
  await expect(page).toHaveURL(/\/login\?next=/);
  await logIn(page, request, phone);
  await expect(page).toHaveURL(/\/appointments\/confirm\?/);
  await expect(page.getByRole('heading', { level: 1, name: '确认预约' })).toBeVisible();
  await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`)).toBeVisible();
  await expect(page.getByText(time)).toBeVisible();
  await page.getByRole('button', { name: '提交预约' }).click();

  await expect(page).toHaveURL(/\/appointments\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: '预约详情' })).toBeVisible();
  await expect(page.getByText('预约成功，请按时到场。')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '签到码' })).toBeVisible();
  await expect(page.getByText(/^[2-9A-HJKMNP-Z]{8}$/)).toBeVisible();
  await expect(page.getByRole('img', { name: '预约签到二维码' })).toBeVisible();
  await expect(page.getByText('湖北省荆州市沙市区北京西路389号')).toBeVisible();
  const ics = page.getByRole('link', { name: '添加到手机日历' });
  await expect(ics).toHaveAttribute('href', /^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR/);
  if (testInfo.project.name === 'phone') await scan(page, 'appointment');

  // A reload keeps the page (its own URL), and a replayed submit cannot double-book.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: '签到码' })).toBeVisible();

  await page.getByRole('link', { name: '返回我的预约' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '我的预约' })).toBeVisible();
  await expect(page.getByText('近30天预约未到：0 次')).toBeVisible();
  const booked = page.getByRole('listitem').filter({ hasText: '待办理' });
  await expect(booked).toHaveCount(1);
  await expect(booked.getByRole('link', { name: new RegExp(time) })).toBeVisible();
  if (testInfo.project.name === 'phone') await scan(page, '我的预约');

  // 改约: same hall and window, another day.
  await booked.getByRole('link', { name: '改约' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '改约' })).toBeVisible();
  await pickSlot(page, 1);
  await expect(page.getByRole('heading', { level: 1, name: '确认改约' })).toBeVisible();
  await page.getByRole('button', { name: '确认改约' }).click();
  await expect(page).toHaveURL(/\/appointments\/\d+$/);
  await expect(page.getByRole('img', { name: '预约签到二维码' })).toBeVisible();

  await page.getByRole('link', { name: '返回我的预约' }).click();
  const upcoming = page.getByRole('listitem').filter({ hasText: '待办理' });
  await expect(upcoming).toHaveCount(1);
  await expect(page.getByRole('listitem').filter({ hasText: '已取消' })).toHaveCount(1);

  // 取消 asks first; 暂不取消 keeps it.
  await upcoming.getByRole('button', { name: '取消预约' }).click();
  const dialog = page.getByRole('alertdialog', { name: '确定取消这个预约吗？' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: '暂不取消' })).toBeFocused();
  await dialog.getByRole('button', { name: '暂不取消' }).click();
  await expect(dialog).toHaveCount(0);
  await upcoming.getByRole('button', { name: '取消预约' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确定取消' }).click();
  await expect(page.getByText('暂无待办理的预约。')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '已取消' })).toHaveCount(2);
});

test('a matter guide books with its category preset and only its halls', async ({ page }) => {
  test.skip(test.info().project.name !== 'phone', 'navigation checks once');
  const matters = await (await page.request.get('/api/v1/matters?per_page=1')).json();
  const code = matters.items[0].code;
  const detail = await (await page.request.get(`/api/v1/matters/${code}`)).json();
  await openApp(page, `/matters/${code}`);
  await page.getByRole('link', { name: '预约办理' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '选择办事大厅' })).toBeVisible();
  await expect(page.getByText(detail.matter.name, { exact: true })).toBeVisible();
  const names = page.getByRole('heading', { level: 3 }).getByRole('link');
  await expect(names).toHaveCount(detail.halls.length);
  await names.first().click();
  // The category came from the guide: straight to the slots.
  await expect(page.getByRole('heading', { level: 2, name: '选择日期和时段' })).toBeVisible();
  await expect(page.getByText(detail.category.name, { exact: true })).toBeVisible();
});
