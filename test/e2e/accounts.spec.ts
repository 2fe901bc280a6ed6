import type { Browser, Page } from 'puppeteer';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import {
  type RunningApp,
  atDesktopWidth,
  atPhoneWidth,
  checkAccessibility,
  focusedMatches,
  launchBrowser,
  overflowsHorizontally,
  startApp,
  tabUntil,
  visit,
} from './support';

jest.setTimeout(120_000);

const PERSON = {
  username: 'e2e_candidate',
  password: 'first secret phrase',
  realName: '买买提·艾力',
  gender: 'F',
  birthDate: '1949-12-31',
  idType: 'resident',
  idNumber: '11010519491231002X',
  nationality: '中国',
  mobile: '13800138000',
  email: 'e2e@example.cn',
  securityQuestion: '我的小学校名',
  securityAnswer: '实验小学',
};

/** 注册 → a red field with its reason → 登录 with 校验码 → 修改密码 → 退出 → 找回密码 → 登录 with the new one. */
describe('candidate account journey in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ ADMIN_USERNAME: 'e2e_admin', ADMIN_PASSWORD: 'e2e admin secret phrase' });
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function fill(values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      const tag = await page.$eval(`[name="${name}"]`, (el) => el.tagName);
      if (tag === 'SELECT') await page.select(`[name="${name}"]`, value);
      else {
        await page.$eval(`[name="${name}"]`, (el) => ((el as HTMLInputElement).value = ''));
        await page.type(`[name="${name}"]`, value);
      }
    }
  }

  async function submit(selector = 'main form button[type="submit"]') {
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click(selector)]);
  }

  const path = () => new URL(page.url()).pathname + new URL(page.url()).search;

  it('registers, after seeing a wrong ID number turn red with its reason', async () => {
    await visit(page, '/register');
    await fill({ idType: 'resident', birthDate: PERSON.birthDate, gender: 'F', idNumber: '110105194912310021' });
    await page.focus('[name="nationality"]');
    const field = await page.$eval('#idNumber', (input) => ({
      red: input.closest('.field')?.classList.contains('field--error') ?? false,
      title: input.getAttribute('title'),
      describedBy: input.getAttribute('aria-describedby') ?? '',
      message: document.getElementById('idNumber-error')?.textContent ?? '',
    }));
    expect(field.red).toBe(true);
    expect(field.title).toBe('证件号码校验位不正确，请核对');
    expect(field.describedBy).toContain('idNumber-error');
    expect(field.message).toContain('证件号码校验位不正确');

    await fill({ password: 'password123' });
    await page.focus('[name="username"]');
    expect(await page.$eval('#password', (input) => input.getAttribute('title'))).toBe(
      '该密码过于常见，容易被猜中，请换一个',
    );

    await fill({ ...PERSON, confirmPassword: PERSON.password });
    await page.focus('[name="username"]');
    expect(await page.$('.field--error')).toBeNull();
    await submit();
    expect(path()).toBe(`/login?registered=${PERSON.username}`);
  });

  it('fits a phone and reaches the captcha and 找回密码 by keyboard', async () => {
    await atPhoneWidth(page);
    for (const path of ['/register', '/login', '/recover']) {
      await visit(page, path);
      expect(await overflowsHorizontally(page)).toBe(false);
    }
    await atDesktopWidth(page);
    await visit(page, '/login');
    await tabUntil(page, '#captcha');
    expect(await focusedMatches(page, '#captcha')).toBe(true);
    await tabUntil(page, 'a[href="/recover"]');
    expect(await focusedMatches(page, 'a[href="/recover"]')).toBe(true);
  });

  it('logs in with the captcha', async () => {
    await visit(page, '/login');
    await fill({ username: PERSON.username, password: PERSON.password, captcha: TEST_CAPTCHA_ANSWER });
    await submit();
    expect(path()).toBe('/');
    expect(await page.$eval('.site-nav__user', (el) => el.textContent)).toContain(PERSON.username);
  });

  it('changes the password in 安全设置', async () => {
    await visit(page, '/security');
    await fill({
      currentPassword: PERSON.password,
      newPassword: 'second secret phrase',
      confirmPassword: 'second secret phrase',
    });
    await submit('form[action="/security/password"] button[type="submit"]');
    expect(path()).toBe('/security?saved=password');
    await visit(page, '/security?saved=password');
  });

  it('logs out', async () => {
    await submit('.site-nav__logout button');
    expect(path()).toBe('/login?loggedOut=1');
    await visit(page, '/security');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('recovers the password with name, ID and answer, then logs in with the new one and is told', async () => {
    await visit(page, '/recover');
    await fill({
      realName: PERSON.realName,
      idType: 'resident',
      idNumber: PERSON.idNumber.toLowerCase(),
      securityAnswer: PERSON.securityAnswer,
      newPassword: 'third secret phrase',
      confirmPassword: 'third secret phrase',
      captcha: TEST_CAPTCHA_ANSWER,
    });
    await submit();
    expect(path()).toBe(`/login?recovered=${PERSON.username}`);

    await fill({ username: PERSON.username, password: 'third secret phrase', captcha: TEST_CAPTCHA_ANSWER });
    await submit();
    expect(await page.$eval('h1', (el) => el.textContent)).toBe('安全提醒');
    expect(await page.$eval('main', (el) => el.textContent)).toContain('找回密码');
    await checkAccessibility(page);
    await submit('main a.button');
    expect(path()).toBe('/');
    await submit('.site-nav__logout button');
  });

  it('lets the first admin sign in on the staff page and create a staff member', async () => {
    await visit(page, '/staff/login');
    await fill({ username: 'e2e_admin', password: 'e2e admin secret phrase', captcha: TEST_CAPTCHA_ANSWER });
    await submit();
    expect(path()).toBe('/admin/staff');
    await checkAccessibility(page);
    await fill({
      username: 'e2e_kaowu',
      displayName: '王考务',
      password: 'staff secret phrase',
      role: 'staff',
      areaCode: '11',
    });
    await submit();
    expect(path()).toBe('/admin/staff?created=e2e_kaowu');
    expect(await page.$eval('main table', (el) => el.textContent)).toContain('e2e_kaowu');
    await visit(page, '/staff/security');
  });
});
