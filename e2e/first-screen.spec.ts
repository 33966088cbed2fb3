import { test, expect, type Page, type Browser, type BrowserContextOptions } from '@playwright/test';

// The first screen the server paints into the HTML (crates/server/src/first_screen) against
// the screen the app renders when it mounts: the same headings and texts, the same markup, a
// main heading that does not move, and no layout shift. Without JavaScript a painted page is
// the page itself (a guide with its materials and the hotline), never an apology.

const PAGES = [
  { kind: 'home', path: '/', h1: '市民办事，一网通办' },
  { kind: 'matter', path: '/matters/SCJG-001', h1: /^企业设立登记/ },
  { kind: 'theme', path: '/themes/open-restaurant', h1: '我要开饭店' },
  { kind: 'hall', path: '/halls/city-centre', h1: /政务服务中心/ },
] as const;

/** What a citizen reads on the screen: the headings of `main` by level, and the head. */
async function reading(page: Page) {
  const main = page.getByRole('main');
  return {
    title: await page.title(),
    h1: await main.getByRole('heading', { level: 1 }).allInnerTexts(),
    h2: await main.getByRole('heading', { level: 2 }).allInnerTexts(),
    h3: await main.getByRole('heading', { level: 3 }).allInnerTexts(),
    links: await main.getByRole('link').evaluateAll((as) => as.map((a) => `${a.textContent} ${a.getAttribute('href')}`)),
    text: (await main.innerText()).replace(/\s+/g, ' ').trim(),
  };
}

/** `main`'s markup with attributes sorted, comments dropped and whitespace collapsed, one tag
 * per line: what the painted page and the app must agree on. */
async function markup(page: Page): Promise<string[]> {
  const html = await page.getByRole('main').evaluate((root) => {
    const write = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
      if (node.nodeType !== Node.ELEMENT_NODE) return '';
      const el = node as Element;
      const attrs = [...el.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(' ');
      return `<${el.localName}${attrs ? ` ${attrs}` : ''}>${[...el.childNodes].map(write).join('')}</${el.localName}>`;
    };
    return write(root);
  });
  return html.replace(/></g, '>\n<').split('\n');
}

/** The test's own device (viewport, agent, locale) with JavaScript off. */
type Device = Pick<BrowserContextOptions, 'viewport' | 'userAgent' | 'isMobile' | 'hasTouch' | 'deviceScaleFactor' | 'locale' | 'timezoneId' | 'baseURL'>;

async function withoutScript(browser: Browser, device: Device, path: string, use: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ ...device, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response!.status()).toBe(200);
    await use(page);
  } finally {
    await context.close();
  }
}

/** Opens `path` with the Wasm held back until the painted page has been looked at. */
async function openHoldingTheApp(page: Page, path: string, look: () => Promise<void>) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#shell')).toHaveCount(1);
    await look();
  } finally {
    release();
  }
  // Only the app renders the elder-mode switch.
  await expect(page.getByRole('button', { name: '长辈版', exact: true })).toBeVisible();
  await expect(page.locator('#shell')).toHaveCount(0);
}

for (const { kind, path, h1 } of PAGES) {
  test(`${kind}: the painted first screen is the app's screen, and nothing moves when it mounts`, async ({ page, browser, viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, baseURL }) => {
    const device = { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, baseURL };
    let painted!: Awaited<ReturnType<typeof reading>>;
    let paintedMarkup!: string[];
    await withoutScript(browser, device, path, async (p) => {
      await expect(p.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
      painted = await reading(p);
      paintedMarkup = await markup(p);
      // A shared link's preview: the page's own title and description.
      const description = await p.locator('meta[name="description"]').getAttribute('content');
      expect(description!.length).toBeGreaterThan(10);
      await expect(p.locator('meta[property="og:title"]')).toHaveAttribute('content', painted.title);
      await expect(p.locator('meta[property="og:description"]')).toHaveAttribute('content', description!);
      if (kind !== 'home') expect(painted.title).toBe(`${painted.h1[0]} - 联办`);
    });

    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!e.hadRecentInput) w.__shift += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const heading = page.getByRole('main').getByRole('heading', { level: 1 });
    let before: { x: number; y: number; width: number; height: number } | null = null;
    await openHoldingTheApp(page, path, async () => {
      await expect(heading).toHaveText(h1);
      before = await heading.boundingBox();
    });
    await expect(heading).toHaveText(h1);
    await expect(page.getByText('正在加载')).toHaveCount(0);
    const after = await heading.boundingBox();
    expect(before).not.toBeNull();
    expect(after).toEqual(before);

    const mounted = await reading(page);
    expect(mounted).toEqual(painted);
    expect(await markup(page)).toEqual(paintedMarkup);
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
    expect(shift).toBeLessThanOrEqual(0.001);
  });
}

test('without JavaScript a guide is readable, with its materials and the hotline', async ({ browser, viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, baseURL }) => {
  const device = { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, baseURL };
  await withoutScript(browser, device, '/matters/SCJG-001', async (page) => {
    await expect(page.getByRole('heading', { level: 1, name: /^企业设立登记/ })).toBeVisible();
    await expect(page.getByRole('list', { name: '服务方式' })).toBeVisible();
    await expect(page.getByText('实施部门', { exact: true })).toBeVisible();
    const materials = page.getByRole('list', { name: '申请材料' });
    expect(await materials.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(1);
    await expect(page.getByRole('heading', { level: 2, name: '办理地点' })).toBeVisible();
    const hotline = page.getByRole('complementary', { name: '便民热线' });
    await expect(hotline).toContainText('12345');
    await expect(hotline.getByRole('link', { name: '拨打 12345' })).toHaveAttribute('href', 'tel:12345');
    await expect(page.getByText('请开启浏览器的 JavaScript')).toHaveCount(0);
    await expect(page.getByText('正在加载')).toHaveCount(0);
  });
});

test('an unknown code is a 404 whose app shows the not-found page', async ({ page, request }) => {
  for (const path of ['/matters/NO-SUCH-CODE', '/themes/no-such-theme', '/halls/no-such-hall']) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  const response = await page.goto('/matters/NO-SUCH-CODE');
  expect(response!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await expect(page).toHaveTitle('页面不存在 - 联办');
});

test('an anonymous visit logs no error, and the icons are icons', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  for (const { path, h1 } of PAGES) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: '长辈版', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
  }
  await page.goto('/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('营业执照');
  expect(errors).toEqual([]);

  const session = await request.get('/api/v1/auth/sessions/current');
  expect(session.status()).toBe(200);
  expect(await session.json()).toBeNull();
  const svg = await request.get('/favicon.svg');
  expect(svg.status()).toBe(200);
  expect(svg.headers()['content-type']).toContain('image/svg+xml');
  expect((await request.get('/favicon.ico')).status()).toBe(404);
});
