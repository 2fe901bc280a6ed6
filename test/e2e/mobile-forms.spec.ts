import type { Browser, Page } from 'puppeteer';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { type RunningApp, atPhoneWidth, launchBrowser, startApp, visit } from './support';

jest.setTimeout(180_000);

/** A resident ID number whose birth date is `yyyymmdd` (odd sequence: male), with its check digit. */
function residentIdBornOn(yyyymmdd: string): string {
  const first17 = `110101${yyyymmdd}001`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const PERSON = {
  username: 'e2e_phone',
  password: 'phone secret phrase',
  realName: '王五',
  gender: 'M',
  idType: 'resident',
  idNumber: residentIdBornOn('19920415'),
  nationality: '中国',
  mobile: '13700137000',
  securityQuestion: '我的小学校名',
  securityAnswer: '实验小学',
};

/**
 * At 375 px with a touch screen, as on a phone: dates and months typed on the digit keypad (no
 * "-") are not marked red, and a tap on the submit button right after correcting a red field
 * submits, because the blur that clears the mark moves nothing.
 */
describe('forms on a phone in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage();
    await atPhoneWidth(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function fill(values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      const selector = `[name="${name}"]`;
      if ((await page.$eval(selector, (el) => el.tagName)) === 'SELECT') await page.select(selector, value);
      else {
        await page.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
        await page.type(selector, value);
      }
    }
  }
  const isRed = (selector: string) =>
    page.$eval(selector, (el) => el.closest('.field')?.classList.contains('field--error') ?? false);

  /**
   * Retypes a red field and, while it still has focus, taps where the submit button is: the tap
   * blurs the field first, which clears its red mark. The field stays on screen (scrolled to the
   * top), as when a thumb corrects it and reaches for the button below; a change above the screen
   * would be hidden by the browser's scroll anchoring. Resolves with whether the page was sent.
   */
  async function correctThenTap(field: string, value: string, button: string): Promise<boolean> {
    await page.focus(field);
    await page.$eval(field, (el) => ((el as HTMLInputElement).value = ''));
    await page.type(field, value);
    await page.$eval(field, (el) => el.closest('.field')!.scrollIntoView({ block: 'start' }));
    const box = (await (await page.$(button))!.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(page.viewport()!.height);
    // What the tap's blur does to the button, measured: it must not move (the walk's miss at 375 px).
    await page.$eval(field, (el) => (el as HTMLInputElement).blur());
    expect(await (await page.$(button))!.boundingBox()).toEqual(box);
    await page.focus(field);
    const sent = page
      .waitForNavigation({ waitUntil: 'networkidle0', timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    return sent;
  }

  it('takes a birth date typed as 19920415 without marking it red, and registers on the first tap after a correction', async () => {
    await visit(page, '/register');
    await fill({ ...PERSON, birthDate: '19920415', confirmPassword: PERSON.password });
    await page.focus('[name="username"]');
    expect(await page.$$('.field--error')).toHaveLength(0);

    await fill({ securityAnswer: '实验' });
    await page.focus('[name="username"]');
    expect(await isRed('#securityAnswer')).toBe(true);
    expect(await correctThenTap('#securityAnswer', PERSON.securityAnswer, 'main form button[type="submit"]')).toBe(
      true,
    );
    expect(new URL(page.url()).pathname).toBe('/login');

    await fill({ username: PERSON.username, password: PERSON.password, captcha: TEST_CAPTCHA_ANSWER });
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('main form button')]);
    await visit(page, '/profile');
    expect(await page.$eval('[aria-labelledby="basic-title"] dl', (el) => el.textContent)).toContain('1992-04-15');
  });

  it('takes 202009, full-width digits and a grouped phone on 个人信息 without marking them red', async () => {
    await fill({
      'employment[startMonth]': '202009',
      'contact[phone]': '１３７ ００１３ ７０００',
      'contact[postcode]': '100 034',
    });
    await page.focus('[name="contact[address]"]');
    for (const name of ['employment[startMonth]', 'contact[phone]', 'contact[postcode]'])
      expect(await isRed(`[name="${name}"]`)).toBe(false);
  });

  it('keeps each ＋添加 button clear of what is above it and of 提交', async () => {
    const gaps = await page.$$eval('.profile-add', (buttons) =>
      buttons.flatMap((button) => {
        const top = button.getBoundingClientRect().top;
        const bottom = button.getBoundingClientRect().bottom;
        const next = button.closest('section')!.nextElementSibling!.getBoundingClientRect().top;
        return [top - button.previousElementSibling!.getBoundingClientRect().bottom, next - bottom];
      }),
    );
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(8);
  });

  it('saves 个人信息 on the first tap of 提交 after a red month is corrected, storing 2020-09', async () => {
    await fill({ 'contact[address]': '北京市西城区 1 号', 'employment[employer]': '北京大学第一医院' });
    await page.keyboard.press('Escape');
    await fill({ 'employment[startMonth]': '2020' });
    await page.focus('[name="contact[address]"]');
    expect(await isRed('[name="employment[startMonth]"]')).toBe(true);
    const sent = await correctThenTap(
      '[name="employment[startMonth]"]',
      '202009',
      'form.profile-form > button.button[value="save"]',
    );
    expect(sent).toBe(true);
    await visit(page, '/profile');
    expect(await page.$eval('[name="employment[startMonth]"]', (el) => (el as HTMLInputElement).value)).toBe('2020-09');
  });
});
