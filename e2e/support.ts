import { expect, type Page, type APIRequestContext, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';

// What every spec does the same way: open the app, log in through the dev SMS outbox, make
// valid identity numbers, and scan a page with axe. Found by role and label, as a user acts.

export const PROJECTS = ['phone', 'iphone', 'wechat'];

/** 0, 1 or 2: the Playwright project, so that each project logs in with its own numbers. */
export function projectIndex(testInfo: TestInfo): number {
  return Math.max(0, PROJECTS.indexOf(testInfo.project.name));
}

/** Opens a path and waits until the app (not the static shell of index.html) is on screen. */
export async function openApp(page: Page, path: string) {
  await page.goto(path);
  // Only the app renders the elder-mode switch: the shell has no such button.
  await expect(page.getByRole('button', { name: '长辈版', exact: true })).toBeVisible();
}

/** On the login page: asks for a code, reads it from the dev endpoint, logs in. */
export async function logIn(page: Page, request: APIRequestContext, phone: string) {
  await expect(page.getByRole('heading', { level: 1, name: '登录 / 注册' })).toBeVisible();
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByText(/验证码已发送至/)).toBeVisible();
  const answer = await request.get(`/api/v1/dev/sms-codes/latest?phone=${phone}`);
  expect(answer.ok()).toBeTruthy();
  const { code } = await answer.json();
  await page.getByLabel('验证码').fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 公民身份号码 (GB 11643) from its first 17 digits. */
export function withCheckCharacter(body: string): string {
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** The same number with a wrong check character. */
export function wrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

/** An axe scan (WCAG 2.1 A and AA) that lists every violation with where it was found. */
export async function scan(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found).toEqual([]);
}

// The smallest PNG there is: a 1×1 pixel, as a phone's camera would send a photo.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A valid 公民身份号码 (GB 11643) with a given birth date and sequence. */
export function idNumber(birth: string, sequence: number): string {
  return withCheckCharacter(`420102${birth}${String(sequence).padStart(3, '0')}`);
}

/** Logs in with a new number and does 实名认证. */
export async function logInVerified(page: Page, request: APIRequestContext, phone: string, name: string, id: string) {
  await openApp(page, '/login?next=%2Fme%2Fidentity');
  await logIn(page, request, phone);
  await expect(page.getByRole('heading', { level: 1, name: '实名认证' })).toBeVisible();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('公民身份号码').fill(id);
  await page.getByRole('button', { name: '提交认证' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '您已完成实名认证' })).toBeVisible();
}

async function answer(page: Page, progress: string, choice: string) {
  await expect(page.getByText(progress)).toBeVisible();
  await page.getByLabel(choice, { exact: true }).check();
  await page.getByRole('button', { name: '下一题' }).click();
}

/**
 * 我要开饭店 from the theme page to the receipt, for a logged-in, verified citizen: four
 * matters, every material uploaded, collected at the first hall. Returns the case number.
 */
export async function submitRestaurant(page: Page, managerId: string): Promise<string> {
  await openApp(page, '/themes/open-restaurant');
  await page.getByRole('link', { name: '开始办理' }).click();
  await answer(page, '第1题，共5题', '以个体工商户身份经营');
  await answer(page, '第2题，共5题', '店面是租赁的');
  await page.getByLabel('店面（含后厨）建筑面积大约多少？').fill('120');
  await page.getByRole('button', { name: '下一题' }).click();
  await answer(page, '第4题，共5题', '有后厨烹饪，会产生油污废水');
  await answer(page, '第5题，共5题', '需要设置户外招牌（门头）');
  await expect(page.getByRole('heading', { level: 1, name: '一次告知单' })).toBeVisible();
  await page.getByRole('button', { name: '开始填写申请' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申请人信息' })).toBeVisible();
  await page.getByLabel('联系地址').fill('荆州市沙市区北京中路88号3栋501室');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '经营信息' })).toBeVisible();
  await page.getByLabel('字号名称（店名或企业名称）').fill('荆州市沙市区老街坊餐馆');
  await page.getByLabel('经营场所地址').fill('荆州市沙市区中山路12号');
  await page.getByLabel('经营范围').fill('餐饮服务');
  await page.getByLabel('从业人员人数').fill('6');
  await page.getByLabel('经营场所建筑面积').fill('120');
  await page.getByLabel('食品安全管理员姓名').fill('王芳');
  await page.getByLabel('食品安全管理员公民身份号码').fill(managerId);
  await page.getByLabel('招牌文字内容').fill('老街坊餐馆');
  await page.getByLabel('招牌面积').fill('6');
  await page.getByLabel('日均排水量').fill('3');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '上传材料' })).toBeVisible();
  const inputs = page.getByLabel(/^拍照或选择文件：/);
  const count = await inputs.count();
  for (let i = 0; i < count; i++) {
    await inputs.nth(i).setInputFiles({ name: `material-${i}.png`, mimeType: 'image/png', buffer: PNG });
  }
  await expect(page.getByText('已上传', { exact: true })).toHaveCount(count);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '结果领取' })).toBeVisible();
  await page.getByLabel('到大厅窗口领取').check();
  await page.getByRole('group', { name: /选择领取大厅/ }).getByRole('radio').first().check();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '确认信息' })).toBeVisible();
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申请已提交' })).toBeVisible();
  await expect(page).toHaveURL(/\/applications\/LB\d{14}$/);
  return page.url().split('/').pop()!;
}

/** The dev demo clerk of 荆州市市场监督管理局 (server started with --dev). */
export const DEMO_CLERK = { username: 'scjgj.demo', password: 'lianban-demo-2026' };

/** On /clerk/login: logs a clerk in and waits for the work list. */
export async function logInClerk(page: Page, username = DEMO_CLERK.username, password = DEMO_CLERK.password) {
  await expect(page.getByRole('heading', { level: 1, name: '窗口人员登录' })).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
}

/**
 * A booking made days ago for today, as time would bring it: moves the appointment with this
 * 签到码 to today in the server's database (a citizen can book from tomorrow only). `over`
 * puts its slot in the past, so that the hall may record it 未到. Needs the database file,
 * which scripts/e2e.sh names in LIANBAN_E2E_DATABASE.
 */
export function bookedForToday(code: string, over = false) {
  const database = process.env.LIANBAN_E2E_DATABASE;
  if (!database) throw new Error('LIANBAN_E2E_DATABASE is not set: run the suite through scripts/e2e.sh');
  const script = `
import sqlite3, sys, time
now = int(time.time())
china = 8 * 3600
day_start = (now + china) // 86400 * 86400 - china
today = time.strftime('%Y-%m-%d', time.gmtime(now + china))
if sys.argv[3] == 'over':
    starts, ends = max(day_start, now - 1900), max(day_start, now - 100)
else:
    starts, ends = max(day_start, now - 600), min(day_start + 86399, now + 1200)
db = sqlite3.connect(sys.argv[1], timeout=10)
moved = db.execute('UPDATE appointments SET date = ?, starts_at = ?, ends_at = ? WHERE checkin_code = ?',
                   (today, starts, ends, sys.argv[2])).rowcount
db.commit()
sys.exit(0 if moved == 1 else 3)
`;
  execFileSync('python3', ['-c', script, database, code, over ? 'over' : 'now']);
}

/** The 我要开饭店 sub-cases the demo clerk of 市场监管局 handles. */
export const FOOD = '食品经营许可（新办）';
export const SHOP = '个体工商户设立登记';

export type SubCase = { number: string; matter_name: string; status: string };

export async function subCase(page: Page, number: string, matter = FOOD): Promise<SubCase> {
  const answer = await page.request.get(`/api/v1/applications/${number}`);
  expect(answer.ok()).toBeTruthy();
  const app = await answer.json();
  return app.sub_cases.find((s: SubCase) => s.matter_name === matter);
}

/** On a clerk's case page: takes an action (after its input, if any) through its confirmation. */
export async function act(clerk: Page, button: string, confirm: string, fill?: () => Promise<void>) {
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

/** Approves the open case on the clerk's page, with 开始审查 first where the matter has it. */
export async function approve(clerk: Page, result: string) {
  const actions = clerk.getByRole('region', { name: '办理' });
  await expect(actions.getByRole('button', { name: '准予办结', exact: true }).or(actions.getByRole('button', { name: '开始审查', exact: true })).first()).toBeVisible();
  if (await actions.getByRole('button', { name: '开始审查', exact: true }).count()) {
    await act(clerk, '开始审查', '确认开始审查');
  }
  await act(clerk, '准予办结', '确认准予办结', async () => {
    await clerk.getByLabel('办理结果').fill(result);
  });
}

