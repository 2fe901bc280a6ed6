import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Browser, Page } from 'puppeteer';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { readPdf } from '../integration/printing-pdf-reader';
import { type RunningApp, atPhoneWidth, checkAccessibility, launchBrowser, startApp, visit } from './support';
import { windowsAroundNow } from '../../src/catalog/testing/windows-around-now';

jest.setTimeout(180_000);

const ADMIN = { username: 'e2e_print_admin', password: 'a long admin secret for printing' };
const CANDIDATE = {
  username: 'e2e_printer',
  password: 'print journey secret',
  // 䶮 (U+4DAE, Ext A); registration refuses supplementary-plane characters such as 𠮷 for now.
  realName: '刘䶮',
  gender: 'F',
  birthDate: '1949-12-31',
  idType: 'resident',
  idNumber: '11010519491231002X',
  nationality: '中国',
  mobile: '13800138000',
  email: 'print@example.cn',
  securityQuestion: '我的小学校名',
  securityAnswer: '实验小学',
};
const PROFILE = {
  contact: { phone: '13800138000', email: 'print@example.cn', address: '北京市海淀区学院路 38 号', postcode: '100191' },
  employment: {
    employer: '北京大学第一医院',
    department: '内科',
    position: '医师',
    title: '住院医师',
    startMonth: '2016-08',
  },
  education: [
    {
      school: '北京大学医学部',
      major: '临床医学',
      level: '大学本科',
      degree: '学士',
      studyForm: '全日制',
      from: '2010-09',
      to: '2015-07',
    },
  ],
  training: [{ kind: '规范化培训', institution: '北京大学第一医院', from: '2015-09', to: '2018-08' }],
  certificates: [],
};

/** The default catalog with registration and ticket printing open around now. */
function openSeed(dir: string): string {
  const seed = JSON.parse(readFileSync(join(__dirname, '../../seed/catalog-2027.json'), 'utf8'));
  seed.session.windows = windowsAroundNow(Date.now(), 'now');
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

/** A signed-in API client: the session and CSRF cookies, and the token for writes. */
class Client {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: object | FormData, headers: Record<string, string> = {}) {
    const form = body instanceof FormData;
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body && !form ? { 'Content-Type': 'application/json' } : {}),
        ...(method === 'GET' ? {} : { 'X-CSRF-Token': this.csrf }),
        ...headers,
      },
      body: form ? body : body ? JSON.stringify(body) : undefined,
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair.split('=');
      this.cookies.set(name, value);
    }
    return res;
  }

  async ok(method: string, path: string, body?: object | FormData, headers?: Record<string, string>) {
    const res = await this.call(method, path, body, headers);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  async signIn(path: string, username: string, password: string): Promise<void> {
    const { captchaId } = (await (await this.call('POST', '/api/accounts/captcha')).json()) as { captchaId: string };
    await this.ok('POST', path, { username, password, captchaId, captcha: TEST_CAPTCHA_ANSWER });
    this.csrf = ((await (await this.ok('GET', '/api/csrf')).json()) as { csrfToken: string }).csrfToken;
  }

  get sessionCookie(): string {
    return this.cookies.get('sid') as string;
  }
}

/**
 * The journey after 第三步 — register, complete the profile with a photo, enroll in six steps,
 * submit, get approved and a ticket number — then what the seed's step 7 describes: the candidate
 * opens the print page, sees the form and the ticket, and presses 打印.
 */
describe('printing the registration form and the admission ticket in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let seedDir: string;
  const candidate = () => new Client(app.baseUrl);

  beforeAll(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'yikao-e2e-print-seed-'));
    app = await startApp({
      SEED_CATALOG_FILE: openSeed(seedDir),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('enrolls through the API, then prints the form and the ticket from the print page', async () => {
    const me = candidate();
    await me.ok('POST', '/api/accounts/register', CANDIDATE);
    await me.signIn('/api/accounts/login', CANDIDATE.username, CANDIDATE.password);
    const profile = await me.ok('GET', '/api/profile');
    await me.ok('PUT', '/api/profile', PROFILE, { 'If-Match': profile.headers.get('etag') as string });
    const photo = new FormData();
    const pixels = Buffer.alloc(215 * 300 * 4, 180);
    photo.append(
      'photo',
      new Blob([new Uint8Array(jpeg.encode({ data: pixels, width: 215, height: 300 }, 50).data)]),
      'photo.jpg',
    );
    await me.ok('POST', '/api/profile/photo', photo);

    await me.ok('POST', '/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' });
    await me.ok('PUT', '/api/enrollment/2027/basic-info');
    await me.ok('PUT', '/api/enrollment/2027/employment');
    const steps = (await (await me.ok('GET', '/api/profile')).json()) as {
      education: Array<{ id: string }>;
      training: Array<{ id: string }>;
    };
    await me.ok('PUT', '/api/enrollment/2027/qualifications', {
      educationIds: steps.education.map((entry) => entry.id),
      trainingIds: steps.training.map((entry) => entry.id),
    });
    await me.ok('PUT', '/api/enrollment/2027/certificates', { certificateIds: [] });
    await me.ok('PUT', '/api/enrollment/2027/site', { siteCode: '1101' });
    await me.ok('POST', '/api/enrollment/2027/submit');

    // Before a ticket number: the print page shows the form and says why there is no ticket.
    await page.setCookie({ name: 'sid', value: me.sessionCookie, url: app.baseUrl });
    await visit(page, '/enrollment/2027/print');
    expect(await page.$eval('.toolbar', (bar) => bar.textContent)).toContain('准考证号尚未发放');
    expect(await page.$$eval('.sheet', (sheets) => sheets.length)).toBe(1);

    const staff = new Client(app.baseUrl);
    await staff.signIn('/api/staff-accounts/login', ADMIN.username, ADMIN.password);
    const candidateId = ((await (await me.ok('GET', '/api/accounts/me')).json()) as { id: string }).id;
    await staff.ok('POST', `/api/staff/enrollments/2027/${candidateId}/approve`, { reason: '材料齐全' });
    await staff.ok('POST', '/api/staff/tickets/2027/issue');

    await visit(page, '/enrollment/2027/print');
    const sheets = await page.$$eval('.sheet', (all) => all.map((sheet) => sheet.textContent ?? ''));
    expect(sheets).toHaveLength(2);
    expect(sheets[0]).toContain('刘䶮');
    expect(sheets[0]).toContain('审核通过');
    expect(await page.$eval('.photo', (img) => (img as HTMLImageElement).naturalWidth)).toBe(215);
    // At 375 px the sheet keeps its A4 width in a desk that scrolls sideways: no value cell squeezed to nothing.
    const viewport = page.viewport()!;
    await atPhoneWidth(page);
    await checkAccessibility(page);
    const narrowest = await page.$$eval('.sheet td', (cells) =>
      Math.min(...cells.map((cell) => cell.getBoundingClientRect().width)),
    );
    expect(narrowest).toBeGreaterThan(20);
    await page.setViewport(viewport);
    const ticketNumber = /准考证号：\s*(\d+)/.exec(sheets[1])?.[1] as string;
    expect(ticketNumber).toMatch(/^\d{10,}$/);

    // 打印: the button opens the PDF of the form.
    const printHref = await page.$eval('.toolbar a.button', (link) => (link as HTMLAnchorElement).href);
    expect(await page.$eval('.toolbar a.button', (link) => link.textContent?.trim())).toBe('打印');
    // The page's CSP allows it no fetching: get what the link points to with the same session.
    const download = async (href: string) => {
      const res = await me.ok('GET', new URL(href).pathname);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return readPdf(Buffer.from(await res.arrayBuffer()))
        .pages.join('')
        .replace(/\s+/g, '');
    };
    const form = await download(printHref);
    expect(form).toContain('2027年医师资格考试报名表');
    expect(form).toContain('刘䶮');
    expect(form).toContain('北京大学医学部');
    const ticketHref = await page.$eval('.toolbar a[href="ticket.pdf"]', (link) => (link as HTMLAnchorElement).href);
    const ticket = await download(ticketHref);
    expect(ticket).toContain(ticketNumber);
    expect(ticket).toContain('东城区考点');
  });
});
