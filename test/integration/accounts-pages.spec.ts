import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { type AccountsTestApp, browser, residentId, startAccountsApp, VALID } from './accounts-support';

describe('account pages', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp();
  }, 30_000);
  afterAll(() => t?.close());

  it('marks a wrong field red with its reason in the title and aria-describedby, keeping what was typed', async () => {
    const b = browser(t);
    const page = await b.get('/register');
    expect(page.status).toBe(200);
    // The mobile field takes a number typed in groups whole (the browser cuts what passes maxlength).
    const mobile = /<input[^>]*name="mobile"[^>]*>/.exec(page.text)![0];
    expect(Number(/maxlength="(\d+)"/.exec(mobile)![1])).toBeGreaterThanOrEqual('138 0013 8000'.length);
    const before = await t.store.headPosition();
    const res = await b.post(
      '/register',
      { ...VALID, idNumber: '110105194912310021', confirmPassword: VALID.password },
      page.text,
    );
    expect(res.status).toBe(400);
    expect(await t.store.headPosition()).toBe(before);
    const field = /<div class="field field--error">[\s\S]*?<\/div>\s*<\/div>/.exec(res.text)?.[0] ?? '';
    expect(field).toContain('id="idNumber"');
    expect(field).toContain('aria-invalid="true"');
    expect(field).toContain('title="证件号码校验位不正确，请核对"');
    expect(field).toMatch(/aria-describedby="[^"]*idNumber-error/);
    expect(res.text).toContain('value="zhangsan01"');
    expect(res.text).not.toContain(VALID.password);
    expect(res.text).toContain('href="#idNumber"');
  });

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.http().post('/register').type('form').send(VALID);
    expect(res.status).toBe(403);
  });

  it('registers, signs in with the captcha, shows 安全设置, and the duplicate identity message', async () => {
    const b = browser(t);
    const form = {
      ...VALID,
      username: 'page_user',
      idNumber: residentId(21),
      birthDate: '1990-01-01',
      gender: 'M',
      confirmPassword: VALID.password,
    };
    let res = await b.post('/register', form, (await b.get('/register')).text);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?registered=page_user');

    res = await b.post('/register', { ...form, username: 'page_user2' }, (await b.get('/register')).text);
    expect(res.status).toBe(409);
    expect(res.text).toContain('已经以用户名p****r在网站上完成了注册，请勿重复注册用户信息。');

    const login = await b.get('/login');
    expect(login.text).toContain('src="data:image/svg+xml;base64,');
    expect(login.text).toContain('href="/recover"');
    // Someone staff gave a one-time code finds where to use it, from login and from 找回密码.
    expect(login.text).toContain('已从工作人员处获得重置码？<a href="/reset-code">使用重置码</a>');
    expect((await b.get('/recover')).text).toContain('<a href="/reset-code">使用重置码</a>');
    res = await b.post(
      '/login',
      { username: 'page_user', password: 'wrong password!', captcha: TEST_CAPTCHA_ANSWER },
      login.text,
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('用户名或密码不正确');
    res = await b.post(
      '/login',
      { username: 'page_user', password: VALID.password, captcha: TEST_CAPTCHA_ANSWER },
      res.text,
    );
    expect(res.status).toBe(303);
    const security = await b.get('/security');
    expect(security.status).toBe(200);
    expect(security.text).toContain('修改密码');
    expect(security.text).toContain('page_user');
  });

  it('registers a birth date typed on a phone’s digit keypad (19900101) as 1990-01-01', async () => {
    const b = browser(t);
    const form = {
      ...VALID,
      username: 'digits_user',
      idNumber: residentId(23),
      birthDate: '19900101',
      gender: 'M',
      confirmPassword: VALID.password,
    };
    const res = await b.post('/register', form, (await b.get('/register')).text);
    expect(res.status).toBe(303);
    const session = await t.login('digits_user', VALID.password);
    const profile = await t.http().get('/profile').set('Cookie', session.cookie).expect(200);
    expect(profile.text).toContain('<dd class="summary-list__value">1990-01-01</dd>');
  });

  it('says beside the password and 密码查询答案 fields of a refused form that they must be typed again', async () => {
    const b = browser(t);
    const blank = await b.get('/register');
    expect(blank.text).not.toContain('为安全起见，请重新输入');
    const res = await b.post('/register', { ...VALID, username: 'x', confirmPassword: VALID.password }, blank.text);
    expect(res.status).toBe(400);
    for (const name of ['password', 'confirmPassword', 'securityAnswer'])
      expect(res.text).toMatch(new RegExp(`id="${name}-hint">为安全起见，请重新输入`));
  });

  it('sends visitors who are not signed in from 安全设置 to the login page', async () => {
    const res = await t.http().get('/security');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fsecurity');
  });

  it('serves the server’s rules to the browser at /static/js/rules.js', async () => {
    const res = await t.http().get('/static/js/rules.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    const window: Record<string, unknown> = {};
    runInNewContext(res.text, { window });
    const rules = window.yikaoRules as {
      validateField: (
        field: string,
        form: Record<string, string>,
        context: { today: string },
      ) => { code: string } | null;
    };
    expect(
      rules.validateField('idNumber', { idType: 'resident', idNumber: '110105194912310021' }, { today: '2026-11-26' })
        ?.code,
    ).toBe('ID_NUMBER_CHECKSUM');
    expect(rules.validateField('mobile', { mobile: '13800138000' }, { today: '2026-11-26' })).toBeNull();
    // The date read as the server reads it (src/shared/digits-as-meant, bundled with the rules).
    expect(rules.validateField('birthDate', { birthDate: '19920415' }, { today: '2026-11-26' })).toBeNull();

    const list = await t.http().get('/static/js/rules-common-passwords.js').expect(200);
    runInNewContext(list.text, { window });
    const common = window.yikaoCommonPasswords as Set<string>;
    expect(common.has('password123')).toBe(true);
    expect(common.size).toBeGreaterThan(10_000);
    await t.http().get('/static/js/rules-common-passwords.js').set('If-None-Match', list.headers.etag).expect(304);
  });

  it('links the generated scripts by their content, so a page after a deploy never runs the old rules', async () => {
    const page = (await t.http().get('/register').expect(200)).text;
    for (const name of ['rules.js', 'rules-common-passwords.js']) {
      const src = new RegExp(`<script src="(/static/js/${name.replace('.', '\\.')}\\?v=([0-9a-f]{12}))"`).exec(page);
      expect(src).not.toBeNull();
      const versioned = await t.http().get(src![1]).expect(200);
      expect(createHash('sha256').update(versioned.text).digest('hex').slice(0, 12)).toBe(src![2]);
      expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const bare = await t.http().get(`/static/js/${name}`).expect(200);
      expect(bare.headers['cache-control']).toBe('public, max-age=3600');
    }
  });

  it('documents the accounts API in the OpenAPI document', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/accounts/register',
        '/api/accounts/captcha',
        '/api/accounts/login',
        '/api/accounts/logout',
        '/api/accounts/password',
        '/api/accounts/security-question',
        '/api/accounts/recover',
        '/api/staff-accounts/login',
        '/api/admin/staff-accounts',
      ]),
    );
    expect(paths.some((path) => !path.startsWith('/api/'))).toBe(false);
  });

  it('shows the staff login page and keeps /admin/staff for admins', async () => {
    const page = await t.http().get('/staff/login').expect(200);
    expect(page.text).toContain('工作人员登录');
    const res = await t.http().get('/admin/staff');
    expect(res.status).toBe(303);
    const login = await t
      .http()
      .get(res.headers.location as string)
      .expect(303);
    expect(login.headers.location).toBe('/staff/login?next=%2Fadmin%2Fstaff');
  });
});
