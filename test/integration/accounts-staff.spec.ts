import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { type AccountsTestApp, startAccountsApp } from './accounts-support';

const ADMIN = { username: 'root_admin', password: 'a long admin secret 2026' };

describe('staff, auditor and admin accounts', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, TRUST_PROXY: 'true' });
  }, 30_000);
  afterAll(() => t?.close());

  async function staffLogin(username: string, password: string) {
    const res = await t
      .http()
      .post('/api/staff-accounts/login')
      .send({ username, password, ...(await t.captcha()) });
    const sid = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('sid='));
    if (res.status !== 200 || !sid) return { status: res.status, body: res.body, cookie: '', csrf: '' };
    const csrfRes = await t.http().get('/api/csrf').set('Cookie', sid.split(';')[0]);
    const csrfCookie = (csrfRes.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='));
    return {
      status: 200,
      body: res.body,
      cookie: `${sid.split(';')[0]}; ${csrfCookie?.split(';')[0]}`,
      csrf: csrfRes.body.csrfToken as string,
    };
  }

  it('creates the first admin from configuration, who creates a scoped staff member and an auditor', async () => {
    const admin = await staffLogin(ADMIN.username, ADMIN.password);
    expect(admin.status).toBe(200);
    expect(admin.body.role).toBe('admin');
    const create = (body: object) =>
      t.http().post('/api/admin/staff-accounts').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf).send(body);

    await create({
      username: 'kaowu_bj',
      password: 'staff member secret',
      displayName: '王考务',
      role: 'staff',
      areaCode: '11',
    }).expect(201);
    await create({
      username: 'shenji01',
      password: 'auditor secret 01',
      displayName: '赵审计',
      role: 'auditor',
    }).expect(201);

    const before = await t.store.headPosition();
    let res = await create({
      username: 'kaowu_nosc',
      password: 'staff member secret',
      displayName: '李',
      role: 'staff',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('STAFF_SCOPE_INVALID');
    res = await create({
      username: 'KAOWU_BJ',
      password: 'staff member secret',
      displayName: '重名',
      role: 'staff',
      siteCode: '110101',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('STAFF_USERNAME_TAKEN');
    res = await create({ username: 'weakling', password: 'password1', displayName: '弱', role: 'auditor' });
    expect(res.body.error.fields[0].code).toBe('PASSWORD_TOO_COMMON');
    expect(await t.store.headPosition()).toBe(before);

    const list = await t.http().get('/api/admin/staff-accounts').set('Cookie', admin.cookie).expect(200);
    expect(list.body.map((row: { username: string }) => row.username)).toEqual(
      expect.arrayContaining(['root_admin', 'kaowu_bj', 'shenji01']),
    );
    expect(JSON.stringify(list.body)).not.toContain('argon2');
  });

  it('signs staff in with their scope, keeps them out of admin routes and candidates out of staff login', async () => {
    const staff = await staffLogin('kaowu_bj', 'staff member secret');
    expect(staff.status).toBe(200);
    const me = await t.http().get('/api/accounts/me').set('Cookie', staff.cookie).expect(200);
    expect(me.body).toMatchObject({ role: 'staff', scope: { areaCode: '11' } });
    await t.http().get('/api/admin/staff-accounts').set('Cookie', staff.cookie).expect(403);
    const asCandidate = await t
      .http()
      .post('/api/accounts/login')
      .send({ username: 'kaowu_bj', password: 'staff member secret', ...(await t.captcha()) });
    expect(asCandidate.status).toBe(401);
  });
  it('gives admins the 工作人员账户 page to list and create accounts', async () => {
    const admin = await staffLogin(ADMIN.username, ADMIN.password);
    const page = await t.http().get('/admin/staff').set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('kaowu_bj');
    expect(page.text).toContain('考区 11');
    // The first admin was made from the configuration, by no one: said in Chinese.
    expect(page.text).toContain('<td>系统配置（首个管理员）</td>');
    expect(page.text).not.toContain('<td>configuration</td>');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const post = (form: Record<string, string>) =>
      t
        .http()
        .post('/admin/staff')
        .type('form')
        .set('Cookie', admin.cookie)
        .send({ _csrf: token, ...form });
    const refused = await post({
      username: 'kaowu_sh',
      displayName: '沈考务',
      password: 'another staff secret',
      role: 'staff',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('考务人员须指定负责的考区或考点');
    expect(refused.text).toContain('value="kaowu_sh"');
    const created = await post({
      username: 'kaowu_sh',
      displayName: '沈考务',
      password: 'another staff secret',
      role: 'staff',
      siteCode: '3101',
    });
    expect(created.status).toBe(303);
    const list = await t
      .http()
      .get(created.headers.location as string)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(list.text).toContain('考点 3101');
    const staff = await staffLogin('kaowu_bj', 'staff member secret');
    await t.http().get('/admin/staff').set('Cookie', staff.cookie).expect(403);
  });

  it('shows a refused 停用 or 恢复 on its own row: the summary links there, the typed reason stays', async () => {
    const admin = await staffLogin(ADMIN.username, ADMIN.password);
    const page = await t.http().get('/admin/staff').set('Cookie', admin.cookie).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const post = (path: string, reason: string) =>
      t.http().post(path).type('form').set('Cookie', admin.cookie).send({ _csrf: token, reason });
    const rowInput = (html: string, staffId: string) =>
      new RegExp(`<input[^>]*id="reason-${staffId}"[^>]*>`).exec(html)?.[0] ?? '';

    const short = await post('/admin/staff/kaowu_sh/disable', '离职').expect(422);
    expect(short.text).toContain('<a href="#reason-kaowu_sh">请填写原因（至少 4 个字）</a>');
    expect(rowInput(short.text, 'kaowu_sh')).toContain('value="离职"');
    expect(rowInput(short.text, 'kaowu_sh')).toContain('aria-invalid="true"');
    expect(rowInput(short.text, 'kaowu_sh')).toContain('aria-describedby="reason-kaowu_sh-error"');
    expect(short.text).toMatch(/id="reason-kaowu_sh-error"[^>]*>.*请填写原因（至少 4 个字）/);
    // The other rows stay as they were: no value, nothing marked.
    expect(rowInput(short.text, 'kaowu_bj')).not.toMatch(/value=|aria-invalid/);

    // A refusal about the account itself (not the reason) is shown on its row too.
    const self = await post(`/admin/staff/${ADMIN.username}/disable`, '测试停用自己').expect(422);
    expect(self.text).toContain(`<a href="#reason-${ADMIN.username}">不能停用自己的账户</a>`);
    expect(rowInput(self.text, ADMIN.username)).toContain('value="测试停用自己"');

    await post('/admin/staff/kaowu_sh/disable', '调离考务岗位').expect(303);
    const blank = await post('/admin/staff/kaowu_sh/enable', '  ').expect(422);
    expect(blank.text).toContain('<a href="#reason-kaowu_sh">请填写原因（至少 4 个字）</a>');
    expect(rowInput(blank.text, 'kaowu_sh')).toContain('aria-invalid="true"');
    await post('/admin/staff/kaowu_sh/enable', '重新担任考务工作').expect(303);
  });

  it('marks the session cookie Secure behind a TLS proxy (TRUST_PROXY and X-Forwarded-Proto)', async () => {
    const res = await t
      .http()
      .post('/api/staff-accounts/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ ...ADMIN, ...(await t.captcha()) })
      .expect(200);
    const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='));
    expect(sid).toMatch(/; Secure/);
    expect(sid).toMatch(/HttpOnly/);
  });

  it('lets staff change their own password on their 安全设置 page', async () => {
    const staff = await staffLogin('shenji01', 'auditor secret 01');
    const redirect = await t.http().get('/security').set('Cookie', staff.cookie).expect(303);
    expect(redirect.headers.location).toBe('/staff/security');
    const page = await t.http().get('/staff/security').set('Cookie', staff.cookie).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const post = (form: Record<string, string>) =>
      t
        .http()
        .post('/staff/security')
        .type('form')
        .set('Cookie', staff.cookie)
        .send({ _csrf: token, ...form });
    const wrong = await post({
      currentPassword: 'not it at all',
      newPassword: 'auditor secret 02',
      confirmPassword: 'auditor secret 02',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('当前密码不正确');
    await post({
      currentPassword: 'auditor secret 01',
      newPassword: 'auditor secret 02',
      confirmPassword: 'auditor secret 02',
    }).expect(303);
    expect((await staffLogin('shenji01', 'auditor secret 01')).status).toBe(401);
    expect((await staffLogin('shenji01', 'auditor secret 02')).status).toBe(200);
  });
});

describe('production refuses test shortcuts', () => {
  const secrets = {
    IDENTITY_HASH_KEY: 'i'.repeat(32),
    SESSION_SECRET: 's'.repeat(32),
    DOCUMENT_SIGNING_KEY: 'd'.repeat(32),
    AUDIT_CHAIN_KEY: 'a'.repeat(32),
  };

  it('refuses CAPTCHA_MODE=test in production', () => {
    expect(() => loadConfig({ APP_ENV: 'production', CAPTCHA_MODE: 'test', ...secrets })).toThrow(ConfigError);
    const dataDir = mkdtempSync(join(tmpdir(), 'yikao-config-'));
    expect(loadConfig({ APP_ENV: 'test', CAPTCHA_MODE: 'test', DATA_DIR: dataDir }).captchaMode).toBe('test');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['admin123', 'changeme-please-2026', 'short1!', 'password12345'])(
    'refuses to start with admin password %j',
    (password) => {
      const env = { APP_ENV: 'production', ADMIN_USERNAME: 'root_admin', ADMIN_PASSWORD: password, ...secrets };
      expect(() => loadConfig(env)).toThrow(/ADMIN_PASSWORD .*refused in production/);
    },
  );
});
