import { test, expect, type Page, type APIRequestContext, type TestInfo } from '@playwright/test';
import { openApp, projectIndex, withCheckCharacter, wrongCheck } from './support';

// 统一身份认证 as a citizen on a phone uses it: SMS login, 实名认证, 我的, 我的企业 and 亮证.
// Found by role and label. The three projects run in parallel against one server, and one
// number gets one code a minute, so every test logs in with its own number per project; all
// of a run sends 10 codes, well under the per-address daily cap.

/** A fresh mobile number for one test (`slot` 0-9) in this project: 1370000PSSS. */
function phoneFor(testInfo: TestInfo, slot: number): string {
  const p = projectIndex(testInfo);
  return `1370000${p}${String(slot).padStart(3, '0')}`;
}

/** A valid 公民身份号码 (GB 11643): 110101, a birth date, a sequence, its check character. */
function idNumber(sequence: number): string {
  return withCheckCharacter(`11010119900307${String(sequence).padStart(3, '0')}`);
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A 统一社会信用代码 (GB 32100) from 17 characters, with its check character. */
function creditCode(body: string): string {
  let sum = 0;
  let w = 1;
  for (const ch of body) {
    sum += CREDIT_ALPHABET.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return body + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** On the login page: asks for a code, reads it from the dev endpoint, logs in. */
async function logIn(page: Page, request: APIRequestContext, phone: string) {
  await expect(page.getByRole('heading', { level: 1, name: '登录 / 注册' })).toBeVisible();
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByText(`验证码已发送至${phone.slice(0, 3)}****${phone.slice(7)}`)).toBeVisible();
  await expect(page.getByRole('button', { name: /\d+秒后重新获取/ })).toBeDisabled();
  const answer = await request.get(`/api/v1/dev/sms-codes/latest?phone=${phone}`);
  expect(answer.ok()).toBeTruthy();
  const { code } = await answer.json();
  await page.getByLabel('验证码').fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test('log in with a code, verify the name, see the masked profile, log out, be refused', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const phone = phoneFor(testInfo, 1);
  await openApp(page, '/me');
  await expect(page.getByRole('heading', { level: 1, name: '我的' })).toBeVisible();
  await page.getByRole('link', { name: '登录 / 注册' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fme$/);

  // The browser checks the number before anything is sent.
  await page.getByLabel('手机号').fill('12345');
  await page.getByRole('button', { name: '获取验证码' }).click();
  const summary = page.getByRole('heading', { level: 2, name: '请修改以下问题' });
  await expect(summary).toBeVisible();
  await expect(page).toHaveTitle(/^错误：/);
  await expect(page.getByLabel('手机号')).toHaveAttribute('aria-invalid', 'true');

  await logIn(page, request, phone);
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`)).toBeVisible();
  await expect(page.getByText('未实名')).toBeVisible();
  await page.getByRole('link', { name: '去实名认证' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '实名认证' })).toBeVisible();
  const good = idNumber(100 + projectIndex(testInfo));
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('公民身份号码').fill(wrongCheck(good));
  await page.getByRole('button', { name: '提交认证' }).click();
  const idField = page.getByLabel('公民身份号码');
  await expect(idField).toHaveAttribute('aria-invalid', 'true');
  await expect(idField).toHaveAccessibleDescription(/最后一位校验码不正确/);
  await expect(page.getByRole('link', { name: '请输入18位公民身份号码，最后一位校验码不正确' })).toBeVisible();
  await expect(page).toHaveTitle(/^错误：/);

  await idField.fill(good);
  await page.getByRole('button', { name: '提交认证' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '您已完成实名认证' })).toBeVisible();
  await expect(page.getByText('1101**********' + good.slice(14))).toBeVisible();
  await expect(page.getByText('王小明')).toBeVisible();
  await expect(page).not.toHaveTitle(/错误/);

  await page.getByRole('link', { name: '返回我的' }).click();
  await expect(page.getByText('已实名')).toBeVisible();
  await expect(page.getByRole('link', { name: /我的电子证照/ })).toContainText('1 个');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('link', { name: '登录 / 注册' })).toBeVisible();

  // The profile page is refused now: it sends the citizen to login, and back afterwards.
  await openApp(page, '/me/identity');
  await expect(page).toHaveURL(/\/login\?next=%2Fme%2Fidentity$/);
  await expect(page.getByRole('heading', { level: 1, name: '登录 / 注册' })).toBeVisible();
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
});

test('a logged-out visit to 我的电子证照 goes to login and comes back after it', async ({ page, request }, testInfo) => {
  const phone = phoneFor(testInfo, 2);
  await openApp(page, '/me/licences');
  await expect(page).toHaveURL(/\/login\?next=%2Fme%2Flicences$/);
  await logIn(page, request, phone);
  await expect(page).toHaveURL(/\/me\/licences$/);
  await expect(page.getByRole('heading', { level: 1, name: '我的电子证照' })).toBeVisible();
  await expect(page.getByText(/暂无电子证照/)).toBeVisible();
});

test('add an enterprise whose check character fails, after confirming it', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const p = projectIndex(testInfo);
  await openApp(page, '/me/enterprises');
  await logIn(page, request, phoneFor(testInfo, 3));
  await expect(page).toHaveURL(/\/me\/enterprises$/);
  await expect(page.getByRole('heading', { level: 2, name: '请先完成实名认证' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: '实名认证' }).click();
  await page.getByLabel('姓名').fill('赵敏');
  await page.getByLabel('公民身份号码').fill(idNumber(200 + p));
  await page.getByRole('button', { name: '提交认证' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '您已完成实名认证' })).toBeVisible();
  await page.getByRole('link', { name: '我的企业' }).click();

  await expect(page.getByRole('heading', { level: 2, name: '添加企业' })).toBeVisible();
  await page.getByLabel('企业名称').fill(`联办测试有限公司${p}`);
  // A typed draft survives a reload.
  await page.reload();
  await expect(page.getByLabel('企业名称')).toHaveValue(`联办测试有限公司${p}`);

  const good = creditCode(`91110000MA01QT7L${p}`);
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const code = page.getByLabel('统一社会信用代码');
  await code.fill('91110000');
  await code.blur();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await code.fill(bad);
  await code.blur();
  await expect(page.getByText(/校验位与前17位不符/)).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: '添加企业' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '请修改以下问题' })).toBeVisible();
  await page.getByLabel('我已核对，代码无误').check();
  await page.getByRole('button', { name: '添加企业' }).click();
  await expect(page.getByRole('heading', { level: 3, name: `联办测试有限公司${p}` })).toBeVisible();
  await expect(page.getByText(bad)).toBeVisible();
  await expect(page.getByText('校验位不符，已由本人确认')).toBeVisible();
});

test('the demo citizen shows a licence full-screen with a QR code (亮证)', async ({ page, request }, testInfo) => {
  // The demo number is shared by the projects: one code a minute, so one project uses it.
  test.skip(testInfo.project.name !== 'phone', 'the demo citizen logs in from one project');
  await openApp(page, '/login?next=/me/licences');
  await logIn(page, request, '13800138000');
  await expect(page).toHaveURL(/\/me\/licences$/);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '结婚证' }) });
  await expect(card).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '居民身份证' })).toBeVisible();
  await card.getByRole('link', { name: '亮证：结婚证' }).click();

  await expect(page).toHaveURL(/\/me\/licences\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: '结婚证' })).toBeVisible();
  await expect(page.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  await expect(page.locator('svg[aria-label="电子证照核验二维码"]')).toHaveCount(1);
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page).toHaveURL(/\/me\/licences$/);
  await expect(card).toBeVisible();
});
