import { test, expect, type Page } from '@playwright/test';
import { openApp as openTheApp, scan } from './support';

// An automated accessibility scan (axe, WCAG 2.1 A and AA) of every catalogue screen, in
// normal and elder mode, plus the touch-target rule: every link and button is at least 44 px
// tall or wide enough to hit (WCAG 2.5.5 as the design handbook asks).

async function openApp(page: Page, path: string) {
  await openTheApp(page, path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Wait for loading states to settle.
  await expect(page.getByText('正在加载')).toHaveCount(0);
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

// Every screen a citizen reaches without logging in; `{matter}`, `{theme}` and `{hall}` are
// the first of their lists. One test per screen, so each has its own time budget.
const PATHS = [
  '/',
  '/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7',
  '/matters/{matter}',
  '/themes/{theme}',
  '/themes/open-restaurant/apply',
  '/themes/open-restaurant/checklist?a=entity.individual~venue.rented~area.120~kitchen.cooking~needs.signboard',
  '/departments',
  '/halls',
  '/halls/{hall}',
  '/no/such/page',
  // 预约办理: the entry and the three choosing steps (the logged-in pages are scanned in
  // booking.spec.ts).
  '/appointments',
  '/appointments/new',
  '/appointments/new?hall={hall}',
  '/appointments/new?hall={hall}&category=zonghe',
  // 办件查询 and the window clerk's login (the logged-in case pages, and 办事公开 with its
  // tables filled, are scanned in tracking.spec.ts: the server keeps /stats for 5 minutes, so
  // a scan of it here, before any case, would leave it empty for that test).
  '/track',
  '/clerk/login',
];

for (const template of PATHS) {
  test(`${template} passes axe and has large touch targets, in both modes`, async ({ page, request }) => {
    test.skip(test.info().project.name !== 'phone', 'layout checks once, on the phone profile');
    let path = template;
    if (path.includes('{matter}')) {
      const matters = await (await request.get('/api/v1/matters?per_page=1')).json();
      path = path.replace('{matter}', matters.items[0].code);
    }
    if (path.includes('{theme}')) {
      const themes = await (await request.get('/api/v1/themes?per_page=1')).json();
      path = path.replace('{theme}', themes.items[0].id);
    }
    if (path.includes('{hall}')) {
      const halls = await (await request.get('/api/v1/halls?per_page=1')).json();
      path = path.replaceAll('{hall}', halls.items[0].id);
    }
    for (const elder of [false, true]) {
      await openApp(page, path);
      if (elder && (await page.getByRole('button', { name: '长辈版', exact: true }).getAttribute('aria-pressed')) !== 'true') {
        await page.getByRole('button', { name: '长辈版', exact: true }).click();
        await expect(page.getByRole('button', { name: '长辈版', exact: true })).toHaveAttribute('aria-pressed', 'true');
      }
      const where = `${path}${elder ? ' (长辈版)' : ''}`;
      await scan(page, where);
      expect(await smallTargets(page), where).toEqual([]);
    }
  });
}
