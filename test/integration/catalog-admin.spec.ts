import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { createApp } from '../../src/bootstrap/create-app';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { examStream } from '../../src/catalog/catalog.events';
import { WINDOW_FIELDS } from '../../src/catalog/window-fields';
import { SeatLedger } from '../../src/enrollment/seats/seat-ledger.service';
import { EnrollmentQueries } from '../../src/enrollment/enrollment-queries';
import { writeTestSeed } from './enrollment-fixture';

const ADMIN = { username: 'catalog_admin', password: 'a long catalog admin phrase' };

describe('the catalog: public page and API, admin changes as events', () => {
  jest.setTimeout(60_000);
  let app: NestFastifyApplication;
  let dataDir: string;
  let admin: { cookie: string; csrf: string };
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'catalog-admin-'));
    app = await createApp({
      env: {
        APP_ENV: 'test',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        CAPTCHA_MODE: 'test',
        SEED_CATALOG_FILE: writeTestSeed(dataDir, 2),
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
      },
      logDestination: { write: () => undefined },
    });
    await app.init();
    const { body } = await http().post('/api/accounts/captcha').expect(201);
    const login = await http()
      .post('/api/staff-accounts/login')
      .send({ ...ADMIN, captchaId: body.captchaId, captcha: TEST_CAPTCHA_ANSWER })
      .expect(200);
    const sid = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!.split(';')[0];
    const csrfRes = await http().get('/api/csrf').set('Cookie', sid).expect(200);
    const csrf = (csrfRes.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('csrf='))!
      .split(';')[0];
    admin = { cookie: `${sid}; ${csrf}`, csrf: csrfRes.body.csrfToken as string };
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const asAdmin = (method: 'put' | 'post' | 'delete', path: string, body: object = {}) =>
    http()[method](path).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf).send(body);

  it('publishes the seeded 2027 session on /exams and in the API', async () => {
    const page = await http().get('/exams').expect(200);
    expect(page.text).toContain('2027年医师资格考试');
    expect(page.text).toContain('临床执业医师');
    const api = await http().get('/api/catalog/sessions/2027').expect(200);
    expect(api.body.areas).toHaveLength(31);
    expect(api.body.categories.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['110', '210', '145', '245']),
    );
  });

  it('keeps catalog changes to admins', async () => {
    await http().put('/api/admin/catalog/sessions/2027/sites/1101/capacity').send({ capacity: 5 }).expect(401);
  });

  it('changes a capacity as events, answering with the read model already updated', async () => {
    const res = await asAdmin('put', '/api/admin/catalog/sessions/2027/sites/1102/capacity', { capacity: 450 }).expect(
      200,
    );
    const site = res.body.areas[0].sites.find((s: { code: string }) => s.code === '1102');
    expect(site.capacity).toBe(450);
    const events = await app.get<EventStore>(EVENT_STORE).readStream(examStream('2027'));
    expect(events.at(-1)).toMatchObject({ type: 'SiteCapacityChanged', metadata: { actor: { role: 'admin' } } });
  });

  it('refuses a capacity below the seats already held, changing nothing', async () => {
    const context = { actor: { id: 'x', role: 'candidate' as const }, correlationId: 'c', now: new Date() };
    for (const enrollmentId of ['2027_a', '2027_b'])
      await app.get(SeatLedger).execute(
        {
          type: 'HoldSeat',
          sessionCode: '2027',
          siteCode: '1101',
          enrollmentId,
          holdId: `hold-${enrollmentId}`,
          catalogCapacity: 2,
          siteOpen: true,
        },
        context,
      );
    const store = app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const res = await asAdmin('put', '/api/admin/catalog/sessions/2027/sites/1101/capacity', { capacity: 1 }).expect(
      422,
    );
    expect(res.body.error.code).toBe('CAPACITY_BELOW_HELD');
    expect(await store.headPosition()).toBe(before);

    // On the page, among ~90 sites, the refusal stands beside this site's box, which keeps what was typed.
    const page = await http()
      .post('/admin/catalog/2027')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: admin.csrf, action: 'capacity', siteCode: '1101', capacity: '1' })
      .expect(422);
    expect(page.text).toMatch(/id="capacity-1101" name="capacity" value="1"[^>]*aria-invalid="true"/);
    expect(page.text).toContain('<a href="#capacity-1101">考点1101：');
    expect(page.text).toMatch(/id="capacity-1102" name="capacity" value="450" inputmode="numeric">/);
    const hex = await asAdmin('put', '/api/admin/catalog/sessions/2027/sites/1101/capacity', { capacity: '0x20' });
    expect(hex.status).toBe(400);
    expect(await store.headPosition()).toBe(before);
  });

  it('stops registration at a site and opens it again, on the page and through the API', async () => {
    const site = async () =>
      (await http().get('/api/catalog/sessions/2027').expect(200)).body.areas[0].sites.find(
        (s: { code: string }) => s.code === '1103',
      );
    await asAdmin('delete', '/api/admin/catalog/sessions/2027/sites/1103').expect(200);
    expect(await site()).toMatchObject({ open: false });
    const page = await http().get('/admin/catalog/2027').set('Cookie', admin.cookie).expect(200);
    expect(page.text).toMatch(/name="action" value="reopen-site"><input type="hidden" name="siteCode" value="1103">/);
    await http()
      .post('/admin/catalog/2027')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: admin.csrf, action: 'reopen-site', siteCode: '1103' })
      .expect(303);
    expect(await site()).toMatchObject({ open: true });
    // Step 6 offers it again: its free places (site-occupancy) say open.
    const places = await app.get(EnrollmentQueries).sites('2027', '11');
    expect(places.find((place) => place.siteCode === '1103')).toMatchObject({ open: true });
    await asAdmin('delete', '/api/admin/catalog/sessions/2027/sites/1103').expect(200);
    const reopened = await asAdmin('post', '/api/admin/catalog/sessions/2027/sites/1103/reopen').expect(200);
    expect(reopened.body.areas[0].sites.find((s: { code: string }) => s.code === '1103')).toMatchObject({ open: true });
    const events = await app.get<EventStore>(EVENT_STORE).readStream(examStream('2027'));
    expect(events.at(-1)).toMatchObject({ type: 'ExamSiteReopened', data: { siteCode: '1103' } });
    await asAdmin('post', '/api/admin/catalog/sessions/2027/sites/9999/reopen').expect(404);
  });

  it('offers a new category and refuses a malformed one with a field error', async () => {
    const category = {
      code: '250',
      name: '测试执业助理医师',
      level: '执业助理医师',
      requirements: { minimumEducation: '大专', trainingRequired: false, certificatesRequired: false },
    };
    await asAdmin('post', '/api/admin/catalog/sessions/2027/categories', category).expect(201);
    const bad = await asAdmin('post', '/api/admin/catalog/sessions/2027/categories', {
      ...category,
      code: '25',
    }).expect(400);
    expect(bad.body.error.fields[0].field).toBe('code');
  });

  it('changes the windows through the admin page form, and shows a bad date beside its field', async () => {
    const page = await http().get('/admin/catalog/2027').set('Cookie', admin.cookie).expect(200);
    const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page.text)![1];
    // Dates around the test's windows (windowsAroundNow): an hour more for 放弃报考, one more exam day.
    const deadline = new Date(Date.parse(field('registrationClosesAt')) + 3600_000).toISOString();
    const shownDays = field('examDates').split(',');
    const lastDay = shownDays.at(-1)!;
    const nextDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
    const examDates = [...shownDays, nextDay];
    const form = {
      _csrf: admin.csrf,
      action: 'windows',
      registrationOpensAt: field('registrationOpensAt'),
      registrationClosesAt: field('registrationClosesAt'),
      withdrawalDeadline: deadline,
      ticketPrintingOpensAt: field('ticketPrintingOpensAt'),
      ticketPrintingClosesAt: field('ticketPrintingClosesAt'),
      examDates: examDates.join(', '),
    };
    const saved = await http()
      .post('/admin/catalog/2027')
      .set('Cookie', admin.cookie)
      .type('form')
      .send(form)
      .expect(303);
    expect(saved.headers.location).toBe('/admin/catalog/2027?saved=1');
    const api0 = await http().get('/api/catalog/sessions/2027').expect(200);
    expect(api0.body.session.windows).toMatchObject({ withdrawalDeadline: deadline, examDates });

    const refused = await http()
      .post('/admin/catalog/2027')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ ...form, withdrawalDeadline: '2027-13-99' })
      .expect(400);
    expect(refused.text).toContain(
      '<a href="#withdrawalDeadline">放弃报考、修改考点截止时间“2027-13-99”无法识别，请按北京时间填写，如 2027-01-31 17:00</a>',
    );
    // What was typed stays in the boxes, the bad date beside its message.
    expect(refused.text).toMatch(/id="withdrawalDeadline" name="withdrawalDeadline" type="text" value="2027-13-99"/);
    expect(refused.text).toContain(`value="${examDates.join(', ')}"`);

    // Days that do not exist, and exam days before the registration closes, are refused too.
    for (const [change, message] of [
      [{ registrationClosesAt: '2027-02-31T17:00:00+08:00' }, '报名截止时间“2027-02-31T17:00:00+08:00”不存在'],
      [{ examDates: '2027-02-30' }, '考试日期“2027-02-30”不存在'],
      [{ examDates: field('registrationOpensAt').slice(0, 10) }, '考试日期须晚于报名截止时间'],
    ] as const) {
      const before = JSON.stringify((await http().get('/api/catalog/sessions/2027').expect(200)).body.session);
      const order = await http()
        .post('/admin/catalog/2027')
        .set('Cookie', admin.cookie)
        .type('form')
        .send({ ...form, ...change })
        .expect(400);
      expect(order.text).toContain(message);
      expect(JSON.stringify((await http().get('/api/catalog/sessions/2027').expect(200)).body.session)).toBe(before);
    }
    const api = await asAdmin('put', '/api/admin/catalog/sessions/2027/windows', {
      ...api0.body.session.windows,
      withdrawalDeadline: `${nextDay}T09:00:00+08:00`, // on the last exam day
    }).expect(400);
    expect(api.body.error.fields).toEqual([
      expect.objectContaining({ field: 'withdrawalDeadline', code: 'WINDOW_ORDER' }),
    ]);
  });

  it('refuses a category form that would undo another admin’s change made since the page was shown', async () => {
    const page = (await http().get('/admin/catalog/2027').set('Cookie', admin.cookie).expect(200)).text;
    const shown = new RegExp('name="code" value="120"><input type="hidden" name="shown" value="([^"]+)"').exec(
      page,
    )![1];
    const current = (await http().get('/api/catalog/sessions/2027').expect(200)).body.categories.find(
      (c: { code: string }) => c.code === '120',
    );
    const { offered: _offered, ...asOffered } = current;
    // Another admin requires certificates meanwhile.
    await asAdmin('put', '/api/admin/catalog/sessions/2027/categories/120', {
      ...asOffered,
      requirements: { ...current.requirements, certificatesRequired: true },
    }).expect(200);
    const form = {
      _csrf: admin.csrf,
      action: 'change-category',
      code: '120',
      minimumEducation: '硕士研究生',
      trainingRequired: 'on',
      shown,
    };
    const post = (body: Record<string, string>) =>
      http().post('/admin/catalog/2027').set('Cookie', admin.cookie).type('form').send(body);
    const stale = await post(form).expect(409);
    expect(stale.text).toContain('其他管理员在您打开本页后修改了这项内容，本次未保存');
    expect(stale.text).toContain('现在保存的是：口腔执业医师（执业医师），本科及以上，需培训经历，需证书'); // the other admin's change, said
    expect(stale.text).toMatch(/id="minimumEducation-120"[^>]*aria-invalid="true"/);
    const requirements = async () =>
      (await http().get('/api/catalog/sessions/2027').expect(200)).body.categories.find(
        (c: { code: string }) => c.code === '120',
      ).requirements;
    expect(await requirements()).toMatchObject({ certificatesRequired: true, minimumEducation: '本科' });
    // Sent again from the refused page, knowing what changed, it is a deliberate overwrite.
    const now = new RegExp('name="code" value="120"><input type="hidden" name="shown" value="([^"]+)"').exec(
      stale.text,
    )![1];
    await post({ ...form, shown: now }).expect(303);
    expect(await requirements()).toEqual({
      minimumEducation: '硕士研究生',
      trainingRequired: true,
      certificatesRequired: false,
    });
  });

  it('pins API changes of the windows and of a category to the ETag of their GET (If-Match)', async () => {
    const api = (path: string) => http().get(path).set('Cookie', admin.cookie);
    const windows = await api('/api/admin/catalog/sessions/2027/windows').expect(200);
    const etag = windows.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const path = '/api/admin/catalog/sessions/2027/windows';
    // Another admin moves the withdrawal deadline an hour earlier meanwhile (with no If-Match: unpinned).
    const earlier = new Date(Date.parse(windows.body.windows.withdrawalDeadline) - 3600_000).toISOString();
    const other = await asAdmin('put', path, { ...windows.body.windows, withdrawalDeadline: earlier }).expect(200);
    expect(other.headers.etag).not.toBe(etag);
    const mine = {
      ...windows.body.windows,
      ticketPrintingClosesAt: `${windows.body.windows.examDates.at(-1)}T11:00:00+08:00`,
    };
    const before = await app.get<EventStore>(EVENT_STORE).readStream(examStream('2027'));
    const stale = await asAdmin('put', path, mine).set('If-Match', etag).expect(409);
    expect(stale.body.error.code).toBe('CATALOG_CHANGED');
    expect(stale.body.error.message).toContain(earlier);
    expect(await app.get<EventStore>(EVENT_STORE).readStream(examStream('2027'))).toHaveLength(before.length);
    const bad = await asAdmin('put', path, mine).set('If-Match', 'not-quoted').expect(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'If-Match', code: 'IF_MATCH_INVALID' })]);
    const saved = await asAdmin('put', path, mine)
      .set('If-Match', other.headers.etag as string)
      .expect(200);
    expect(saved.body.session.windows.ticketPrintingClosesAt).toBe(mine.ticketPrintingClosesAt);
    expect((await api(path).expect(200)).headers.etag).toBe(saved.headers.etag);

    // A category: a rename made since is not undone by a PUT from before it.
    const categoryPath = '/api/admin/catalog/sessions/2027/categories/130';
    const category = await api(categoryPath).expect(200);
    const { offered: _offered, ...asSent } = category.body;
    await asAdmin('put', categoryPath, { ...asSent, name: '公共卫生类别执业医师' }).expect(200);
    const undo = await asAdmin('put', categoryPath, {
      ...asSent,
      requirements: { ...asSent.requirements, trainingRequired: false },
    })
      .set('If-Match', category.headers.etag as string)
      .expect(409);
    expect(undo.body.error.message).toContain('公共卫生类别执业医师');
    expect((await api(categoryPath).expect(200)).body.name).toBe('公共卫生类别执业医师');
    await api('/api/admin/catalog/sessions/2027/categories/999').expect(404);
  });

  it('opens an area and a site and changes a category’s requirements through the admin page', async () => {
    const post = (form: Record<string, string>) =>
      http()
        .post('/admin/catalog/2027')
        .set('Cookie', admin.cookie)
        .type('form')
        .send({ _csrf: admin.csrf, ...form });
    await post({ action: 'open-area', newAreaCode: '71', areaName: '台湾省' }).expect(303);
    await post({
      action: 'open-site',
      siteCode: '7101',
      siteName: '台北考点（示例）',
      city: '台北市',
      address: '示例地址',
      siteCapacity: '120',
    }).expect(303);
    const badSite = await post({ action: 'open-site', siteCode: '710', siteName: '', city: '台北市', address: 'x' });
    expect(badSite.status).toBe(400);
    expect(badSite.text).toMatch(/id="siteCode"[^>]*aria-invalid="true"/);
    expect(badSite.text).toMatch(/id="city" name="city" type="text" value="台北市"/); // kept for the correction
    const taken = await post({
      action: 'offer-category',
      code: '110',
      name: '重复的类别',
      level: '执业助理医师',
      minimumEducation: '大专',
    });
    expect(taken.status).toBe(422);
    expect(taken.text).toMatch(/id="name" name="name" type="text" value="重复的类别"/);
    expect(taken.text).toMatch(/<option selected>执业助理医师<\/option>/);
    const blankCapacity = await post({ action: 'capacity', siteCode: '7101', capacity: ' ' });
    expect(blankCapacity.status).toBe(400); // an empty box does not close the site (capacity 0)
    expect((await post({ action: 'capacity', siteCode: '7101', capacity: '0x10' })).status).toBe(400);
    await post({
      action: 'change-category',
      code: '110',
      name: '页面打开时的旧名称', // a page opened before a rename through the API does not undo it
      level: '执业医师',
      minimumEducation: '硕士研究生',
      certificatesRequired: 'on',
    }).expect(303);

    const api = await http().get('/api/catalog/sessions/2027').expect(200);
    expect(api.body.areas.find((area: { code: string }) => area.code === '71')).toMatchObject({
      name: '台湾省',
      sites: [expect.objectContaining({ code: '7101', capacity: 120, open: true })],
    });
    expect(api.body.categories.find((category: { code: string }) => category.code === '110').name).toBe('临床执业医师');
    expect(api.body.categories.find((category: { code: string }) => category.code === '110').requirements).toEqual({
      minimumEducation: '硕士研究生',
      trainingRequired: false,
      certificatesRequired: true,
    });
  });

  const pageForm = (form: Record<string, string>) =>
    http()
      .post('/admin/catalog/2027')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  /** The windows form as the page shows it now, and its exam days. */
  async function windowsForm() {
    const page = await http().get('/admin/catalog/2027').set('Cookie', admin.cookie).expect(200);
    const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page.text)![1];
    const form: Record<string, string> = { action: 'windows', examDates: field('examDates') };
    for (const [name] of WINDOW_FIELDS) form[name] = field(name);
    return { form, days: form.examDates.split(',') };
  }

  it('names the field of each message: a new site’s empty texts, and which exam day is wrong and how', async () => {
    const blank = await pageForm({
      action: 'open-site',
      siteCode: '1190',
      siteName: '新考点（示例）',
      city: '',
      address: ' ',
      siteCapacity: '100',
    }).expect(400);
    expect(blank.text).toContain('<a href="#city">请填写所在城市</a>');
    expect(blank.text).toContain('<a href="#address">请填写地址</a>');
    expect(blank.text).not.toContain('此项为必填项');
    expect(blank.text).toMatch(
      /id="city-error"><span class="field__icon" aria-hidden="true">✕<\/span><span class="visually-hidden">错误：<\/span>请填写所在城市/,
    );
    expect(blank.text).toMatch(/id="address-error">.*请填写地址/);

    const { form, days } = await windowsForm();
    const malformed = await pageForm({ ...form, examDates: `${days.join(', ')}, 8月21日` }).expect(400);
    expect(malformed.text).toContain('<a href="#examDates">考试日期“8月21日”格式应为 YYYY-MM-DD</a>');
    const none = await pageForm({ ...form, examDates: ' ' }).expect(400);
    expect(none.text).toContain('<a href="#examDates">请填写考试日期</a>');
  });

  it('reads full-width digits in capacities and codes, and an exam day written without padding or in Chinese', async () => {
    await pageForm({ action: 'capacity', siteCode: '1102', capacity: '１２０' }).expect(303);
    await pageForm({
      action: 'open-site',
      siteCode: '１１９０',
      siteName: '新考点（示例）',
      city: '东城区',
      address: '示例地址',
      siteCapacity: '３００',
    }).expect(303);
    const sites = (await http().get('/api/catalog/sessions/2027').expect(200)).body.areas[0].sites as Array<{
      code: string;
      capacity: number;
    }>;
    expect(sites.find((site) => site.code === '1102')?.capacity).toBe(120);
    expect(sites.find((site) => site.code === '1190')?.capacity).toBe(300);

    const { form, days } = await windowsForm();
    const next = new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 24 * 3600_000);
    const [year, month, day] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
    const unpadded = days.map((shown) => shown.replace(/-0/g, '-').replace(/-/g, '/'));
    await pageForm({ ...form, examDates: [...unpadded, `${year}年${month}月${day}日`].join('，') }).expect(303);
    const windows = (await http().get('/api/catalog/sessions/2027').expect(200)).body.session.windows;
    expect(windows.examDates).toEqual([...days, next.toISOString().slice(0, 10)]);
    // Read as meant, but a day that does not exist is still refused, by name.
    const february = await pageForm({ ...form, examDates: `${days.join(',')},${year}-2-30` }).expect(400);
    expect(february.text).toContain(`考试日期“${year}-02-30”不存在`);
  });

  it('reads a window’s time typed as the pages show times, in Beijing time, and stores it with its offset', async () => {
    const { form } = await windowsForm();
    // An hour before the deadline shown, to the minute, written as a Beijing wall clock.
    const earlier = new Date(Math.floor((Date.parse(form.withdrawalDeadline) - 3600_000) / 60_000) * 60_000);
    const wallClock = new Date(earlier.getTime() + 8 * 3600_000).toISOString();
    const typed = `${wallClock.slice(0, 10)} ${wallClock.slice(11, 16)}`;
    await pageForm({ ...form, withdrawalDeadline: typed }).expect(303);
    const windows = (await http().get('/api/catalog/sessions/2027').expect(200)).body.session.windows;
    expect(windows.withdrawalDeadline).toBe(`${wallClock.slice(0, 19)}+08:00`);
    expect(Date.parse(windows.withdrawalDeadline)).toBe(earlier.getTime());
    // A date without its time of day is not guessed.
    const dateOnly = await pageForm({ ...form, withdrawalDeadline: wallClock.slice(0, 10) }).expect(400);
    expect(dateOnly.text).toContain('无法识别，请按北京时间填写');
  });

  it('renders the admin catalog page', async () => {
    const page = await http().get('/admin/catalog/2027').set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('报名时间与截止日期');
    expect(page.text).toContain('东城区考点（示例）');
  });
});
