import type { Browser, Page } from 'puppeteer';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { type RunningApp, checkAccessibility, launchBrowser, startApp, visit } from './support';

jest.setTimeout(180_000);

const PERSON = {
  username: 'e2e_profile',
  password: 'profile secret phrase',
  realName: '李四',
  gender: 'M',
  birthDate: '1990-01-01',
  idType: 'resident',
  idNumber: '110101199001010015',
  nationality: '中国',
  mobile: '13900139000',
  email: 'li@example.cn',
  securityQuestion: '我的小学校名',
  securityAnswer: '实验小学',
};
const UNKNOWN_SCHOOL = '某某不存在卫生学校';

/** 个人信息 in Chromium: two education rows, one deleted, employer found by bjdx, an unknown school in yellow. */
describe('candidate profile in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    const res = await fetch(`${app.baseUrl}/api/accounts/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(PERSON),
    });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function type(selector: string, value: string) {
    await page.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
    await page.type(selector, value);
  }
  async function submit(selector: string) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click(selector)]);
  }
  const fieldClass = (selector: string) => page.$eval(selector, (el) => el.closest('.field')?.className ?? '');

  it('signs in', async () => {
    await visit(page, '/login');
    await type('[name="username"]', PERSON.username);
    await type('[name="password"]', PERSON.password);
    await type('[name="captcha"]', TEST_CAPTCHA_ANSWER);
    await submit('main form button[type="submit"]');
    await visit(page, '/profile');
    expect(await page.$eval('h1', (el) => el.textContent)).toBe('个人信息');
  });

  /** Whether the element's top is within the window (to the pixel: scrolling to it leaves fractions). */
  const inView = (selector: string) =>
    page.$eval(selector, (el) => {
      const top = el.getBoundingClientRect().top;
      return top > -1 && top < window.innerHeight;
    });

  it('adds two education entries with + and deletes one with −, each time back where the rows are', async () => {
    await submit('button[value="add-education"]');
    await submit('button[value="add-education"]');
    expect(await page.$$('fieldset[id^="education-"]')).toHaveLength(2);
    // The page comes back at the row just added, not at its top (the section is below the fold).
    expect(await page.evaluate(() => location.hash)).toBe('#education-1');
    expect(await inView('#education-1')).toBe(true);
    await type('[name="education[1][major]"]', '第二条将被删除');
    await submit('button[value="remove-education-1"]');
    expect(await page.$$('fieldset[id^="education-"]')).toHaveLength(1);
    expect(await page.evaluate(() => location.hash)).toBe('#education-title');
    expect(await inView('#education-title')).toBe(true);
    expect(await page.$('[name="education[1][major]"]')).toBeNull();
    await checkAccessibility(page);
  });

  it('turns an empty required field and a malformed month red on leaving them, with the reason', async () => {
    await page.focus('[name="employment[employer]"]');
    await page.keyboard.press('Tab');
    expect(await fieldClass('[name="employment[employer]"]')).toContain('field--error');
    expect(await page.$eval('[name="employment[employer]"]', (el) => el.getAttribute('title'))).toBe('请填写工作单位');
    await type('[name="employment[startMonth]"]', '2016-13');
    await page.keyboard.press('Tab');
    expect(await page.$eval('[name="employment[startMonth]"]', (el) => el.getAttribute('title'))).toContain('YYYY-MM');
    // Typed on a digit keypad, without the dash, it is the month meant (as the server reads it).
    await type('[name="employment[startMonth]"]', '201608');
    await page.keyboard.press('Tab');
    expect(await fieldClass('[name="employment[startMonth]"]')).not.toContain('field--error');
  });

  it('finds 北京大学第一医院 by typing bjdx, chooses it with the keyboard, and shows it grey', async () => {
    const input = '[name="employment[employer]"]';
    await page.click(input);
    await page.type(input, 'bjdx');
    await page.waitForSelector('#employment\\.employer-listbox:not([hidden]) [role="option"]');
    const options = await page.$$eval('#employment\\.employer-listbox [role="option"]', (els) =>
      els.map((el) => el.textContent),
    );
    expect(options).toEqual(expect.arrayContaining(['北京大学第一医院', '北京大学第三医院']));
    expect(await page.$eval(input, (el) => el.getAttribute('aria-expanded'))).toBe('true');
    const target = options.indexOf('北京大学第一医院');
    for (let i = 0; i <= target; i++) await page.keyboard.press('ArrowDown');
    const active = await page.$eval(input, (el) => el.getAttribute('aria-activedescendant'));
    expect(await page.$eval(`[id="${active}"]`, (el) => el.textContent)).toBe('北京大学第一医院');
    await page.keyboard.press('Enter');
    expect(await page.$eval(input, (el) => (el as HTMLInputElement).value)).toBe('北京大学第一医院');
    await page.keyboard.press('Tab');
    expect(await fieldClass(input)).toContain('field--recognised');
  });

  it('shows a typed school that is not in the directory in yellow, with text', async () => {
    const input = '[name="education[0][school]"]';
    await page.click(input);
    await page.type(input, UNKNOWN_SCHOOL);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await fieldClass(input)).toContain('field--unknown');
    expect(await page.$eval(input, (el) => el.closest('.field')?.textContent ?? '')).toContain('不在系统已有的列表中');
  });

  it('submits with 提交 and, reloaded, shows everything saved', async () => {
    await type('[name="contact[address]"]', '北京市西城区西什库大街 8 号');
    await type('[name="employment[startMonth]"]', '2016-08');
    await type('[name="education[0][major]"]', '护理');
    await page.select('[name="education[0][level]"]', '中专');
    await page.select('[name="education[0][degree]"]', '无');
    await page.select('[name="education[0][studyForm]"]', '全日制');
    await type('[name="education[0][from]"]', '2006-09');
    await type('[name="education[0][to]"]', '2009-07');
    await submit('form.profile-form > button[value="save"]:not(.visually-hidden)');
    expect(new URL(page.url()).search).toBe('?saved=1');
    expect(await page.$('.field--error')).toBeNull();

    await page.reload({ waitUntil: 'networkidle0' });
    const value = (selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);
    expect(await value('[name="employment[employer]"]')).toBe('北京大学第一医院');
    expect(await fieldClass('[name="employment[employer]"]')).toContain('field--recognised');
    expect(await value('[name="education[0][school]"]')).toBe(UNKNOWN_SCHOOL);
    expect(await fieldClass('[name="education[0][school]"]')).toContain('field--unknown');
    expect(await value('[name="education[0][to]"]')).toBe('2009-07');
    expect(await page.$$('fieldset[id^="education-"]')).toHaveLength(1);
    await checkAccessibility(page);
  });
});
