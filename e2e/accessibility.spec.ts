import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// An automated accessibility scan (axe, WCAG 2.1 A and AA) of every catalogue screen, in
// normal and elder mode, plus the touch-target rule: every link and button is at least 44 px
// tall or wide enough to hit (WCAG 2.5.5 as the design handbook asks).

async function openApp(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: '长辈版', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Wait for loading states to settle.
  await expect(page.getByText('正在加载')).toHaveCount(0);
}

async function scan(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found).toEqual([]);
}

async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main a, main button, nav a, header a, header button, input, select'))) {
      // A checkbox or radio is hit through its label: the label is the target.
      const input = el as HTMLInputElement;
      const label = el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')
        ? (el.closest('label') ?? (input.id ? document.querySelector(`label[for="${input.id}"]`) : null))
        : null;
      const r = (label ?? (el as HTMLElement)).getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // not displayed
      // Inline links inside running text are exempt (WCAG 2.5.8 "inline" exception).
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
      if (r.height < 44 && r.width < 44) small.push(`${el.tagName} "${(el.textContent ?? '').trim()}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      else if (r.height < 44 - 0.5 && el.tagName !== 'A') small.push(`${el.tagName} "${(el.textContent ?? '').trim()}" height ${Math.round(r.height)}`);
    }
    return small;
  });
}

test('every catalogue screen passes axe and has large touch targets, in both modes', async ({ page, request }) => {
  test.setTimeout(120_000);
  test.skip(test.info().project.name !== 'phone', 'layout checks once, on the phone profile');
  const matters = await (await request.get('/api/v1/matters?per_page=1')).json();
  const halls = await (await request.get('/api/v1/halls?per_page=1')).json();
  const themes = await (await request.get('/api/v1/themes?per_page=1')).json();
  const paths = [
    '/',
    '/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7',
    `/matters/${matters.items[0].code}`,
    `/themes/${themes.items[0].id}`,
    '/themes/open-restaurant/apply',
    '/themes/open-restaurant/checklist?a=entity.individual~venue.rented~area.120~kitchen.cooking~needs.signboard',
    '/departments',
    '/halls',
    `/halls/${halls.items[0].id}`,
    '/no/such/page',
    // 预约办理: the entry and the three choosing steps (the logged-in pages are scanned in
    // booking.spec.ts).
    '/appointments',
    '/appointments/new',
    `/appointments/new?hall=${halls.items[0].id}`,
    `/appointments/new?hall=${halls.items[0].id}&category=zonghe`,
  ];
  for (const elder of [false, true]) {
    for (const path of paths) {
      await openApp(page, path);
      if (elder && (await page.getByRole('button', { name: '长辈版', exact: true }).getAttribute('aria-pressed')) !== 'true') {
        await page.getByRole('button', { name: '长辈版', exact: true }).click();
        await expect(page.getByRole('button', { name: '长辈版', exact: true })).toHaveAttribute('aria-pressed', 'true');
      }
      const where = `${path}${elder ? ' (长辈版)' : ''}`;
      await scan(page, where);
      expect(await smallTargets(page), where).toEqual([]);
    }
  }
});
