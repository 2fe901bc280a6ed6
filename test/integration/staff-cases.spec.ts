import { ADMIN, type Session, type StaffAuditApp, residentId, startStaffAuditApp, VALID } from './staff-audit-support';

interface CaseRow {
  identityStream: string;
  holderUsername: string | null;
  openAttempts: number;
  areaCode: string | null;
  status: string;
}

const NEW_QUESTION = { securityQuestion: '我的第一位老师', securityAnswer: '城南李老师' };

describe('staff: contested identities', () => {
  let t: StaffAuditApp;
  let staff: Session;
  const idNumber = residentId(41); // Beijing (11)
  const otherId = residentId(43);

  beforeAll(async () => {
    t = await startStaffAuditApp();
    expect((await t.register({ username: 'maoming01', idNumber, realName: '冒名者' })).status).toBe(201);
    expect((await t.register({ username: 'zhenren01', idNumber, realName: '真人' })).status).toBe(409);
    expect((await t.register({ username: 'zhenren02', idNumber, realName: '真人' })).status).toBe(409);
    expect((await t.register({ username: 'holder02', idNumber: otherId })).status).toBe(201);
    expect((await t.register({ username: 'guest02', idNumber: otherId })).status).toBe(409);
    staff = await t.member('kaowu_bj', 'staff', { areaCode: '11' });
  }, 60_000);
  afterAll(() => t?.close());

  const api = (session: Session) => ({
    get: (path: string) => t.http().get(path).set('Cookie', session.cookie),
    post: (path: string, body: object) =>
      t.http().post(path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf).send(body),
  });

  async function caseOf(username: string): Promise<CaseRow> {
    const queue = await api(staff).get('/api/staff/identity-cases?area=11').expect(200);
    const row = (queue.body.cases as CaseRow[]).find((c) => c.holderUsername === username);
    if (!row) throw new Error(`no case for ${username}: ${JSON.stringify(queue.body)}`);
    return row;
  }

  /** The holder registers, the rightful person is refused, and staff free the identity for them (registerAnew). */
  async function freedIdentity(impostor: string, rightful: string, idNumber: string) {
    expect((await t.register({ username: impostor, idNumber })).status).toBe(201);
    expect((await t.register({ username: rightful, idNumber })).status).toBe(409);
    const row = await caseOf(impostor);
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const decided = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        action: 'reassign',
        mode: 'registerAnew',
        reason: '来人持身份证原件，注册人非本人',
        expectedRevision: view.body.revision,
      })
      .expect(201);
    return { row, decided };
  }

  it('lists identities with duplicate attempts, newest first, filtered by area', async () => {
    const queue = await api(staff).get('/api/staff/identity-cases?area=11').expect(200);
    const rows = queue.body.cases as CaseRow[];
    expect(rows.map((row) => row.holderUsername)).toEqual(['holder02', 'maoming01']);
    expect(rows[1]).toMatchObject({ openAttempts: 2, areaCode: '11', status: 'open' });
    const elsewhere = await api(staff).get('/api/staff/identity-cases?area=44').expect(200);
    expect(elsewhere.body.total).toBe(0);
  });

  it("shows the identity's whole log beside the holder's history, without the full ID number", async () => {
    const row = await caseOf('maoming01');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const types = view.body.log.map((entry: { type: string }) => entry.type);
    expect(types).toEqual([
      'IdentityClaimed',
      'IdentityClaimConfirmed',
      'DuplicateRegistrationAttempted',
      'DuplicateRegistrationAttempted',
    ]);
    expect(view.body.log[2].data).toMatchObject({ usernameTyped: 'zhenren01', realNameTyped: '真人' });
    expect(view.body.log[2].ip).toEqual(expect.any(String));
    expect(view.body.holder).toMatchObject({ username: 'maoming01', realName: '冒名者', suspended: false });
    expect(view.body.holder.history.length).toBeGreaterThan(0);
    expect(JSON.stringify(view.body)).not.toContain(idNumber);
  });

  it('warns before a decision when the name typed differs from the holder’s, saying what a hand-over keeps', async () => {
    const page = async (username: string) =>
      (
        await t
          .http()
          .get(`/staff/cases/${(await caseOf(username)).identityStream}`)
          .set('Cookie', staff.cookie)
          .expect(200)
      ).text;
    const differing = await page('maoming01');
    expect(differing).toContain('data-name-mismatch');
    expect(differing).toContain('持有账户登记的姓名是“冒名者”，来人注册时填写的是“真人”');
    expect(differing).toContain('账户的姓名、证件号码、注册手机等注册信息不能更改，账户中的考试报名仍然保留');
    expect(differing).toContain('释放证件，由来人重新注册');
    // The same name typed again (the holder forgot they had registered): no warning.
    expect(await page('holder02')).not.toContain('data-name-mismatch');
  });

  it('finds the case of the person at the desk by the ID number typed, and lists the masked number and both names', async () => {
    const row = await caseOf('maoming01');
    const form = (fields: object) =>
      t
        .http()
        .post('/staff/cases/search')
        .set('Cookie', staff.cookie)
        .type('form')
        .send({ _csrf: staff.csrf, ...fields });
    // Typed with spaces and a lower-case check character, as read off the card: the same identity.
    const spaced = `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14).toLowerCase()}`;
    const found = await form({ idType: 'resident', idNumber: spaced }).expect(303);
    expect(found.headers.location).toBe(`/staff/cases/${row.identityStream}`);
    const unknown = await form({ idType: 'resident', idNumber: residentId(99) }).expect(200);
    expect(unknown.text).toContain('未找到该证件号码');
    expect(unknown.text).not.toContain(residentId(99));
    const api = await t
      .http()
      .post('/api/staff/identity-cases/search')
      .set('Cookie', staff.cookie)
      .set('X-CSRF-Token', staff.csrf)
      .send({ idType: 'resident', idNumber })
      .expect(200);
    expect(api.body).toEqual({ identityStream: row.identityStream });
    const none = await t
      .http()
      .post('/api/staff/identity-cases/search')
      .set('Cookie', staff.cookie)
      .set('X-CSRF-Token', staff.csrf)
      .send({ idType: 'passport', idNumber });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('CASE_NOT_FOUND');
    // Another area's staff, and anyone for a number nobody contested, get the same answer as for a
    // number nobody registered: the search does not tell whether someone registered with it.
    const elsewhere = await t.member('kaowu_search_gd', 'staff', { areaCode: '44' });
    const searchAs = (who: Session, number: string) =>
      t
        .http()
        .post('/api/staff/identity-cases/search')
        .set('Cookie', who.cookie)
        .set('X-CSRF-Token', who.csrf)
        .send({ idType: 'resident', idNumber: number });
    expect((await searchAs(elsewhere, idNumber)).body.error.code).toBe('CASE_NOT_FOUND');
    const uncontested = residentId(97);
    expect((await t.register({ username: 'uncontested97', idNumber: uncontested })).status).toBe(201);
    expect((await searchAs(staff, uncontested)).body.error.code).toBe('CASE_NOT_FOUND');

    const queue = await t.http().get('/staff/cases?area=11').set('Cookie', staff.cookie).expect(200);
    const masked = `${idNumber.slice(0, 6)}${'*'.repeat(8)}${idNumber.slice(-4)}`;
    expect(queue.text).toContain(`居民身份证 ${masked}`);
    expect(queue.text).toContain('maoming01（冒名者）');
    expect(queue.text).toContain('填写姓名：真人');
    expect(queue.text).not.toContain(idNumber);
  });

  it('shows staff the times in Beijing time and the account history in Chinese', async () => {
    const row = await caseOf('maoming01');
    const page = (path: string) => t.http().get(path).set('Cookie', staff.cookie).expect(200);
    // An instant in text (not in a datetime attribute) written as UTC ISO.
    const isoInText = />[^<]*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
    const beijing = /<time datetime="[^"]+Z">\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/time>/;
    const queue = await page('/staff/cases?area=11');
    expect(queue.text).toMatch(beijing);
    expect(queue.text).not.toMatch(isoInText);
    const detail = await page(`/staff/cases/${row.identityStream}`);
    expect(detail.text).toMatch(beijing);
    expect(detail.text).not.toMatch(isoInText);
    expect(detail.text).toContain('<strong>注册账户</strong> <small>CandidateRegistered</small>');
    expect(detail.text).toContain('<strong>用户名被占用</strong> <small>UsernameReserved</small>');
    // Who acted, in Chinese: the attempts were made by visitors not signed in.
    expect(detail.text).toMatch(/<strong>重复注册尝试<\/strong>[^\n]*· 匿名/);
    expect(detail.text).not.toMatch(/anonymous|· candidate|staff:/);
  });

  it('lets one of two concurrent decisions win; the other is told the case changed (409), nothing else written', async () => {
    const row = await caseOf('holder02');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const second = await t.member('kaowu_bj2', 'staff', { siteCode: '1101' });
    const revision = view.body.revision;
    const before = await t.store.readStream(row.identityStream);
    const [a, b] = await Promise.all([
      api(staff).post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        action: 'dismiss',
        reason: '已核验：持有人即本人',
        expectedRevision: revision,
      }),
      api(second).post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        action: 'reassign',
        mode: 'registerAnew',
        reason: '来人持有身份证原件',
        expectedRevision: revision,
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ code: 'CASE_CHANGED', message: expect.stringContaining('案件已变更') });
    const after = await t.store.readStream(row.identityStream);
    expect(after).toHaveLength(before.length + 1);
    const decision = after[after.length - 1];
    expect(decision.metadata.actor.role).toBe('staff');
    expect((decision.data as { staff: { username: string } }).staff.username).toMatch(/^kaowu_bj2?$/);
  });

  it('refuses a decision without a reason, and staff of another area', async () => {
    const row = await caseOf('maoming01');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const res = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        action: 'dismiss',
        reason: '',
        expectedRevision: view.body.revision,
      })
      .expect(422);
    expect(res.body.error.code).toBe('REASON_REQUIRED');
    const outsider = await t.member('kaowu_gd', 'staff', { areaCode: '44' });
    await api(outsider).get(`/api/staff/identity-cases/${row.identityStream}`).expect(403);
  });

  it('refuses a missing, non-text, too long reason or an unknown field as a field error, and writes nothing', async () => {
    const row = await caseOf('maoming01');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const candidateId = view.body.holder.candidateId as string;
    const decision = { action: 'dismiss', expectedRevision: view.body.revision };
    const fieldOf = async (path: string, body: object) => {
      const before = await t.store.headPosition();
      const res = await api(staff).post(path, body).expect(400);
      expect(await t.store.headPosition()).toBe(before);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      return res.body.error.fields[0] as { field: string; code: string; message: string };
    };
    for (const path of [
      `/api/staff/identity-cases/${row.identityStream}/decisions`,
      `/api/staff/candidates/${candidateId}/reset-codes`,
    ]) {
      const base = path.endsWith('decisions') ? decision : {};
      expect(await fieldOf(path, base)).toMatchObject({ field: 'reason', code: 'REQUIRED' });
      expect(await fieldOf(path, { ...base, reason: 123 })).toMatchObject({ field: 'reason', code: 'NOT_TEXT' });
      expect(await fieldOf(path, { ...base, reason: '核'.repeat(501) })).toEqual({
        field: 'reason',
        code: 'TOO_LONG',
        message: '处理理由不超过500字',
      });
      expect(await fieldOf(path, { ...base, reason: '已核验：持有人即本人', note: 'x' })).toMatchObject({
        field: 'note',
        code: 'UNKNOWN_FIELD',
      });
    }

    const before = await t.store.headPosition();
    const page = await t
      .http()
      .post(`/staff/cases/${row.identityStream}/decisions`)
      .set('Cookie', staff.cookie)
      .type('form')
      .send({ _csrf: staff.csrf, decision: 'dismiss', reason: '核'.repeat(501), expectedRevision: view.body.revision });
    expect(page.status).toBe(400);
    expect(page.text).toContain('处理理由不超过500字');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('answers 404 CASE_NOT_FOUND for a stream that is no identity, and writes nothing', async () => {
    const row = await caseOf('maoming01');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const candidateId = view.body.holder.candidateId as string;
    for (const stream of [`candidate-${candidateId}`, 'username-maoming01', `loginAttempts-${candidateId}`]) {
      const before = await t.store.headPosition();
      const res = await api(staff)
        .post(`/api/staff/identity-cases/${stream}/decisions`, {
          action: 'dismiss',
          reason: '已核验：持有人即本人',
          expectedRevision: '0',
        })
        .expect(404);
      expect(res.body.error.code).toBe('CASE_NOT_FOUND');
      expect(await t.store.headPosition()).toBe(before);
      const page = await t
        .http()
        .post(`/staff/cases/${stream}/decisions`)
        .set('Cookie', staff.cookie)
        .type('form')
        .send({ _csrf: staff.csrf, decision: 'dismiss', reason: '已核验：持有人即本人', expectedRevision: '0' });
      expect(page.status).toBe(404);
      expect(await t.store.headPosition()).toBe(before);
    }
  });

  it('reassigns by hand-over: holder suspended, a one-time code for the person present, notice at their login', async () => {
    const row = await caseOf('maoming01');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const decided = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        action: 'reassign',
        mode: 'handOver',
        reason: '来人持身份证原件，与证件号码一致',
        expectedRevision: view.body.revision,
      })
      .expect(201);
    const code = decided.body.resetCode.code as string;
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    // The impostor's password no longer signs in.
    const refused = await t
      .http()
      .post('/api/accounts/login')
      .send({ username: 'maoming01', password: VALID.password, ...(await t.captcha()) });
    expect(refused.body.error.code).toBe('ACCOUNT_SUSPENDED');

    // A wrong code is refused and recorded; the right one sets the password and reinstates.
    const wrong = await t
      .http()
      .post('/api/reset-codes/redeem')
      .send({
        username: 'maoming01',
        code: 'AAAAA-AAAAA',
        password: 'the rightful owner 2027',
        confirmPassword: 'the rightful owner 2027',
        ...NEW_QUESTION,
      });
    expect(wrong.body.error.code).toBe('RESET_CODE_INVALID');
    const ownersForm = {
      username: 'maoming01',
      code: code.toLowerCase(),
      password: 'the rightful owner 2027',
      confirmPassword: 'the rightful owner 2027',
      ...NEW_QUESTION,
    };
    // Sent twice at once (a double click while the first is still hashing): both answered as made,
    // one redemption written, no wrong try recorded.
    const sends = await Promise.all([1, 2].map(() => t.http().post('/api/reset-codes/redeem').send(ownersForm)));
    expect(sends.map((sent) => [sent.status, sent.body.error?.code])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
    const typesSince = async (position: bigint) =>
      (await t.store.readAll({ after: position, maxCount: 100 })).map((e) => e.type);
    const redeemedAt = await t.store.headPosition();
    await t.http().post('/api/reset-codes/redeem').send(ownersForm).expect(200);
    expect(await t.store.headPosition()).toBe(redeemedAt);
    // The form changed in between (the answer corrected) is not the same form: refused and counted.
    const corrected = await t
      .http()
      .post('/api/reset-codes/redeem')
      .send({ ...ownersForm, securityAnswer: `${NEW_QUESTION.securityAnswer}改` });
    expect(corrected.body.error.code).toBe('RESET_CODE_INVALID');
    expect(await typesSince(redeemedAt)).toEqual(['ResetCodeRefused']);
    // The impostor's answer no longer recovers the account: the new owner set their own.
    const recovered = await t
      .http()
      .post('/api/accounts/recover')
      .send({
        realName: '冒名者',
        idType: 'resident',
        idNumber,
        securityAnswer: VALID.securityAnswer,
        newPassword: 'taken back again 2027',
        ...(await t.captcha()),
      });
    expect(recovered.body.error.code).toBe('RECOVERY_FAILED');
    const reuse = await t
      .http()
      .post('/api/reset-codes/redeem')
      .send({
        username: 'maoming01',
        code,
        password: 'another owner pass 2027',
        confirmPassword: 'another owner pass 2027',
        ...NEW_QUESTION,
      });
    expect(reuse.body.error.code).toBe('RESET_CODE_INVALID');

    const owner = await t.login('maoming01', 'the rightful owner 2027');
    const home = await t.http().get('/').set('Cookie', owner.cookie).expect(303);
    expect(home.headers.location).toBe('/notices?next=%2F');
    const notice = await t.http().get('/notices?next=%2F').set('Cookie', owner.cookie).expect(200);
    expect(notice.text).toContain('将本账户交由您本人使用');
    // It promises no change that cannot be made: what 个人信息 corrects, and staff for the rest.
    expect(notice.text).not.toContain('如有不符请及时修改');
    expect(notice.text).toContain('可在“个人信息”中修改');
    expect(notice.text).toContain('不能自行修改，如有不符请联系工作人员');
    expect(notice.text).toMatch(/<time datetime="[^"]+Z">\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）<\/time>：/);
    // Told once.
    await t.http().get('/notices?next=%2F').set('Cookie', owner.cookie).expect(303);
    // 个人信息 can be saved after that: its ETag (the view's revision) follows the stream through the
    // notice's events, so the form is not pinned to a revision the stream has left behind.
    const me = await t.http().get('/api/accounts/me').set('Cookie', owner.cookie).expect(200);
    const profile = await t.http().get('/api/profile').set('Cookie', owner.cookie).expect(200);
    const stream = await t.store.readStream(`candidate-${me.body.id as string}`);
    expect(stream.at(-1)?.type).toBe('CandidateNoticesShown');
    expect(profile.headers.etag).toBe(`"${stream.length - 1}"`);

    const queue = await api(staff).get('/api/staff/identity-cases?area=11&status=resolved').expect(200);
    expect((queue.body.cases as CaseRow[]).map((c) => c.holderUsername)).toContain('maoming01');
  });

  it('a code for a forgotten password also takes a new 密码查询问题 and signs every session out', async () => {
    const registered = await t.register({ username: 'forgetful01', idNumber: residentId(45) });
    expect(registered.status).toBe(201);
    const candidateId = registered.body.candidateId as string;
    const stillSignedIn = await t.login('forgetful01', VALID.password);
    const issued = await api(staff)
      .post(`/api/staff/candidates/${candidateId}/reset-codes`, { reason: '本人到场，忘记密码' })
      .expect(201);
    const redeem = (extra: object) =>
      t
        .http()
        .post('/api/reset-codes/redeem')
        .send({
          username: 'forgetful01',
          code: issued.body.code,
          password: 'remembered now 2027',
          confirmPassword: 'remembered now 2027',
          ...extra,
        });
    const without = await redeem({}).expect(400);
    expect(without.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'securityQuestion',
      'securityAnswer',
    ]);
    await redeem(NEW_QUESTION).expect(200);
    await t.http().get('/api/accounts/me').set('Cookie', stillSignedIn.cookie).expect(401);
    const recover = async (securityAnswer: string) =>
      t
        .http()
        .post('/api/accounts/recover')
        .send({
          realName: VALID.realName,
          idType: 'resident',
          idNumber: residentId(45),
          securityAnswer,
          newPassword: 'recovered once more 2027',
          ...(await t.captcha()),
        });
    expect((await recover(VALID.securityAnswer)).status).toBe(401);
    expect((await recover(NEW_QUESTION.securityAnswer)).status).toBe(204);
  });

  it('suspend, then dismiss: the suspension ends with the case, and no other code lifts it meanwhile', async () => {
    const registered = await t.register({ username: 'holder03', idNumber: residentId(47) });
    expect(registered.status).toBe(201);
    expect((await t.register({ username: 'claimant03', idNumber: residentId(47) })).status).toBe(409);
    const row = await caseOf('holder03');
    const decide = async (body: object, status: number) => {
      const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
      return api(staff)
        .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
          ...body,
          expectedRevision: view.body.revision,
        })
        .expect(status);
    };
    await decide({ action: 'suspend', reason: '待核实身份，暂停使用' }, 201);
    const again = await decide({ action: 'suspend', reason: '再次暂停' }, 422);
    expect(again.body.error.code).toBe('ALREADY_SUSPENDED');
    const code = await api(staff)
      .post(`/api/staff/candidates/${registered.body.candidateId as string}/reset-codes`, { reason: '来人称忘记密码' })
      .expect(422);
    expect(code.body.error.code).toBe('SUSPENDED_BY_CASE');

    await decide({ action: 'dismiss', reason: '核实为本人，恢复账户' }, 201);
    const holder = await t.login('holder03', VALID.password);
    const notice = await t.http().get('/notices?next=%2F').set('Cookie', holder.cookie).expect(200);
    expect(notice.text).toContain('您的账户已恢复正常使用');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    expect(view.body.holder.suspended).toBe(false);
  });

  it('frees an identity (registerAnew) for the person checked only: registering with it takes their 注册码', async () => {
    const { decided } = await freedIdentity('impostor05', 'rightful05', residentId(49));
    const code = decided.body.registrationCode.code as string;
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    expect(decided.body.resetCode).toBeNull();

    // Whoever else is quicker is refused, and takes no username with them.
    const quicker = await t.register({ username: 'quicker05', idNumber: residentId(49) });
    expect(quicker.status).toBe(422);
    expect(quicker.body.error).toMatchObject({
      code: 'IDENTITY_RESERVED',
      fields: [expect.objectContaining({ field: 'reservationCode' })],
    });
    const guessed = await t.register({
      username: 'quicker05',
      idNumber: residentId(49),
      reservationCode: 'AAAAA-AAAAA',
    });
    expect(guessed.body.error).toMatchObject({ code: 'IDENTITY_RESERVED' });
    expect((await t.http().get('/register').expect(200)).text).toContain('name="reservationCode"');

    const registered = await t.register({
      username: 'rightful05',
      idNumber: residentId(49),
      reservationCode: code.toLowerCase(),
    });
    expect(registered.status).toBe(201);
    // Used up: the identity is held again, as any other.
    expect((await t.register({ username: 'quicker05', idNumber: residentId(49), reservationCode: code })).status).toBe(
      409,
    );
  });

  it('lists to scoped staff their area’s cases and those with no area, never another area’s', async () => {
    const passport = { idType: 'passport', idNumber: 'E12345678', nationality: '法国' };
    expect((await t.register({ username: 'traveller01', ...passport })).status).toBe(201);
    expect((await t.register({ username: 'traveller02', ...passport })).status).toBe(409);
    const holders = async (who: Session, query = '') =>
      ((await api(who).get(`/api/staff/identity-cases?status=all${query}`).expect(200)).body.cases as CaseRow[]).map(
        (c) => c.holderUsername,
      );
    const beijing = await holders(staff);
    expect(beijing).toContain('traveller01');
    expect(beijing).toContain('maoming01');
    const guangdong = await t.member('kaowu_gd2', 'staff', { areaCode: '44' });
    expect(await holders(guangdong)).toEqual(['traveller01']);
    expect(await holders(guangdong, '&area=11')).toEqual([]);
    const page = await t.http().get('/staff/cases?status=all&area=11').set('Cookie', guangdong.cookie).expect(200);
    expect(page.text).not.toContain('maoming01');
    // An admin (staff accounts always have an area or site) opens every area's cases, as the hint says.
    const admin = await t.staffLogin(ADMIN.username, ADMIN.password);
    expect(await holders(admin)).toEqual(expect.arrayContaining(['traveller01', 'maoming01']));
    const adminPage = await t.http().get('/staff/cases?status=all').set('Cookie', admin.cookie).expect(200);
    expect(adminPage.text).toContain('管理员留空显示全部考区的案件');
    const all = await api(admin).get('/api/staff/identity-cases?status=all&area=11').expect(200);
    const beijingCase = (all.body.cases as CaseRow[]).find((c) => c.holderUsername === 'maoming01')!.identityStream;
    await t.http().get(`/staff/cases/${beijingCase}`).set('Cookie', admin.cookie).expect(200);
  });

  it('a hand-over sent twice says so, and its code is issued again from the case page, the old one void', async () => {
    expect((await t.register({ username: 'handed06', idNumber: residentId(51) })).status).toBe(201);
    expect((await t.register({ username: 'present06', idNumber: residentId(51) })).status).toBe(409);
    const row = await caseOf('handed06');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const form = {
      _csrf: staff.csrf,
      decision: 'reassign:handOver',
      reason: '来人持身份证原件，移交账户',
      expectedRevision: view.body.revision,
    };
    const post = (path: string, body: object) =>
      t.http().post(path).set('Cookie', staff.cookie).type('form').send(body);
    const first = await post(`/staff/cases/${row.identityStream}/decisions`, form).expect(201);
    const lost = /data-reset-code><strong>([A-Z0-9-]+)</.exec(first.text)![1];
    const second = await post(`/staff/cases/${row.identityStream}/decisions`, form).expect(409);
    expect(second.text).toContain('您刚刚已作出同样的处理');
    expect(second.text).toContain('重新发放重置码');

    const refused = await post(`/staff/cases/${row.identityStream}/reset-code`, {
      _csrf: staff.csrf,
      reissueReason: '',
    });
    expect(refused.status).toBe(400);
    const again = await post(`/staff/cases/${row.identityStream}/reset-code`, {
      _csrf: staff.csrf,
      reissueReason: '首次发放的重置码未交到本人',
    }).expect(201);
    const code = /data-reset-code><strong>([A-Z0-9-]+)</.exec(again.text)![1];
    expect(code).not.toBe(lost);
    const redeem = (with_: string) =>
      t
        .http()
        .post('/api/reset-codes/redeem')
        .send({
          username: 'handed06',
          code: with_,
          password: 'the present owner 2027',
          confirmPassword: 'the present owner 2027',
          ...NEW_QUESTION,
        });
    expect((await redeem(lost)).body.error.code).toBe('RESET_CODE_INVALID');
    expect((await redeem(code)).status).toBe(200);
    // The case log lists it with who and why, as it lists a 注册码 issued again; the first is the hand-over.
    const caseLog = await t.http().get(`/staff/cases/${row.identityStream}`).set('Cookie', staff.cookie).expect(200);
    expect(caseLog.text.match(/工作人员重新发放重置码/g)).toHaveLength(1);
    expect(caseLog.text).toContain('工作人员：kaowu_bj；理由：首次发放的重置码未交到本人');
    expect(caseLog.text).toMatch(/<strong>工作人员改派证件<\/strong>[^\n]*· 工作人员 \S+/);

    // Only a hand-over's code is issued again this way.
    const all = await api(staff).get('/api/staff/identity-cases?area=11&status=all').expect(200);
    const other = (all.body.cases as CaseRow[]).find((c) => c.holderUsername === 'holder03')!; // dismissed
    const notHandedOver = await api(staff)
      .post(`/api/staff/identity-cases/${other.identityStream}/reset-code`, { reason: '来人称未拿到重置码' })
      .expect(422);
    expect(notHandedOver.body.error.code).toBe('NOT_HANDED_OVER');
  });

  it('issues a hand-over’s code again only with a reason of 4–500 characters, and not once it was redeemed', async () => {
    expect((await t.register({ username: 'handed07', idNumber: residentId(53) })).status).toBe(201);
    expect((await t.register({ username: 'present07', idNumber: residentId(53) })).status).toBe(409);
    const row = await caseOf('handed07');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const decided = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        action: 'reassign',
        mode: 'handOver',
        reason: '来人持身份证原件，移交账户',
        expectedRevision: view.body.revision,
      })
      .expect(201);
    const reissuePage = (reissueReason: string) =>
      t
        .http()
        .post(`/staff/cases/${row.identityStream}/reset-code`)
        .set('Cookie', staff.cookie)
        .type('form')
        .send({ _csrf: staff.csrf, reissueReason });
    const reissueApi = (reason: string) =>
      api(staff).post(`/api/staff/identity-cases/${row.identityStream}/reset-code`, { reason });

    // Refused on its own field, the page's box and the API's `reason` alike, and nothing written.
    const before = await t.store.headPosition();
    const long = await reissuePage('核'.repeat(501)).expect(400);
    expect(long.text).toMatch(/id="reissueReason"[^>]*aria-invalid="true" title="发放理由不超过500字"/);
    const short = await reissuePage('丢了').expect(400);
    expect(short.text).toMatch(/id="reissueReason"[^>]*aria-invalid="true" title="请填写发放理由（至少 4 个字）"/);
    const shortApi = await reissueApi('丢了').expect(400);
    expect(shortApi.body.error.fields).toEqual([
      { field: 'reason', code: 'REASON_REQUIRED', message: '请填写发放理由（至少 4 个字）' },
    ]);
    expect(await t.store.headPosition()).toBe(before);

    await t
      .http()
      .post('/api/reset-codes/redeem')
      .send({
        username: 'handed07',
        code: decided.body.resetCode.code,
        password: 'the present owner 2027',
        confirmPassword: 'the present owner 2027',
        ...NEW_QUESTION,
      })
      .expect(200);
    // The account is the new owner's now: no code for the hand-over is offered or issued again.
    const casePage = await t.http().get(`/staff/cases/${row.identityStream}`).set('Cookie', staff.cookie).expect(200);
    expect(casePage.text).not.toContain(`action="/staff/cases/${row.identityStream}/reset-code"`);
    const redeemed = await t.store.headPosition();
    const refused = await reissueApi('来人称未拿到重置码').expect(422);
    expect(refused.body.error).toMatchObject({
      code: 'HANDOVER_COMPLETED',
      message: expect.stringContaining('移交已完成'),
    });
    const refusedPage = await reissuePage('来人称未拿到重置码').expect(422);
    expect(refusedPage.text).toContain('账户移交已完成');
    expect(await t.store.headPosition()).toBe(redeemed);
  });

  it('refuses fields a reset code redemption does not take (UNKNOWN_FIELD), writing nothing', async () => {
    const before = await t.store.headPosition();
    const res = await t
      .http()
      .post('/api/reset-codes/redeem')
      .set('X-Forwarded-For', '203.0.113.78')
      .send({
        username: 'holder02',
        code: 'ABCDE-FGHJK',
        password: 'a fresh secret 123',
        confirmPassword: 'a fresh secret 123',
        ...NEW_QUESTION,
        role: 'admin',
      })
      .expect(400);
    expect(res.body.error.fields).toEqual([{ field: 'role', code: 'UNKNOWN_FIELD', message: '不允许提交此项' }]);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('a freeing sent twice says so, and its 注册码 is issued again (page and API) until a registration is completed', async () => {
    expect((await t.register({ username: 'impostor08', idNumber: residentId(55) })).status).toBe(201);
    expect((await t.register({ username: 'rightful08', idNumber: residentId(55) })).status).toBe(409);
    const row = await caseOf('impostor08');
    const view = await api(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    const post = (path: string, body: object) =>
      t
        .http()
        .post(path)
        .set('Cookie', staff.cookie)
        .type('form')
        .send({ _csrf: staff.csrf, ...body });
    const form = {
      decision: 'reassign:registerAnew',
      reason: '来人持身份证原件，注册人非本人',
      expectedRevision: view.body.revision,
    };
    const first = await post(`/staff/cases/${row.identityStream}/decisions`, form).expect(201);
    const lost = /data-registration-code><strong>([A-Z0-9-]+)</.exec(first.text)![1];
    const second = await post(`/staff/cases/${row.identityStream}/decisions`, form).expect(409);
    expect(second.text).toContain('您刚刚已作出同样的处理');
    expect(second.text).toContain('重新发放注册码');
    expect(second.text).toContain(`action="/staff/cases/${row.identityStream}/registration-code"`);

    const before = await t.store.headPosition();
    const short = await post(`/staff/cases/${row.identityStream}/registration-code`, { reissueReason: '丢了' });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/id="reissueReason"[^>]*aria-invalid="true" title="请填写发放理由（至少 4 个字）"/);
    expect(await t.store.headPosition()).toBe(before);

    const byApi = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/registration-code`, {
        reason: '首次发放的注册码未交到本人',
      })
      .expect(201);
    expect(byApi.body).toEqual({
      code: expect.stringMatching(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/),
      expiresAt: expect.any(String),
    });
    const again = await post(`/staff/cases/${row.identityStream}/registration-code`, {
      reissueReason: '本人称注册码丢失',
    }).expect(201);
    const code = /data-registration-code><strong>([A-Z0-9-]+)</.exec(again.text)![1];
    expect([lost, byApi.body.code]).not.toContain(code);
    const events = await t.store.readStream(row.identityStream);
    expect(events[events.length - 1]).toMatchObject({
      type: 'RegistrationCodeReissued',
      data: { reason: '本人称注册码丢失', staff: { username: 'kaowu_bj' } },
    });

    // Only the last code opens the identity.
    for (const old of [lost, byApi.body.code as string]) {
      const refused = await t.register({ username: 'rightful08', idNumber: residentId(55), reservationCode: old });
      expect(refused.body.error).toMatchObject({ code: 'IDENTITY_RESERVED' });
    }
    expect((await t.register({ username: 'rightful08', idNumber: residentId(55), reservationCode: code })).status).toBe(
      201,
    );

    // Registered: no 注册码 is offered or issued any more; a case not freed never had one.
    const casePage = await t.http().get(`/staff/cases/${row.identityStream}`).set('Cookie', staff.cookie).expect(200);
    expect(casePage.text).not.toContain('/registration-code"');
    const after = await t.store.headPosition();
    const claimed = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/registration-code`, { reason: '来人称未拿到注册码' })
      .expect(422);
    expect(claimed.body.error).toMatchObject({
      code: 'RESERVATION_CLAIMED',
      message: expect.stringContaining('已有人完成注册'),
    });
    const all = await api(staff).get('/api/staff/identity-cases?area=11&status=all').expect(200);
    const handedOver = (all.body.cases as CaseRow[]).find((c) => c.holderUsername === 'maoming01')!;
    const notFreed = await api(staff)
      .post(`/api/staff/identity-cases/${handedOver.identityStream}/registration-code`, {
        reason: '来人称未拿到注册码',
      })
      .expect(422);
    expect(notFreed.body.error.code).toBe('NOT_REGISTERED_ANEW');
    expect(await t.store.headPosition()).toBe(after);
  });

  it('voids a 注册码 after 5 wrong ones, recorded on the identity, until staff issue another', async () => {
    const { row, decided } = await freedIdentity('impostor09', 'rightful09', residentId(57));
    const register = (reservationCode: string) =>
      t.register({ username: 'rightful09', idNumber: residentId(57), reservationCode });

    for (const guess of ['AAAAA-AAAAA', 'BBBBB-BBBBB', 'CCCCC-CCCCC', 'DDDDD-DDDDD', 'EEEEE-EEEEE']) {
      const refused = await register(guess);
      expect(refused.body.error).toMatchObject({ code: 'IDENTITY_RESERVED' });
    }
    // Counted on the identity itself, so a guesser's many addresses do not multiply the tries.
    const tries = (await t.store.readStream(row.identityStream)).filter((e) => e.type === 'RegistrationCodeRefused');
    expect(tries).toHaveLength(5);
    expect(tries[0].data).toEqual({ at: expect.any(String), ip: expect.any(String) });

    // Void: the right code no more opens it, and nothing is written or taken.
    const before = await t.store.headPosition();
    const voided = await register(decided.body.registrationCode.code);
    expect(voided.status).toBe(422);
    expect(voided.body.error).toMatchObject({
      code: 'REGISTRATION_CODE_VOIDED',
      fields: [expect.objectContaining({ field: 'reservationCode', code: 'REGISTRATION_CODE_VOIDED' })],
    });
    expect(await t.store.headPosition()).toBe(before);

    const casePage = await t.http().get(`/staff/cases/${row.identityStream}`).set('Cookie', staff.cookie).expect(200);
    expect(casePage.text).toContain('<strong>注册码错误</strong> <small>RegistrationCodeRefused</small>');
    // Staff see the code is void and that it can be issued again, before the person says so.
    expect(casePage.text).toContain('data-registration-code-status="voided"><strong>当前注册码：已作废</strong>');
    expect(casePage.text).toContain('因输错次数过多已作废，可在核验身份后重新发放');
    const reissued = await api(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/registration-code`, { reason: '注册码输错作废，重新发放' })
      .expect(201);
    const again = await t.http().get(`/staff/cases/${row.identityStream}`).set('Cookie', staff.cookie).expect(200);
    expect(again.text).toContain('data-registration-code-status="valid">当前注册码：有效');
    expect((await register(reissued.body.code)).status).toBe(201);
  });

  it('throttles wrong reset codes per address with a 429, and the process stays up', async () => {
    const attempt = () =>
      t
        .http()
        .post('/api/reset-codes/redeem')
        .set('X-Forwarded-For', '203.0.113.77')
        .send({
          username: 'nobody_here1',
          code: 'ABCDE-FGHJK',
          password: 'a fresh secret 123',
          confirmPassword: 'a fresh secret 123',
          ...NEW_QUESTION,
        });
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) statuses.push((await attempt()).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 422 && s !== 429)).toEqual([]);
    await t.http().get('/health').expect(200);
  });
});
