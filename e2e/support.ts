import { expect, type Page, type APIRequestContext, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
