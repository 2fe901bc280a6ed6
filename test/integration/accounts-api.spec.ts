import { deterministicId, identityStreamFor } from '../../src/accounts/security/identity-key';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { type AccountsTestApp, startAccountsApp, VALID, residentId } from './accounts-support';

const ctx = (minutesAgo: number) => ({
  actor: { id: 'test', role: 'system' as const },
  correlationId: 'test-setup',
  now: new Date(Date.now() - minutesAgo * 60_000),
});

describe('accounts API (createApp on a temp data dir)', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp();
    await t.http().post('/api/accounts/register').send(VALID).expect(201);
  }, 30_000);
  afterAll(() => t?.close());

  /** Runs a request and asserts the event store did not move. */
  async function unchanged<T>(action: () => Promise<T>): Promise<T> {
    const before = await t.store.headPosition();
    const result = await action();
    expect(await t.store.headPosition()).toBe(before);
    return result;
  }

  /** Nothing changes but the record of a wrong password, which counts toward the lockout as a login's does. */
  async function onlyFailureRecorded<T>(action: () => Promise<T>): Promise<T> {
    const before = await t.store.headPosition();
    const result = await action();
    const written = await t.store.readAll({ after: before, maxCount: 10 });
    expect(written.map((e) => e.type)).toEqual(['LoginFailed']);
    return result;
  }

  it('logs in with a captcha, knows the session, and logs out', async () => {
    const { cookie, csrf } = await t.login('ZhangSan01', VALID.password);
    const me = await t.http().get('/api/accounts/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ role: 'candidate', username: 'zhangsan01' });
    await t.http().post('/api/accounts/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    await t.http().get('/api/accounts/me').set('Cookie', cookie).expect(401);
  });

  it.each([
    ['username', 'ab', 'USERNAME_FORMAT'],
    ['password', 'short', 'PASSWORD_TOO_SHORT'],
    ['password', 'password123', 'PASSWORD_TOO_COMMON'],
    ['password', 'a'.repeat(129), 'PASSWORD_TOO_LONG'],
    ['realName', '张'.repeat(29), 'REAL_NAME_TOO_LONG'],
    ['realName', 'Zhang3', 'REAL_NAME_FORMAT'],
    ['gender', 'X', 'GENDER_REQUIRED'],
    ['birthDate', '1990-02-30', 'BIRTH_DATE_FORMAT'],
    ['idType', 'idcard', 'ID_TYPE_REQUIRED'],
    ['idNumber', '11010519491231002Y', 'ID_NUMBER_FORMAT'],
    ['idNumber', '110105194912310021', 'ID_NUMBER_CHECKSUM'],
    ['idNumber', '110105491231002', 'ID_NUMBER_15_DIGITS'],
    ['idNumber', residentId(1), 'ID_NUMBER_BIRTH_DATE_MISMATCH'],
    ['nationality', '', 'NATIONALITY_REQUIRED'],
    ['mobile', '12345', 'MOBILE_FORMAT'],
    ['email', 'not-an-email', 'EMAIL_FORMAT'],
    ['securityQuestion', '问', 'SECURITY_QUESTION_LENGTH'],
    ['securityAnswer', '答', 'SECURITY_ANSWER_LENGTH'],
  ])('refuses %s = %j with %s and writes nothing', async (field, value, code) => {
    const res = await unchanged(() =>
      t
        .http()
        .post('/api/accounts/register')
        .send({ ...VALID, username: 'fresh_user', [field]: value }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('registers without 电子邮箱, left empty or left out: it is optional, as on 个人信息', async () => {
    const { email: _email, ...withoutEmail } = VALID;
    const omitted = { ...withoutEmail, username: 'noemail01', idNumber: residentId(70), birthDate: '1990-01-01' };
    await t.http().post('/api/accounts/register').send(omitted).expect(201);
    const empty = { ...omitted, username: 'noemail02', idNumber: residentId(72), email: '' };
    await t.http().post('/api/accounts/register').send(empty).expect(201);
  });

  it('refuses a gender that contradicts the ID number, and unknown or missing fields', async () => {
    let res = await unchanged(() =>
      t
        .http()
        .post('/api/accounts/register')
        .send({ ...VALID, gender: 'M' }),
    );
    expect(res.body.error.fields[0].code).toBe('ID_NUMBER_GENDER_MISMATCH');
    res = await unchanged(() =>
      t
        .http()
        .post('/api/accounts/register')
        .send({ ...VALID, isAdmin: true }),
    );
    expect(res.status).toBe(400);
    const { mobile: _omitted, ...missing } = VALID;
    res = await unchanged(() => t.http().post('/api/accounts/register').send(missing));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual(expect.objectContaining({ field: 'mobile', code: 'REQUIRED' }));
  });

  it("answers a registered identity with the guide's message, masked, and records the attempt", async () => {
    const res = await t
      .http()
      .post('/api/accounts/register')
      .set('X-Forwarded-For', '10.1.2.3')
      .send({ ...VALID, username: 'imposter9', realName: '李四' })
      .expect(409);
    expect(res.body.error.code).toBe('IDENTITY_ALREADY_REGISTERED');
    expect(res.body.error.message).toBe(
      '已经以用户名z****1在网站上完成了注册，请勿重复注册用户信息。(若用户名z****1非您本人注册，请您在资格审核期间，携本人身份证明和相关报名材料到资格审核现场处理。)',
    );
    expect(res.body.error.message).not.toContain('zhangsan01');
    const log = await t.store.readAll({ maxCount: 10000 });
    const attempt = log.find((e) => e.type === 'DuplicateRegistrationAttempted');
    expect(attempt?.streamId).toMatch(/^identity-resident-[0-9a-f]{40}$/);
    expect(attempt?.streamId).not.toContain(VALID.idNumber);
    expect(attempt?.data).toMatchObject({
      realNameTyped: '李四',
      usernameTyped: 'imposter9',
      holderUsername: 'zhangsan01',
    });
    expect(typeof (attempt?.data as { ip: unknown }).ip).toBe('string');
    // The attempt left no username reservation behind.
    expect(
      log.some((e) => e.type === 'UsernameReserved' && (e.data as { username: string }).username === 'imposter9'),
    ).toBe(false);
  });

  it('reads an ID number and a mobile typed in full-width characters or grouped as the ones they are', async () => {
    const fullWidth = (text: string) =>
      text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const duplicate = await t
      .http()
      .post('/api/accounts/register')
      .send({ ...VALID, username: 'quanjiao01', idNumber: fullWidth(VALID.idNumber.toLowerCase()) })
      .expect(409);
    expect(duplicate.body.error.code).toBe('IDENTITY_ALREADY_REGISTERED');

    const idNumber = residentId(21);
    const created = await t
      .http()
      .post('/api/accounts/register')
      .send({
        ...VALID,
        username: 'quanjiao02',
        birthDate: '1990-01-01',
        gender: 'M',
        idNumber: fullWidth(idNumber),
        mobile: '１３９ ００１３－８０００',
      })
      .expect(201);
    const [registered] = await t.store.readStream(`candidate-${created.body.candidateId as string}`, { maxCount: 1 });
    expect(registered.data).toMatchObject({ idNumber, mobile: '13900138000' });

    await t
      .http()
      .post('/api/accounts/recover')
      .send({
        realName: VALID.realName,
        idType: 'resident',
        idNumber: fullWidth(idNumber),
        securityAnswer: VALID.securityAnswer,
        newPassword: 'recovered by full width',
        ...(await t.captcha()),
      })
      .expect(204);
  });

  it('refuses a username taken in another case, and releases nothing of the holder', async () => {
    const res = await t
      .http()
      .post('/api/accounts/register')
      .send({ ...VALID, username: 'ZHANGSAN01', idNumber: residentId(2), birthDate: '1990-01-01', gender: 'F' })
      .expect(409);
    expect(res.body.error.code).toBe('USERNAME_TAKEN');
    await t.login('zhangsan01', VALID.password);
  });

  it('completes a retried registration with the same key and answers it the same way', async () => {
    const body = {
      ...VALID,
      username: 'retry_user',
      idNumber: residentId(3),
      birthDate: '1990-01-01',
      gender: 'M',
      registrationKey: 'key-retry-0001',
    };
    const first = await t.http().post('/api/accounts/register').send(body).expect(201);
    const head = await t.store.headPosition();
    const { registrationKey, ...withoutKey } = body;
    const second = await t
      .http()
      .post('/api/accounts/register')
      .set('Idempotency-Key', registrationKey)
      .send(withoutKey)
      .expect(201);
    expect(second.body.candidateId).toBe(first.body.candidateId);
    expect(await t.store.headPosition()).toBe(head);

    // Sent again after 返回 and a correction: not 注册成功 with the correction dropped, but said so.
    for (const changed of [{ password: 'a corrected secret 7' }, { mobile: '13900139000' }]) {
      const corrected = await t
        .http()
        .post('/api/accounts/register')
        .send({ ...body, ...changed })
        .expect(409);
      expect(corrected.body.error.code).toBe('REGISTRATION_ALREADY_SUBMITTED');
      expect(corrected.body.error.message).toContain('retry_user 已注册成功，本次修改的内容没有保存');
    }
    expect(await t.store.headPosition()).toBe(head);
  });

  it('takes over a reservation left dangling by a crash, after the timeout', async () => {
    await t.store.append(
      'username-dangling1',
      toNewEvents(
        [
          {
            type: 'UsernameReserved',
            data: {
              username: 'dangling1',
              candidateId: 'never-created',
              identityStream: 'identity-x',
              reservedAt: new Date(Date.now() - 6 * 60_000).toISOString(),
            },
          },
        ],
        ctx(6),
      ),
      'no_stream',
    );
    const body = { ...VALID, username: 'dangling1', idNumber: residentId(5), birthDate: '1990-01-01', gender: 'M' };
    await t.http().post('/api/accounts/register').send(body).expect(201);
    const events = await t.store.readStream('username-dangling1');
    expect(events.map((e) => e.type)).toEqual([
      'UsernameReserved',
      'UsernameReservationExpired',
      'UsernameReserved',
      'UsernameConfirmed',
    ]);
  });

  it('completes, on retry, a registration that crashed after reserving the name and claiming the identity', async () => {
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const body = {
      ...VALID,
      username: 'halfdone1',
      idNumber: residentId(15),
      birthDate: '1990-01-01',
      gender: 'M',
      registrationKey: 'key-halfdone-01',
    };
    const identityStream = identityStreamFor(config.secrets.identityKey, 'resident', body.idNumber);
    const candidateId = deterministicId(identityStream, 'halfdone1', body.registrationKey);
    const at = new Date().toISOString();
    await t.store.append(
      'username-halfdone1',
      toNewEvents(
        [{ type: 'UsernameReserved', data: { username: 'halfdone1', candidateId, identityStream, reservedAt: at } }],
        ctx(0),
      ),
      'no_stream',
    );
    await t.store.append(
      identityStream,
      toNewEvents(
        [
          {
            type: 'IdentityClaimed',
            data: { candidateId, username: 'halfdone1', realName: VALID.realName, claimedAt: at },
          },
        ],
        ctx(0),
      ),
      'no_stream',
    );

    const res = await t.http().post('/api/accounts/register').send(body).expect(201);
    expect(res.body.candidateId).toBe(candidateId);
    expect((await t.store.readStream('username-halfdone1')).map((e) => e.type)).toEqual([
      'UsernameReserved',
      'UsernameConfirmed',
    ]);
    expect((await t.store.readStream(identityStream)).map((e) => e.type)).toEqual([
      'IdentityClaimed',
      'IdentityClaimConfirmed',
    ]);
    await t.login('halfdone1', VALID.password);
  });

  describe('login', () => {
    const user = { ...VALID, username: 'login_user', idNumber: residentId(7), birthDate: '1990-01-01', gender: 'M' };
    beforeAll(() => t.http().post('/api/accounts/register').send(user).expect(201));

    it('gives one error for a wrong password and an unknown username, and records both', async () => {
      const wrong = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'login_user', password: 'wrong password', ...(await t.captcha()) });
      const unknown = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'nobody_here', password: 'wrong password', ...(await t.captcha()) });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error).toEqual(unknown.body.error);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      const log = await t.store.readAll({ maxCount: 10000 });
      const failures = log.filter((e) => e.type === 'LoginFailed');
      expect(failures.map((e) => (e.data as { reason: string }).reason)).toEqual(
        expect.arrayContaining(['wrongCredentials', 'unknownAccount']),
      );
      expect(failures.every((e) => e.streamId.startsWith('loginAttempts-'))).toBe(true);
    });

    it('refuses a wrong, reused or missing captcha without checking the password', async () => {
      const captcha = await t.captcha();
      let res = await unchanged(() =>
        t
          .http()
          .post('/api/accounts/login')
          .send({ username: 'login_user', password: user.password, captchaId: captcha.captchaId, captcha: 'nope' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('CAPTCHA_INVALID');
      res = await unchanged(() =>
        t
          .http()
          .post('/api/accounts/login')
          .send({ username: 'login_user', password: user.password, ...captcha }),
      );
      expect(res.body.error.code).toBe('CAPTCHA_INVALID');
      res = await unchanged(() =>
        t
          .http()
          .post('/api/accounts/login')
          .send({ username: 'login_user', password: user.password, captchaId: 'unknown', captcha: '2468' }),
      );
      expect(res.body.error.code).toBe('CAPTCHA_INVALID');
    });

    it('locks the account after five failures, even for the right password', async () => {
      const victim = {
        ...VALID,
        username: 'locked_user',
        idNumber: residentId(9),
        birthDate: '1990-01-01',
        gender: 'M',
      };
      await t.http().post('/api/accounts/register').send(victim).expect(201);
      for (let i = 0; i < 5; i++)
        await t
          .http()
          .post('/api/accounts/login')
          .send({ username: 'locked_user', password: `wrong ${i} password`, ...(await t.captcha()) })
          .expect(401);
      const res = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'locked_user', password: victim.password, ...(await t.captcha()) });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses the right password of an account suspended by staff, until it is reinstated', async () => {
      // The staff slice writes these to the candidate stream (DESIGN.md); declared here if it has not yet.
      for (const type of ['AccountSuspended', 'AccountReinstated'])
        if (!eventRegistry.has(type)) eventRegistry.registerTypes(type);
      const victim = {
        ...VALID,
        username: 'suspended1',
        idNumber: residentId(17),
        birthDate: '1990-01-01',
        gender: 'M',
      };
      const { body } = await t.http().post('/api/accounts/register').send(victim).expect(201);
      const stream = `candidate-${body.candidateId as string}`;
      const decision = (type: string) =>
        toNewEvents([{ type, data: { reason: 'identity contested', staffId: 'kaowu01' } }], ctx(0));
      await t.store.append(stream, decision('AccountSuspended'), 'stream_exists');
      const login = async (password: string) =>
        t
          .http()
          .post('/api/accounts/login')
          .send({ username: 'suspended1', password, ...(await t.captcha()) });
      let res = await login(victim.password);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ACCOUNT_SUSPENDED');
      res = await login('wrong password here');
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
      await t.store.append(stream, decision('AccountReinstated'), 'stream_exists');
      expect((await login(victim.password)).status).toBe(200);
    });

    it('ends the session a browser had when it signs in again', async () => {
      const first = await t.login('login_user', user.password);
      const res = await t
        .http()
        .post('/api/accounts/login')
        .set('Cookie', first.cookie)
        .set('X-CSRF-Token', first.csrf)
        .send({ username: 'login_user', password: user.password, ...(await t.captcha()) })
        .expect(200);
      const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))?.split(';')[0];
      await t.http().get('/api/accounts/me').set('Cookie', first.cookie).expect(401);
      await t
        .http()
        .get('/api/accounts/me')
        .set('Cookie', sid ?? '')
        .expect(200);
    });

    it('sets an httpOnly, SameSite=Lax cookie, Secure behind TLS only', async () => {
      const res = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'login_user', password: user.password, ...(await t.captcha()) })
        .expect(200);
      const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='));
      expect(sid).toMatch(/HttpOnly/);
      expect(sid).toMatch(/SameSite=Lax/);
      expect(sid).not.toMatch(/Secure/);
    });
  });

  describe('security settings and recovery', () => {
    const user = { ...VALID, username: 'secure_user', idNumber: residentId(11), birthDate: '1990-01-01', gender: 'M' };
    beforeAll(() => t.http().post('/api/accounts/register').send(user).expect(201));

    it('changes the password with the current one only', async () => {
      const { cookie, csrf } = await t.login('secure_user', user.password);
      const post = (body: object) =>
        t.http().post('/api/accounts/password').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(body);
      let res = await onlyFailureRecorded(() =>
        post({ currentPassword: 'not my password', newPassword: 'a brand new secret' }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('WRONG_CURRENT_PASSWORD');
      res = await unchanged(() => post({ currentPassword: user.password, newPassword: '12345678' }));
      expect(res.body.error.fields[0].code).toBe('PASSWORD_TOO_COMMON');
      res = await unchanged(() =>
        t
          .http()
          .post('/api/accounts/password')
          .set('Cookie', cookie)
          .send({ currentPassword: user.password, newPassword: 'a brand new secret' }),
      );
      expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
      res = await unchanged(() => post({ currentPassword: user.password, newPassword: user.password }));
      expect([res.status, res.body.error.fields[0]]).toEqual([
        422,
        { field: 'newPassword', code: 'SAME_PASSWORD', message: '新密码不能与当前密码相同' },
      ]);
      await post({ currentPassword: user.password, newPassword: 'a brand new secret' }).expect(204);
      // The same form sent again (a double click): the change is made, no "当前密码不正确".
      await post({ currentPassword: user.password, newPassword: 'a brand new secret' }).expect(204);
      // But a session cannot test a guess of the password in the new-password field.
      const guess = await post({ currentPassword: 'a wrong guess 2027', newPassword: 'a brand new secret' });
      expect([guess.status, guess.body.error.code]).toEqual([422, 'WRONG_CURRENT_PASSWORD']);
      await t.login('secure_user', 'a brand new secret');
    });

    it('locks the account after five wrong current passwords in 安全设置, as five failed logins would', async () => {
      const guessed = { ...user, username: 'guessed_user', idNumber: residentId(25) };
      await t.http().post('/api/accounts/register').send(guessed).expect(201);
      const { cookie, csrf } = await t.login('guessed_user', guessed.password);
      const post = (currentPassword: string) =>
        t
          .http()
          .post('/api/accounts/password')
          .set('Cookie', cookie)
          .set('X-CSRF-Token', csrf)
          .send({ currentPassword, newPassword: 'taken over secret 9' });
      for (let i = 0; i < 5; i++) expect((await post(`guess number ${i}`)).status).toBe(422);
      const locked = await post(guessed.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
      const login = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'guessed_user', password: guessed.password, ...(await t.captcha()) });
      expect(login.body.error.code).toBe('ACCOUNT_LOCKED');
    });

    it('changes the security question with the current password', async () => {
      const { cookie, csrf } = await t.login('secure_user', 'a brand new secret');
      const post = (body: object) =>
        t.http().post('/api/accounts/security-question').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(body);
      const res = await onlyFailureRecorded(() =>
        post({ currentPassword: 'wrong one!', securityQuestion: '我的家乡在哪', securityAnswer: '江苏南京' }),
      );
      expect(res.body.error.code).toBe('WRONG_CURRENT_PASSWORD');
      await post({
        currentPassword: 'a brand new secret',
        securityQuestion: '我的家乡在哪',
        securityAnswer: '江苏南京',
      }).expect(204);
    });

    it('registers a passport name as printed, accents and length, and recovers it typed in capitals', async () => {
      const foreigner = {
        ...VALID,
        username: 'jose_garcia',
        realName: 'José María García Fernández de Córdoba',
        idType: 'passport',
        idNumber: 'PA1234567',
        nationality: '西班牙',
      };
      await t.http().post('/api/accounts/register').send(foreigner).expect(201);
      await t
        .http()
        .post('/api/accounts/recover')
        .send({
          realName: 'JOSÉ MARÍA GARCÍA FERNÁNDEZ DE CÓRDOBA',
          idType: 'passport',
          idNumber: 'PA1234567',
          securityAnswer: VALID.securityAnswer,
          newPassword: 'recovered abroad 2027',
          ...(await t.captcha()),
        })
        .expect(204);
    });

    it('registers a minority name typed with a look-alike separator as the name with its middle dot, and recovers it', async () => {
      const uyghur = { ...user, username: 'abdulla_m', realName: '阿卜杜拉・买买提', idNumber: residentId(31) };
      const registered = await t.http().post('/api/accounts/register').send(uyghur).expect(201);
      const events = await t.store.readStream(`candidate-${registered.body.candidateId as string}`);
      expect(events[0].data).toMatchObject({ realName: '阿卜杜拉·买买提' });
      await t
        .http()
        .post('/api/accounts/recover')
        .send({
          realName: '阿卜杜拉•买买提',
          idType: 'resident',
          idNumber: residentId(31),
          securityAnswer: user.securityAnswer,
          newPassword: 'recovered with a dot 2027',
          ...(await t.captcha()),
        })
        .expect(204);
    });

    it('recovers the password by name, ID and answer, with one error for anything wrong, and tells at next login', async () => {
      const base = {
        realName: user.realName,
        idType: 'resident',
        idNumber: user.idNumber,
        securityAnswer: '江苏南京',
        newPassword: 'recovered secret 1',
      };
      const malformed = await unchanged(() =>
        t
          .http()
          .post('/api/accounts/recover')
          .send({ ...base, idNumber: '110101199001010012', captchaId: 'x', captcha: 'y' }),
      );
      expect(malformed.body.error.fields[0]).toMatchObject({ field: 'idNumber', code: 'ID_NUMBER_CHECKSUM' });
      for (const wrong of [{ realName: '王五' }, { idNumber: residentId(13) }, { securityAnswer: '上海' }]) {
        const res = await t
          .http()
          .post('/api/accounts/recover')
          .send({ ...base, ...wrong, ...(await t.captcha()) });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('RECOVERY_FAILED');
      }
      await t
        .http()
        .post('/api/accounts/recover')
        .send({ ...base, securityAnswer: ' 江苏南京 ', ...(await t.captcha()) })
        .expect(204);
      const first = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'secure_user', password: 'recovered secret 1', ...(await t.captcha()) })
        .expect(200);
      expect(first.body.recoveries).toHaveLength(1);
      const second = await t
        .http()
        .post('/api/accounts/login')
        .send({ username: 'secure_user', password: 'recovered secret 1', ...(await t.captcha()) })
        .expect(200);
      expect(second.body.recoveries).toHaveLength(0);
    });
  });
});
