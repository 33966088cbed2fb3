import { test, expect, type Page } from '@playwright/test';
import { idNumber, logInClerk, logInVerified, openApp, projectIndex as project, submitRestaurant } from './support';

// A case's life as the citizen and the window clerk live it, each in their own browser: the
// citizen submits 我要开饭店; a clerk of 市场监管局 accepts 食品经营许可, starts the review and
// asks for a supplement; the citizen sees the message count, the message and the items, and
// confirms 已按要求补正; the clerk reviews again and approves; the citizen sees 已办结. The
// public 办件查询 shows the timeline for number and code and refuses a wrong code in words.
// Found by role and label. Each project has its own citizen.

const FOOD = '食品经营许可（新办）';

type SubCase = { number: string; matter_name: string; status: string };

async function subCase(page: Page, number: string): Promise<SubCase> {
  const answer = await page.request.get(`/api/v1/applications/${number}`);
  expect(answer.ok()).toBeTruthy();
  const app = await answer.json();
  return app.sub_cases.find((s: SubCase) => s.matter_name === FOOD);
}

/** On a clerk's case page: takes an action (after its input, if any) through its confirmation. */
async function act(clerk: Page, button: string, confirm: string, fill?: () => Promise<void>) {
  await clerk.getByRole('region', { name: '办理' }).getByRole('button', { name: button, exact: true }).click();
  if (fill) {
    await fill();
    await clerk.getByRole('button', { name: '下一步' }).click();
  }
  const dialog = clerk.getByRole('alertdialog');
  await expect(dialog.getByRole('heading', { name: `${confirm}？` })).toBeVisible();
  await dialog.getByRole('button', { name: confirm }).click();
  await expect(clerk.getByRole('status').filter({ hasText: `已办理：${button}` })).toBeVisible();
}

test('a case from submit to 已办结: accept, a supplement asked and given, approve; 办件查询 by number and code', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(240_000);
  const p = project(testInfo);
  await logInVerified(page, request, `1374000${p}001`, '林晓燕', idNumber('19880808', 600 + p));
  const number = await submitRestaurant(page, idNumber('19910101', 700 + p));
  const code = (await (await page.request.get(`/api/v1/applications/${number}`)).json()).query_code as string;

  // 我的办件 lists it; its page has every sub-case, none acted on yet.
  await page.getByRole('link', { name: '查看办理进度' }).click();
  await expect(page).toHaveURL(new RegExp(`/me/cases/${number}$`));
  await expect(page.getByRole('heading', { level: 1, name: '我要开饭店' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: FOOD })).toBeVisible();
  await openApp(page, '/me/cases');
  await expect(page.getByRole('heading', { level: 1, name: '我的办件' })).toBeVisible();
  await expect(page.getByRole('link', { name: '我要开饭店' }).first()).toHaveAttribute('href', `/me/cases/${number}`);

  // The clerk, in a browser of their own, accepts, reviews and asks for a supplement.
  const sub = await subCase(page, number);
  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await openApp(clerk, '/clerk/login');
  await logInClerk(clerk);
  await openApp(clerk, `/clerk/cases/${sub.number}`);
  await expect(clerk.getByRole('heading', { level: 1, name: FOOD })).toBeVisible();
  await expect(clerk.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();
  await expect(clerk.getByRole('link', { name: /^下载：/ }).first()).toBeVisible();
  await act(clerk, '受理', '确认受理');
  await act(clerk, '开始审查', '确认开始审查');
  await act(clerk, '要求补正', '确认要求补正', async () => {
    // At least one item: an empty one is refused next to its field.
    await clerk.getByRole('button', { name: '下一步' }).click();
    await expect(clerk.getByText('请填写材料或事项名称').first()).toBeVisible();
    await clerk.getByLabel('补正类型').selectOption({ label: '不清晰' });
    await clerk.getByLabel('材料或事项名称').fill('房屋租赁合同');
    await clerk.getByLabel('补正要求').fill('照片模糊，请上传清晰的合同全部页面');
  });
  await expect(clerk.getByText('待补正').first()).toBeVisible();

  // The citizen: the unread count on 我的, the message, the items on the case page.
  await openApp(page, '/me');
  const messages = page.getByRole('link', { name: /^消息（\d+条未读）$/ });
  await expect(messages).toBeVisible();
  await messages.click();
  await expect(page.getByRole('heading', { level: 1, name: '消息中心' })).toBeVisible();
  const request_ = page.getByRole('listitem').filter({ hasText: '请补正材料' });
  await expect(request_.getByText('未读')).toBeVisible();
  await request_.getByText('请补正材料').click();
  await expect(request_.getByText(/需要补正材料/)).toBeVisible();
  await expect(request_.getByText('未读')).toHaveCount(0);
  await request_.getByRole('link', { name: '查看办件' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '我要开饭店' })).toBeVisible();
  const supplement = page.getByRole('region', { name: '需要补正的内容' });
  await expect(supplement.getByText('不清晰')).toBeVisible();
  await expect(supplement.getByText('房屋租赁合同')).toBeVisible();
  await expect(supplement.getByText(/照片模糊，请上传清晰的合同全部页面/)).toBeVisible();
  await page.getByRole('button', { name: '已按要求补正' }).click();
  const confirm = page.getByRole('alertdialog', { name: '确认已按要求补正？' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: '确认已补正' }).click();
  await expect(page.getByText('已补正，待审查').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '已按要求补正' })).toHaveCount(0);

  // The clerk reviews again and approves.
  await clerk.reload();
  await expect(clerk.getByRole('heading', { level: 1, name: FOOD })).toBeVisible();
  await act(clerk, '开始审查', '确认开始审查');
  await act(clerk, '准予办结', '确认准予办结', async () => {
    await clerk.getByLabel('办理结果').fill('食品经营许可证 JY14210020000123');
  });

  // The citizen sees it concluded.
  await page.reload();
  const food = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: FOOD }) });
  await expect(food.getByText('已办结', { exact: true })).toBeVisible();
  await expect(food.getByText('食品经营许可证 JY14210020000123').first()).toBeVisible();

  // 办件查询, in a browser without any login: the timeline for number and code; a wrong
  // code is refused in words, next to the field.
  const visitor = await clerkContext.browser()!.newContext();
  const anyone = await visitor.newPage();
  await openApp(anyone, `/track?number=${number}`);
  await expect(anyone.getByRole('heading', { level: 1, name: '办件查询' })).toBeVisible();
  await expect(anyone.getByLabel('办件编号')).toHaveValue(number);
  const wrong = code === '222222' ? '333333' : '222222';
  await anyone.getByLabel('查询码').fill(wrong);
  await anyone.getByRole('button', { name: '查询', exact: true }).click();
  await expect(anyone.getByRole('heading', { level: 2, name: '请修改以下问题' })).toBeVisible();
  await expect(anyone.getByLabel('查询码')).toHaveAttribute('aria-invalid', 'true');
  await expect(anyone).toHaveTitle(/^错误：/);
  await anyone.getByLabel('查询码').fill(code);
  await anyone.getByRole('button', { name: '查询', exact: true }).click();
  await expect(anyone.getByRole('heading', { level: 2, name: '查询结果' })).toBeVisible();
  const tracked = anyone.getByRole('listitem').filter({ has: anyone.getByRole('heading', { level: 3, name: FOOD }) });
  await expect(tracked.getByText('已办结', { exact: true })).toBeVisible();
  const timeline = tracked.getByRole('list', { name: '办理过程' });
  await expect(timeline.getByText('受理', { exact: true })).toBeVisible();
  await expect(timeline.getByText('要求补正', { exact: true })).toBeVisible();
  await expect(timeline.getByText('已按要求补正', { exact: true })).toBeVisible();

  // The receipt's QR code carries both: the case opens at once.
  await openApp(anyone, `/track?number=${number}&code=${code}`);
  await expect(anyone.getByRole('heading', { level: 2, name: '查询结果' })).toBeVisible();
  await visitor.close();
  await clerkContext.close();
});
