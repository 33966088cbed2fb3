import { test, expect, type Page } from '@playwright/test';
import { idNumber, logInVerified, openApp, PNG, projectIndex as project, wrongCheck } from './support';

// 一事联办 as a citizen on a phone does it: 我要开饭店 answered so that four matters apply,
// the 一次告知单, the combined form with a wrong identity number fixed after its message, the
// lease uploaded once for two matters, a reload halfway, one submit and the receipt with four
// sub-cases; then 新生儿出生一件事, whose different answers give a different checklist.
// Found by role and label. One SMS code per number a minute: each project has its own number.

async function answer(page: Page, progress: string, choice: string) {
  await expect(page.getByText(progress)).toBeVisible();
  await page.getByLabel(choice, { exact: true }).check();
  await page.getByRole('button', { name: '下一题' }).click();
}

test('open a restaurant: four matters, one form, the lease once, a reload, one submit', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const p = project(testInfo);
  await logInVerified(page, request, `1371000${p}001`, '陈小春', idNumber('19850412', 300 + p));

  // The theme offers to start; the questionnaire asks one question at a time.
  await openApp(page, '/themes/open-restaurant');
  await expect(page.getByRole('heading', { level: 1, name: '我要开饭店' })).toBeVisible();
  await page.getByRole('link', { name: '开始办理' }).click();
  await expect(page).toHaveURL(/\/themes\/open-restaurant\/apply/);
  await answer(page, '第1题，共5题', '以个体工商户身份经营');
  await answer(page, '第2题，共5题', '店面是租赁的');
  // Back keeps the answer given; forward again.
  await page.getByRole('link', { name: '上一题' }).click();
  await expect(page.getByLabel('店面是租赁的', { exact: true })).toBeChecked();
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('第3题，共5题')).toBeVisible();
  await page.getByLabel('店面（含后厨）建筑面积大约多少？').fill('120');
  await page.getByRole('button', { name: '下一题' }).click();
  await answer(page, '第4题，共5题', '有后厨烹饪，会产生油污废水');
  await answer(page, '第5题，共5题', '需要设置户外招牌（门头）');

  // 一次告知单: four matters, each material saying why and how it is supplied.
  await expect(page.getByRole('heading', { level: 1, name: '一次告知单' })).toBeVisible();
  await expect(page).toHaveURL(/\/checklist\?a=entity\.individual~venue\.rented~area\.120~kitchen\.cooking~needs\.signboard/);
  await expect(page.getByRole('region', { name: '办理事项（4项）' }).getByRole('heading', { level: 3 })).toHaveText([
    '个体工商户设立登记',
    '食品经营许可（新办）',
    '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批',
    '城镇污水排入排水管网许可',
  ]);
  await expect(page.getByText('因为您选择了“需要设置户外招牌（门头）”')).toBeVisible();
  const lease = page.getByRole('listitem').filter({ hasText: '用于：个体工商户设立登记、食品经营许可（新办）' }).filter({ hasText: '因为您选择了“店面是租赁的”' });
  await expect(lease).toHaveCount(1);
  await expect(lease.getByText('可容缺后补')).toBeVisible();
  await expect(page.getByText('免提交：平台已有您的电子证照')).toBeVisible();
  await expect(page.getByRole('img', { name: '告知单二维码' })).toBeVisible();
  await expect(page.getByRole('button', { name: '打印告知单' })).toBeVisible();
  await page.getByRole('button', { name: '开始填写申请' }).click();

  // 一表申请: the account's fields are shown, not asked.
  await expect(page.getByRole('heading', { level: 1, name: '申请人信息' })).toBeVisible();
  await expect(page.getByText('第1步，共2步')).toBeVisible();
  await expect(page.getByText('陈小春')).toBeVisible();
  await page.getByLabel('联系地址').fill('荆州市沙市区北京中路88号3栋501室');
  await page.getByRole('button', { name: '下一步' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '经营信息' })).toBeVisible();
  const manager = idNumber('19900307', 400 + p);
  await page.getByLabel('字号名称（店名或企业名称）').fill('荆州市沙市区老街坊餐馆');
  await page.getByLabel('经营场所地址').fill('荆州市沙市区中山路12号');
  await page.getByLabel('经营范围').fill('餐饮服务');
  await page.getByLabel('从业人员人数').fill('6');
  await page.getByLabel('经营场所建筑面积').fill('120');
  await page.getByLabel('食品安全管理员姓名').fill('王芳');
  const managerId = page.getByLabel('食品安全管理员公民身份号码');
  await managerId.fill(wrongCheck(manager));
  await page.getByLabel('招牌文字内容').fill('老街坊餐馆');
  await page.getByLabel('招牌面积').fill('6');
  await page.getByLabel('日均排水量').fill('3');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '请修改以下问题' })).toBeVisible();
  await expect(page.getByRole('link', { name: '请输入18位公民身份号码，最后一位校验码不正确' })).toBeVisible();
  await expect(managerId).toHaveAttribute('aria-invalid', 'true');
  await expect(managerId).toHaveAccessibleDescription(/最后一位校验码不正确/);
  await expect(page).toHaveTitle(/^错误：/);
  await managerId.fill(manager);
  await expect(managerId).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: '下一步' }).click();

  // Materials: the lease once, for both matters; every other upload too.
  await expect(page.getByRole('heading', { level: 1, name: '上传材料' })).toBeVisible();
  const leaseCard = page.getByRole('listitem').filter({ hasText: '用于：个体工商户设立登记、食品经营许可（新办）' });
  await expect(leaseCard).toHaveCount(1);
  await leaseCard.getByLabel(/^拍照或选择文件：/).setInputFiles({ name: 'lease.png', mimeType: 'image/png', buffer: PNG });
  await expect(leaseCard.getByText('已上传', { exact: true })).toBeVisible();
  const others = page
    .getByRole('listitem')
    .filter({ has: page.getByLabel(/^拍照或选择文件：/) })
    .filter({ hasNotText: '用于：个体工商户设立登记、食品经营许可（新办）' });
  const count = (await others.count()) + 1;
  for (let i = 0; i < count - 1; i++) {
    await others.nth(i).getByLabel(/^拍照或选择文件：/).setInputFiles({ name: `material-${i}.png`, mimeType: 'image/png', buffer: PNG });
  }
  await expect(page.getByText('已上传', { exact: true })).toHaveCount(count);
  await expect(page.getByText(/正在上传/)).toHaveCount(0);

  // Halfway, the page is reloaded: nothing is lost.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '上传材料' })).toBeVisible();
  await expect(leaseCard.getByText('lease.png')).toBeVisible();
  await expect(page.getByText('已上传', { exact: true })).toHaveCount(count);
  // The theme now offers to continue rather than start a second application.
  await openApp(page, '/themes/open-restaurant');
  await expect(page.getByRole('heading', { level: 3, name: '您有一份未完成的申请' })).toBeVisible();
  await page.getByRole('link', { name: '继续办理' }).click();
  await expect(page).toHaveURL(/\/apply\/materials$/);
  await page.getByRole('link', { name: '上一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '经营信息' })).toBeVisible();
  await expect(page.getByLabel('字号名称（店名或企业名称）')).toHaveValue('荆州市沙市区老街坊餐馆');
  await expect(page.getByLabel('食品安全管理员公民身份号码')).toHaveValue(manager);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '上传材料' })).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();

  // Delivery: at a hall that handles every matter.
  await expect(page.getByRole('heading', { level: 1, name: '结果领取' })).toBeVisible();
  await page.getByLabel('到大厅窗口领取').check();
  await page.getByRole('group', { name: /选择领取大厅/ }).getByRole('radio').first().check();
  await page.getByRole('button', { name: '下一步' }).click();

  // 确认信息: everything on one page, each with a change link; one submit.
  await expect(page.getByRole('heading', { level: 1, name: '确认信息' })).toBeVisible();
  await expect(page.getByText('店面是租赁的')).toBeVisible();
  await expect(page.getByText(manager)).toBeVisible();
  await expect(page.getByRole('link', { name: '修改：食品安全管理员公民身份号码' })).toBeVisible();
  await page.getByRole('button', { name: '提交申请' }).click();

  // The receipt: number, query code, a QR code to track it, four sub-cases.
  await expect(page.getByRole('heading', { level: 1, name: '申请已提交' })).toBeVisible();
  await expect(page).toHaveURL(/\/applications\/[A-Z0-9]+$/);
  const number = page.url().split('/').pop()!;
  await expect(page.getByText(number, { exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: '办件进度查询二维码' })).toBeVisible();
  await expect(page.getByRole('link', { name: '查看办理进度' })).toHaveAttribute('href', `/me/cases/${number}`);
  await expect(page.getByRole('heading', { level: 2, name: '各部门办件（4件）' })).toBeVisible();
  const subs = page.getByRole('region', { name: '各部门办件（4件）' }).getByRole('listitem');
  await expect(subs).toHaveCount(4);
  await expect(subs.first().getByText(/^\d{4}-\d{2}-\d{2}$/)).toBeVisible();
  // What happens next: who handles what by when, the SMS at each step, how to collect.
  const next = page.getByRole('region', { name: '接下来会怎样' });
  await expect(next.getByRole('listitem')).toHaveCount(4);
  await expect(next.getByRole('listitem').first()).toContainText(/受理/);
  await expect(next.getByText(/发短信/)).toBeVisible();
  await expect(next.getByText(/身份证原件/)).toBeVisible();

  // The submit cleared the draft: 我的草稿 is empty, here and on the server.
  await openApp(page, '/me/drafts');
  await expect(page.getByRole('heading', { level: 1, name: '我的草稿' })).toBeVisible();
  await expect(page.getByText('暂无草稿。')).toBeVisible();
  await expect.poll(async () => (await (await page.request.get('/api/v1/drafts')).json()).items).toEqual([]);
});

test('a newborn with other answers gets another checklist, which reopens from its link', async ({ page, browser }) => {
  await openApp(page, '/themes/newborn');
  await page.getByRole('link', { name: '开始办理' }).click();
  await answer(page, '第1题，共5题', '宝宝在外地医院出生（已拿到出生医学证明）');
  await answer(page, '第2题，共5题', '父母已登记结婚');
  await answer(page, '第3题，共6题', '孕期已办过生育登记');
  await answer(page, '第4题，共6题', '随父亲落户（父亲户口在本市）');
  await page.getByLabel('宝宝出生多少天了？').fill('20');
  await page.getByRole('button', { name: '下一题' }).click();
  await answer(page, '第6题，共6题', '办理预防接种证');

  await expect(page.getByRole('heading', { level: 1, name: '一次告知单' })).toBeVisible();
  await expect(page.getByRole('region', { name: '办理事项（2项）' }).getByRole('heading', { level: 3 })).toHaveText([
    '出生登记（户口）',
    '预防接种证办理',
  ]);
  await expect(page.getByText('因为您选择了“办理预防接种证”')).toBeVisible();

  // The shared link opens the same checklist on another phone, with no draft there.
  const link = await page.getByRole('link', { name: /\/themes\/newborn\/checklist\?a=/ }).getAttribute('href');
  const other = await browser.newPage();
  await other.goto(link!);
  await expect(other.getByRole('heading', { level: 1, name: '一次告知单' })).toBeVisible();
  await expect(other.getByRole('region', { name: '办理事项（2项）' }).getByRole('heading', { level: 3 })).toHaveText([
    '出生登记（户口）',
    '预防接种证办理',
  ]);
  await other.close();
});
