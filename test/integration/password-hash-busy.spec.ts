import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { PasswordHashQueue } from '../../src/accounts/security/password-hash-queue';
import { type AccountsTestApp, browser, residentId, startAccountsApp, VALID } from './accounts-support';

/**
 * A login surge: one argon2 job at a time and none may wait (PASSWORD_HASH_QUEUE=0), so a request
 * that needs a hash while the test holds the only slot is answered SERVER_BUSY, deterministically.
 */
/** A 使用重置码 form: refused before its code is looked at, so the code need not exist. */
const REDEEM_FORM = {
  username: VALID.username,
  code: 'ABCDE-FGHJK',
  password: 'a third pass phrase',
  confirmPassword: 'a third pass phrase',
  securityQuestion: '我的小学名字',
  securityAnswer: '实验小学',
};

describe('requests that hash a password while the hashing queue is full', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '0' });
    await t.http().post('/api/accounts/register').send(VALID).expect(201);
  }, 30_000);
  afterAll(() => t?.close());

  /** Takes the only place, as a login still reading its stores would, until the returned function is called. */
  function holdTheOnlySlot(): () => Promise<void> {
    let release!: () => void;
    const held = t.app.get(PasswordHashQueue).admitted(() => new Promise<void>((resolve) => (release = resolve)));
    return async () => {
      release();
      await held;
    };
  }

  /** Sends a request while the only place is held: it must be answered 503 SERVER_BUSY and change nothing. */
  async function refusedWhileBusy(send: () => Promise<{ status: number; body: { error?: { code: string } } }>) {
    const before = await t.store.headPosition();
    const release = holdTheOnlySlot();
    const res = await send();
    await release();
    expect(res.status).toBe(503);
    expect(res.body.error?.code).toBe('SERVER_BUSY');
    expect(await t.store.headPosition()).toBe(before);
  }

  it('answers a login 503 SERVER_BUSY with Retry-After, records nothing, and its captcha still works after', async () => {
    const captcha = await t.captcha();
    const before = await t.store.headPosition();
    const release = holdTheOnlySlot();
    const busy = await t
      .http()
      .post('/api/accounts/login')
      .send({ username: VALID.username, password: VALID.password, ...captcha });
    await release();
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('SERVER_BUSY');
    expect(busy.body.error.message).toMatch(/^当前登录、注册的人数较多，请 \d+ 秒后再试$/);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await t.store.headPosition()).toBe(before);
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(Number(/^password_hash_refusals_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);

    await t
      .http()
      .post('/api/accounts/login')
      .send({ username: VALID.username, password: VALID.password, ...captcha })
      .expect(200);
  });

  it('answers a registration 503 and changes nothing: the same form is accepted once the surge is over', async () => {
    const form = { ...VALID, username: 'surge_user', idNumber: residentId(31), birthDate: '1990-01-01', gender: 'M' };
    const before = await t.store.headPosition();
    const release = holdTheOnlySlot();
    const busy = await t.http().post('/api/accounts/register').send(form);
    await release();
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('SERVER_BUSY');
    expect(await t.store.headPosition()).toBe(before);
    // Accepted with one slot and no queue: its second hash (the answer's) waits rather than being refused.
    await t.http().post('/api/accounts/register').send(form).expect(201);
  });

  it('shows the login and registration pages again with the reason in Chinese, keeping what was typed', async () => {
    const b = browser(t);
    const login = await b.get('/login');
    let release = holdTheOnlySlot();
    let res = await b.post(
      '/login',
      { username: VALID.username, password: VALID.password, captcha: TEST_CAPTCHA_ANSWER },
      login.text,
    );
    await release();
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.text).toMatch(/当前登录、注册的人数较多，请 \d+ 秒后再试/);
    expect(res.text).toContain(`value="${VALID.username}"`);

    const form = {
      ...VALID,
      username: 'surge_page',
      idNumber: residentId(33),
      birthDate: '1990-01-01',
      gender: 'M',
      confirmPassword: VALID.password,
    };
    release = holdTheOnlySlot();
    res = await b.post('/register', form, (await b.get('/register')).text);
    await release();
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/当前登录、注册的人数较多，请 \d+ 秒后再试/);
    expect(res.text).toContain('value="surge_page"');
    expect(res.text).not.toContain(VALID.password);
  });

  it('answers 找回密码 503 without using its captcha, which then serves the recovery', async () => {
    const captcha = await t.captcha();
    const form = {
      realName: VALID.realName,
      idType: VALID.idType,
      idNumber: VALID.idNumber,
      securityAnswer: VALID.securityAnswer,
      newPassword: 'a new pass phrase here',
      ...captcha,
    };
    await refusedWhileBusy(() => t.http().post('/api/accounts/recover').send(form));
    await t.http().post('/api/accounts/recover').send(form).expect(204);
    await t
      .http()
      .post('/api/accounts/recover')
      .send({ ...form, newPassword: VALID.password, ...(await t.captcha()) });
  });

  it('answers 安全设置 (password and question) and 使用重置码 503, recording no wrong password', async () => {
    const { cookie, csrf } = await t.login(VALID.username, VALID.password);
    await refusedWhileBusy(() =>
      t
        .http()
        .post('/api/accounts/password')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', csrf)
        .send({ currentPassword: 'not the password', newPassword: 'another pass phrase' }),
    );
    await refusedWhileBusy(() =>
      t
        .http()
        .post('/api/accounts/security-question')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', csrf)
        .send({ currentPassword: 'not the password', securityQuestion: '我的小学名字', securityAnswer: '另一个答案' }),
    );
    await refusedWhileBusy(() => t.http().post('/api/reset-codes/redeem').send(REDEEM_FORM));
  });

  it('keeps a typed reset code on the page it was too busy to check', async () => {
    const b = browser(t);
    const page = await b.get('/reset-code');
    const release = holdTheOnlySlot();
    const res = await b.post('/reset-code', REDEEM_FORM, page.text);
    await release();
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/当前登录、注册的人数较多，请 \d+ 秒后再试/);
    expect(res.text).toContain('value="ABCDE-FGHJK"');
  });
});
