import type { Browser, Page } from 'puppeteer';
import { projectPaths } from '../../src/bootstrap/project-paths';
import { createViewEngine } from '../../src/bootstrap/views';
import {
  AccessibilityError,
  type RunningApp,
  atDesktopWidth,
  atPhoneWidth,
  checkAccessibility,
  describeFocused,
  focusedMatches,
  launchBrowser,
  overflowsHorizontally,
  startApp,
  tabUntil,
  visit,
} from './support';

jest.setTimeout(60_000);

describe('web shell in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  const text = (selector: string) => page.$eval(selector, (el) => el.textContent?.trim() ?? '');

  it('home page passes axe at desktop width and shows the three steps', async () => {
    await atDesktopWidth(page);
    await visit(page, '/');
    expect(await text('h1')).toBe('国家医学考试网上报名系统');
    const steps = await page.$$eval('.task-list__item a', (links) => links.map((a) => a.getAttribute('href')));
    expect(steps).toEqual(['/register', '/profile', '/enrollment']);
    expect(await text('.site-footer')).toContain('010-59935001');
  });

  it('home page passes axe at phone width without sideways scrolling', async () => {
    await atPhoneWidth(page);
    await visit(page, '/');
    expect(await overflowsHorizontally(page)).toBe(false);
    const navVisible = await page.$eval('.site-nav', (nav) => nav.getBoundingClientRect().width > 0);
    expect(navVisible).toBe(true);
  });

  it('the skip link is the first Tab stop and moves focus to the main content', async () => {
    await atDesktopWidth(page);
    await visit(page, '/');
    await tabUntil(page, '.skip-link', 1);
    const box = await page.$eval('.skip-link', (el) => {
      const rect = el.getBoundingClientRect();
      return { left: rect.left, width: rect.width };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.width).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    await page.keyboard.press('Tab');
    const insideMain = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
    expect({ insideMain, focused: await describeFocused(page) }).toMatchObject({ insideMain: true });
  });

  it('the header menu is reachable by keyboard and marks the current page', async () => {
    await atDesktopWidth(page);
    await visit(page, '/');
    await tabUntil(page, '.site-nav a[href="/login"]');
    expect(await focusedMatches(page, 'a[href="/login"]')).toBe(true);
    expect(await page.$eval('.site-nav a[href="/"]', (a) => a.getAttribute('aria-current'))).toBe('page');
  });

  it('/api/docs shows the OpenAPI UI', async () => {
    await page.goto(`${app.baseUrl}/api/docs`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
    expect(await text('.swagger-ui .info .title')).toContain('国家医学考试网上报名系统 API');
  });

  it('a missing page is a Chinese 404 page that passes axe', async () => {
    await atPhoneWidth(page);
    const response = await visit(page, '/no-such-page');
    expect(response?.status()).toBe(404);
    expect(await text('h1')).toBe('页面不存在');
    expect(await page.$eval('html', (html) => html.lang)).toBe('zh-CN');
  });

  it('the harness itself fails a page with serious accessibility violations, naming them', async () => {
    await page.setContent('<html><body><img src="data:,"><button></button></body></html>');
    const failure = await checkAccessibility(page).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AccessibilityError);
    expect((failure as Error).message).toContain('critical: image-alt');
    expect((failure as Error).message).toContain('critical: button-name');
  });

  describe('progressive enhancement (static/js/app.js) on shared partials', () => {
    const engine = createViewEngine(projectPaths());
    const render = (template: string, context: object = {}) => engine.compile(template)(context);

    /** Puts rendered partials into a real page of the app (its CSP in force) and runs app.js on them. */
    async function mount(html: string): Promise<void> {
      await page.goto(`${app.baseUrl}/no-such-page`, { waitUntil: 'networkidle0' });
      await page.$eval('main', (main, markup) => (main.innerHTML = markup), html);
      await page.addScriptTag({ url: `${app.baseUrl}/static/js/app.js?mounted=${Date.now()}` });
    }

    it('focuses the error summary, and its links move focus to the field', async () => {
      const errors = [{ field: 'phone', code: 'INVALID_FORMAT', message: '请输入11位手机号码' }];
      await atDesktopWidth(page);
      await mount(render('{{> error-summary}}<form>{{> field name="phone" label="手机号码"}}</form>', { errors }));
      await page.waitForFunction(() => document.activeElement?.matches('[data-error-summary]'));
      await page.click('.error-summary a[href="#phone"]');
      expect(await focusedMatches(page, '#phone')).toBe(true);
      expect(await page.$eval('#phone', (input) => input.getAttribute('aria-describedby'))).toBe('phone-error');
    });

    it('the combobox suggests from its source by keyboard and shows grey / yellow states, passing axe', async () => {
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (!req.url().includes('/api/test-directory')) return void req.continue();
        const items = [
          { code: 'H1', name: '北京大学第一医院' },
          { code: 'H3', name: '北京大学第三医院' },
        ];
        void req.respond({ status: 200, contentType: 'application/json', body: JSON.stringify({ items }) });
      });
      await atPhoneWidth(page);
      await mount(
        render(
          '<form>{{> combobox name="employerName" label="工作单位" hint="可输入拼音首字母检索" source="/api/test-directory" codeName="employerCode"}}<button type="submit">提交</button></form>',
        ),
      );
      await page.focus('#employerName');
      await page.keyboard.type('bjdx');
      await page.waitForSelector('#employerName-listbox [role="option"]', { visible: true });
      expect(await page.$eval('#employerName', (input) => input.getAttribute('aria-expanded'))).toBe('true');
      await checkAccessibility(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.$eval('#employerName', (input) => (input as HTMLInputElement).value)).toBe('北京大学第三医院');
      expect(await page.$eval('[data-combobox-code]', (input) => (input as HTMLInputElement).value)).toBe('H3');
      await page.keyboard.press('Tab');
      expect(await page.$eval('[data-combobox]', (root) => root.className)).toContain('field--recognised');

      await page.focus('#employerName');
      await page.keyboard.type('自填');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      const root = await page.$eval('[data-combobox]', (el) => ({
        className: el.className,
        text: el.textContent ?? '',
      }));
      expect(root.className).toContain('field--unknown');
      expect(root.text).toContain('不在系统已有的列表中');
      expect(await page.$eval('[data-combobox-code]', (input) => (input as HTMLInputElement).value)).toBe('');
    });
  });
});
