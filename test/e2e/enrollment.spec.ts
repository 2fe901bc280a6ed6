import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { formatBeijingTime } from '../../src/catalog/browse-catalog/catalog-dates';
import type { CatalogSeed } from '../../src/catalog/catalog-seed';
import { residentId } from '../integration/accounts-support';
import { writeTestSeed } from '../integration/enrollment-fixture';
import { EmbeddedReadStore } from '../../src/infrastructure/read-store/embedded/embedded-read-store';
import { TICKET_RUNS_COLLECTION, type TicketRunDocument } from '../../src/enrollment/tickets/ticket-run';
import { type RunningApp, checkAccessibility, launchBrowser, startApp, visit } from './support';

jest.setTimeout(240_000);

const ADMIN = { username: 'e2e_exam_admin', password: 'e2e exam admin phrase' };
const CANDIDATE = { username: 'e2e_enrollee', password: 'enrollee secret phrase' };

/**
 * Pledge → steps → 提交; 修改考点; 放弃报考; enroll again; staff rejects, the candidate resubmits, staff approve
 * it with 通过所选; tickets; the candidate sees the number.
 */
describe('enrollment journey in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let staffContext: BrowserContext;
  let page: Page;
  let seedDir: string;
  let seedFile: string;

  beforeAll(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'e2e-enrollment-seed-'));
    app = await startApp({
      SEED_CATALOG_FILE: (seedFile = writeTestSeed(seedDir, 300)),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    staffContext = await browser.createBrowserContext();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  const path = (on: Page = page) => new URL(on.url()).pathname + new URL(on.url()).search;
  async function click(selector: string, on: Page = page) {
    await Promise.all([on.waitForNavigation({ waitUntil: 'networkidle0' }), on.click(selector)]);
    await checkAccessibility(on);
  }
  const mainText = (on: Page = page) => on.$eval('main', (el) => el.textContent ?? '');

  it('signs in a registered candidate whose profile has an education and a training entry', async () => {
    const registered = await fetch(`${app.baseUrl}/api/accounts/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...CANDIDATE,
        realName: '李报名',
        gender: 'F',
        birthDate: '1990-01-01',
        idType: 'resident',
        idNumber: residentId(42),
        nationality: '中国',
        mobile: '13800138000',
        email: 'enrollee@example.cn',
        securityQuestion: '我的小学校名',
        securityAnswer: '实验小学',
      }),
    });
    expect(registered.status).toBe(201);
    await visit(page, '/login');
    await page.type('[name="username"]', CANDIDATE.username);
    await page.type('[name="password"]', CANDIDATE.password);
    await page.type('[name="captcha"]', TEST_CAPTCHA_ANSWER);
    await click('main form button[type="submit"]');

    const saved = await page.evaluate(async () => {
      const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
      const current = await fetch('/api/profile');
      const res = await fetch('/api/profile', {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrf,
          'if-match': current.headers.get('etag') ?? '',
        },
        body: JSON.stringify({
          contact: {
            phone: '13800138000',
            email: 'enrollee@example.cn',
            address: '北京市东城区示例路1号',
            postcode: '100010',
          },
          employment: {
            employer: '某医院（测试）',
            department: '内科',
            position: '医师',
            title: '住院医师',
            startMonth: '2020-09',
          },
          education: [
            {
              school: '某医学院（测试）',
              major: '临床医学',
              level: '大学本科',
              degree: '学士',
              studyForm: '全日制',
              from: '2014-09',
              to: '2019-07',
            },
          ],
          training: [{ kind: '试用期', institution: '某医院（测试）', from: '2019-08', to: '2020-08' }],
          certificates: [],
        }),
      });
      return res.status;
    });
    expect(saved).toBe(200);
  });

  async function enrollThroughStep6(siteCode: string) {
    await visit(page, '/enrollment');
    await click('a.enroll-plus');
    expect(await page.$eval('h1', (el) => el.textContent)).toContain('考生承诺书');
    await page.click('#accept');
    await click('main form button[type="submit"]');
    await page.type('[name="q"]', '临床');
    await click('form[role="search"] button');
    await click('button[data-category="110"]');
    expect(path()).toBe('/enrollment/2027/step/2');
    expect(await mainText()).toContain('李报名');
    await click('button[value="next"]');
    const employer = '[name="employment[employer]"]';
    expect(await page.$eval(employer, (el) => (el as HTMLInputElement).value)).toBe('某医院（测试）');
    await click('button[value="next"]');
    // 保存 keeps an incomplete selection (no education ticked) and says the step is still to do.
    await page.click('input[name="trainingIds"]');
    await click('button[value="save"]');
    expect(path()).toBe('/enrollment/2027/step/4?saved=1');
    expect(await mainText()).toContain('已保存，但本步尚未完成：请至少选择一项教育经历');
    expect(await page.$eval('input[name="trainingIds"]', (el) => (el as HTMLInputElement).checked)).toBe(true);
    // 下一步 refuses it: the group shows the red bar, and the summary's link takes focus to its first choice.
    await click('button[value="next"]');
    expect(await page.$eval('#education', (el) => getComputedStyle(el).borderLeftStyle)).toBe('solid');
    await page.click('[data-error-summary] a[href="#education"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('educationIds');
    await page.click('input[name="educationIds"]');
    await click('button[value="save"]');
    expect(path()).toBe('/enrollment/2027/step/4?saved=1');
    expect(await mainText()).not.toContain('本步尚未完成');
    await click('button[value="next"]');
    await click('button[value="next"]');
    expect(path()).toBe('/enrollment/2027/step/6');
    await page.select('select[name="area"]', '11');
    await click('main form[method="get"] button');
    expect(await mainText()).toContain('剩余名额');
    await page.click(`#site-${siteCode}`);
    await click('button[value="next"]');
    expect(path()).toBe('/enrollment/2027/review');
  }

  it('saves a correction made in step 3 back to the profile with 保存', async () => {
    await enrollThroughStep6('1102');
    await visit(page, '/enrollment/2027/step/3');
    const department = '[name="employment[department]"]';
    await page.$eval(department, (el) => ((el as HTMLInputElement).value = ''));
    await page.type(department, '急诊科');
    await click('button[value="save"]');
    expect(path()).toBe('/enrollment/2027/step/3?saved=1');
    const profile = await page.evaluate(async () => (await fetch('/api/profile')).json());
    expect(JSON.stringify(profile)).toContain('急诊科');
  });

  it('goes from the pledge through the six steps to a submitted enrollment', async () => {
    await visit(page, '/enrollment/2027/review');
    expect(await mainText()).toContain('110 临床执业医师');
    await click('main form button[type="submit"]');
    expect(path()).toBe('/enrollment?done=submitted');
    expect(await page.$eval('[data-status]', (el) => el.textContent)).toContain('已提交');
    expect(await mainText()).toContain('海淀区考点');
  });

  it('changes the site', async () => {
    await click('a[href="/enrollment/2027/change-site"]');
    await page.click('#site-1103');
    await click('main form[method="post"] button[type="submit"]');
    expect(path()).toBe('/enrollment?done=changed');
    expect(await mainText()).toContain('朝阳区考点');
  });

  it('withdraws, then enrolls again', async () => {
    await click('a[href="/enrollment/2027/withdraw"]');
    await click('main form button[type="submit"]');
    expect(path()).toBe('/enrollment?done=withdrawn');
    expect(await page.$eval('[data-status]', (el) => el.textContent)).toContain('已放弃报考');
    await enrollThroughStep6('1101');
    await click('main form button[type="submit"]');
    expect(await page.$eval('[data-status]', (el) => el.textContent)).toContain('已提交');
  });

  it('lets staff reject with a reason, the candidate resubmit, staff approve with 通过所选 and issue tickets', async () => {
    const staff = await staffContext.newPage();
    await visit(staff, '/staff/login');
    await staff.type('[name="username"]', ADMIN.username);
    await staff.type('[name="password"]', ADMIN.password);
    await staff.type('[name="captcha"]', TEST_CAPTCHA_ANSWER);
    await click('main form button[type="submit"]', staff);
    await visit(staff, '/staff/review?status=submitted');
    expect(await mainText(staff)).toContain('李报名');
    // 全选 (shown by the page's script) ticks every row 通过所选 would approve.
    await staff.click('#select-all');
    const ticked = await staff.$$eval('input.select-row', (boxes) =>
      boxes.map((box) => (box as HTMLInputElement).checked),
    );
    expect(ticked.length).toBeGreaterThan(0);
    expect(ticked.every(Boolean)).toBe(true);
    // Each box belongs to the 通过所选 form (its form= attribute), which carries the CSRF token.
    const owners = await staff.$$eval('input.select-row', (boxes) =>
      boxes.map(
        (box) => (box as HTMLInputElement).form?.querySelector('[name="_csrf"]') && (box as HTMLInputElement).form?.id,
      ),
    );
    expect(new Set(owners)).toEqual(new Set(['approve-batch']));
    await staff.click('#select-all');
    // Enter in a reason box must decide nothing: the browser's implicit submission finds the
    // form's disabled default button and sends no request.
    const posts: string[] = [];
    staff.on('request', (request) => void (request.method() === 'POST' && posts.push(request.url())));
    await staff.type('tr[data-enrollment] input[name="reason"]', '材料齐全');
    await staff.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(posts).toEqual([]);
    expect(path(staff)).toBe('/staff/review?status=submitted');

    // The whole submission, then the decision from there: 不通过, with the reason the candidate will read.
    await click('tr[data-enrollment] td a', staff);
    expect(await mainText(staff)).toContain('教育经历');
    await staff.type('main input[name="reason"]', '请补充学历证书');
    await staff.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(posts).toEqual([]);
    await click('main button[value="reject"]', staff);
    expect(await mainText(staff)).toContain('已记录审核不通过及原因');

    // The candidate reads the reason, and resubmits before the deadline.
    await visit(page, '/enrollment');
    expect(await mainText()).toContain('请补充学历证书');
    expect(await page.$eval('[data-status]', (el) => el.textContent)).toContain('审核未通过');
    await click('a[href="/enrollment/2027/continue"]');
    expect(path()).toBe('/enrollment/2027/review');
    await click('main form button[type="submit"]');
    expect(await page.$eval('[data-status]', (el) => el.textContent)).toContain('已提交');

    // 通过所选: the resubmitted row ticked with 全选 and approved from the list.
    await visit(staff, '/staff/review?status=submitted');
    await staff.click('#select-all');
    await click('form#approve-batch button[type="submit"]', staff);
    expect(await mainText(staff)).toContain('已审核通过 1 条');
    await visit(staff, '/staff/review?status=approved');
    expect(await mainText(staff)).toContain('李报名');
    await click('form[action$="/tickets/issue"] button', staff);
    expect(await mainText(staff)).toContain('新分配准考证号 1 个');
    expect(path(staff)).toMatch(/^\/staff\/review\/2027\/tickets\/runs\/[0-9a-f-]{36}$/);

    await visit(page, '/enrollment');
    const ticket = await page.$eval('[data-ticket-number]', (el) => el.textContent ?? '');
    expect(ticket).toMatch(/^271101110001\d/);
    expect(ticket).toContain('第1考场 1号座位');
    // Numbers come weeks before printing opens: the card says when to print.
    const { windows } = (JSON.parse(readFileSync(seedFile, 'utf8')) as CatalogSeed).session;
    expect(await page.$eval('[data-ticket-printing]', (el) => el.textContent)).toBe(
      `${formatBeijingTime(windows.ticketPrintingOpensAt)} 至 ${formatBeijingTime(windows.ticketPrintingClosesAt)}`,
    );

    // 报名变更 and the admin's catalog page (each visit is checked with axe).
    await visit(staff, '/staff/review?status=approved');
    await click('tr[data-enrollment] a[href$="/changes"]', staff);
    expect(await mainText(staff)).toContain('代考生放弃报考');
    expect(await mainText(staff)).not.toContain('确认修改考点'); // a ticketed enrollment stays at its site
    await visit(staff, '/admin/catalog/2027');
    expect(await mainText(staff)).toContain('新增考点');
    // 座位核对, linked from 资格审核: every enrollment holds its seat here.
    await visit(staff, '/staff/review');
    expect(await staff.$eval('a[href="/staff/seat-check?session=2027"]', (el) => el.textContent)).toBe('座位核对');
    await visit(staff, '/staff/seat-check?session=2027');
    expect(await mainText(staff)).toContain('您负责范围内的报名都已占有考点座位');
  });

  it('follows a ticket batch still going on its page until it ends, without reloading', async () => {
    const staff = await staffContext.newPage();
    // A run as another app process reports it through the shared read store.
    const readStore = new EmbeddedReadStore({ file: join(app.dataDir, 'read-models.sqlite') });
    const runs = await readStore.collection<TicketRunDocument>(TICKET_RUNS_COLLECTION);
    const now = () => new Date().toISOString();
    const going: TicketRunDocument = {
      ...{ runId: '0190f0f0-0000-7000-8000-00000000beef', sessionCode: '2027', scopeKey: 'all', scope: null },
      ...{ startedBy: { id: 'x', username: 'kaowu_elsewhere', role: 'admin' }, startedAt: now(), heartbeatAt: now() },
      ...{ finishedAt: null, status: 'running', phase: 'recording', approved: 1000, allocated: 1000 },
      ...{ processed: 400, issued: 400, skippedCount: 0, skipped: [], error: null },
    };
    try {
      await runs.put(going.runId, going, 1n, { expectedPosition: null });
      await visit(staff, `/staff/review/2027/tickets/runs/${going.runId}`);
      expect(await mainText(staff)).toContain('已处理 400 / 1000 条报名');
      const announced = () => staff.$eval('#ticket-run-announcement[role="status"]', (el) => el.textContent);
      expect(await announced()).toBe('进行中：正在将准考证号记入报名');
      // The live region stays the same element, so what it is given is read out.
      await staff.$eval('#ticket-run-announcement', (el) => el.setAttribute('data-kept', ''));
      await runs.put(going.runId, { ...going, processed: 700, issued: 700, heartbeatAt: now() }, 2n);
      await staff.waitForFunction(() => document.querySelector('main')?.textContent?.includes('已处理 700 / 1000'));
      expect(await announced()).toBe('进行中：正在将准考证号记入报名'); // a count alone is not announced
      const done = { status: 'done', phase: 'finished', processed: 1000, issued: 1000, finishedAt: now() } as const;
      await runs.put(going.runId, { ...going, ...done, heartbeatAt: now() }, 3n);
      await staff.waitForSelector('[data-run-status="done"]', { timeout: 10_000 });
      expect(await mainText(staff)).toContain('本次新分配准考证号 1000 个，记入报名 1000 条');
      expect(await staff.$('[data-refresh-while-running]')).toBeNull();
      expect(await announced()).toBe('已完成：本次新分配准考证号 1000 个，记入报名 1000 条');
      expect(await staff.$('#ticket-run-announcement[data-kept]')).not.toBeNull();
      await checkAccessibility(staff);
    } finally {
      await readStore.close();
    }
  });
});
