import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { type RunningApp, checkAccessibility, launchBrowser, startApp, visit } from './support';

jest.setTimeout(180_000);

const ADMIN = { username: 'e2e_admin', password: 'e2e admin secret phrase' };
const HOLDER = { username: 'maoming_e2e', realName: '冒名者', password: 'holder secret phrase' };
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const first17 = '11010119900101071';
const ID_NUMBER = first17 + '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11];

const person = (username: string, realName: string) => ({
  username,
  password: HOLDER.password,
  realName,
  gender: 'M',
  birthDate: '1990-01-01',
  idType: 'resident',
  idNumber: ID_NUMBER,
  nationality: '中国',
  mobile: '13800138000',
  email: `${username}@example.cn`,
  securityQuestion: '我的小学校名',
  securityAnswer: '实验小学',
});

/** China time as the page's datetime-local input holds it (to the second). */
function chinaLocal(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
}

/**
 * 注意 4 end to end: someone registers with another person's ID; the rightful person's attempt is
 * recorded; staff find the case, read its log and reassign it; an auditor reads the holder's
 * history and rebuilds the state the holder saw before the decision.
 */
describe('staff and auditors in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let seenByHolder: { username: string; realName: string };
  let seenAt: Date;

  async function api(path: string, body: object, cookie = '', csrf = '') {
    const res = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown>, res };
  }

  async function adminCreates(username: string, role: 'staff' | 'auditor', extra: object = {}) {
    const captcha = await api('/api/accounts/captcha', {});
    const login = await api('/api/staff-accounts/login', {
      ...ADMIN,
      captchaId: captcha.body.captchaId,
      captcha: TEST_CAPTCHA_ANSWER,
    });
    const sid = login.res.headers
      .getSetCookie()
      .find((c) => c.startsWith('sid='))!
      .split(';')[0];
    const csrfRes = await fetch(`${app.baseUrl}/api/csrf`, { headers: { cookie: sid } });
    const csrfCookie = csrfRes.headers
      .getSetCookie()
      .find((c) => c.startsWith('csrf='))!
      .split(';')[0];
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const password = `${username} secret phrase`;
    const created = await api(
      '/api/admin/staff-accounts',
      { username, password, displayName: username, role, ...extra },
      `${sid}; ${csrfCookie}`,
      csrfToken,
    );
    expect(created.status).toBe(201);
    return { username, password };
  }

  async function signIn(page: Page, path: string, who: { username: string; password: string }) {
    await visit(page, path);
    await page.type('[name="username"]', who.username);
    await page.type('[name="password"]', who.password);
    await page.type('[name="captcha"]', TEST_CAPTCHA_ANSWER);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('main form button[type="submit"]'),
    ]);
  }

  async function incognitoPage(): Promise<Page> {
    return (await browser.createBrowserContext()).newPage();
  }

  beforeAll(async () => {
    app = await startApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    browser = await launchBrowser();
    expect((await api('/api/accounts/register', person(HOLDER.username, HOLDER.realName))).status).toBe(201);
    const refused = await api('/api/accounts/register', person('zhenren_e2e', '真本人'));
    expect(refused.body).toMatchObject({ error: { code: 'IDENTITY_ALREADY_REGISTERED' } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the holder signs in and sees their account', async () => {
    const page = await incognitoPage();
    await signIn(page, '/login', HOLDER);
    const me = await page.evaluate(async () => (await fetch('/api/accounts/me')).json());
    seenByHolder = { username: me.username, realName: me.realName ?? HOLDER.realName };
    expect(seenByHolder.username).toBe(HOLDER.username);
    expect(await page.$eval('.site-nav__user', (el) => el.textContent)).toContain(HOLDER.username);
    seenAt = new Date(Date.now() + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });

  it('staff find the contested identity, read its log and reassign it', async () => {
    const staff = await adminCreates('kaowu_e2e', 'staff', { areaCode: '11' });
    const page = await incognitoPage();
    await signIn(page, '/staff/login', staff);
    await visit(page, '/staff/cases');
    const row = await page.$$eval('table tbody tr', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(row.some((text) => text.includes(HOLDER.username) && text.includes('1 待处理'))).toBe(true);
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('table tbody tr a')]);
    const log = await page.$eval('.event-log', (el) => el.textContent ?? '');
    expect(log).toContain('重复注册尝试');
    expect(log).toContain('填写用户名：zhenren_e2e');
    expect(log).toContain('填写姓名：真本人');
    expect(await page.$eval('main', (el) => el.textContent ?? '')).not.toContain(ID_NUMBER);
    await page.click('input[name="decision"][value="reassign:registerAnew"]');
    await page.type('[name="reason"]', '来人持身份证原件，与证件号码一致');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('main form button[type="submit"]'),
    ]);
    expect(await page.$eval('main', (el) => el.textContent ?? '')).toContain('已改派证件');
    // The holder's password no longer signs in.
    const again = await incognitoPage();
    await signIn(again, '/login', HOLDER);
    expect(await again.$eval('main', (el) => el.textContent ?? '')).toContain('暂停');
  });

  it('an admin imports a GBK CSV file on 名录管理 and sees the bad row by line', async () => {
    const page = await incognitoPage();
    await signIn(page, '/staff/login', ADMIN);
    await visit(page, '/admin/directory');
    // As Excel saves "CSV (逗号分隔)" on Chinese Windows: GBK bytes of
    // `浙江端到端测试医院,浙江,杭州市,三级` and `,浙江,杭州市,` (the header is ASCII).
    const gbkRows =
      'd5e3bdadb6cbb5bdb6cbb2e2cad4d2bdd4ba2cd5e3bdad2cbabcd6ddcad02cc8fdbcb60d0a2cd5e3bdad2cbabcd6ddcad02c0d0a';
    const file = join(mkdtempSync(join(tmpdir(), 'directory-e2e-')), 'hospitals.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('name,province,city,level\r\n'), Buffer.from(gbkRows, 'hex')]));
    await page.select('[name="kind"]', 'employer');
    const picker = await page.$('input#csv-file');
    await picker!.uploadFile(file);
    await page.waitForFunction(() => (document.querySelector('#csv') as HTMLTextAreaElement).value.includes('医院'));
    expect(await page.$eval('#csv-file-status', (el) => el.textContent ?? '')).toContain('GBK 编码');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('form[data-directory-import] button[type="submit"]'),
    ]);
    await checkAccessibility(page);
    expect(await page.$eval('[data-count="added"]', (el) => el.textContent)).toBe('1');
    expect(await page.$eval('[data-rejected-line="3"]', (el) => el.textContent ?? '')).toContain('名称不能为空');

    // Too much text for one form post: refused in the page, before sending.
    await page.$eval(
      '#csv',
      (el) => ((el as HTMLTextAreaElement).value = 'name,province,city,level\n' + '医'.repeat(200_000)),
    );
    await page.click('form[data-directory-import] button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#csv-file-status')?.textContent?.includes('内容过大'));
    expect(page.url()).toMatch(/\/admin\/directory$/);
  });

  it('an auditor reads the holder’s history and rebuilds what the holder saw before the decision', async () => {
    const auditor = await adminCreates('shenji_e2e', 'auditor');
    const page = await incognitoPage();
    await signIn(page, '/staff/login', auditor);
    await visit(page, '/audit');
    await page.type('[name="ref"]', HOLDER.username);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('main form button[type="submit"]'),
    ]);
    const types = await page.$$eval('tr[data-event-type]', (rows) =>
      rows.map((r) => r.getAttribute('data-event-type')),
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'CandidateRegistered',
        'DuplicateRegistrationAttempted',
        'IdentityReassigned',
        'AccountSuspended',
        'LoginSucceeded',
      ]),
    );

    await page.$eval('[name="at"]', (input, value) => ((input as HTMLInputElement).value = value), chinaLocal(seenAt));
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('form[action$="/as-of"] button'),
    ]);
    const column = (key: string, field: string) =>
      page.$eval(`[data-snapshot="${key}"] [data-field="${field}"]`, (el) => el.textContent?.trim());
    expect(await column('asOf', 'realName')).toBe(seenByHolder.realName);
    expect(await page.$eval('[data-snapshot="asOf"]', (el) => el.textContent ?? '')).toContain(seenByHolder.username);
    expect(await column('asOf', 'suspended')).toBe('正常');
    expect(await column('today', 'suspended')).toBe('已暂停');
  });
});
