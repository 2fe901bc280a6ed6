import { staffAccountStream } from '../../src/staff-accounts/staff-accounts.streams';
import { ADMIN, type Session, type StaffAuditApp, residentId, startStaffAuditApp, VALID } from './staff-audit-support';

interface CaseRow {
  identityStream: string;
  holderUsername: string | null;
}

/** Suspended candidates and disabled staff are signed out at once, and stay out until restored. */
describe('sessions end when staff suspend a candidate or an admin disables a staff account', () => {
  let t: StaffAuditApp;
  let staff: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await startStaffAuditApp();
    for (const [username, seq] of [
      ['rev_holder1', 71],
      ['rev_holder2', 73],
    ] as const) {
      expect((await t.register({ username, idNumber: residentId(seq) })).status).toBe(201);
      expect((await t.register({ username: `${username}x`, idNumber: residentId(seq) })).status).toBe(409);
    }
    staff = await t.member('kaowu_rev', 'staff', { areaCode: '11' });
    admin = await t.staffLogin(ADMIN.username, ADMIN.password);
  }, 90_000);
  afterAll(() => t?.close());

  const as = (session: Session) => ({
    get: (path: string) => t.http().get(path).set('Cookie', session.cookie),
    post: (path: string, body: object) =>
      t.http().post(path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf).send(body),
  });

  async function decideCase(holder: string, decision: object): Promise<void> {
    const queue = await as(staff).get('/api/staff/identity-cases?area=11').expect(200);
    const row = (queue.body.cases as CaseRow[]).find((c) => c.holderUsername === holder);
    if (!row) throw new Error(`no case for ${holder}`);
    const view = await as(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
    await as(staff)
      .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
        ...decision,
        expectedRevision: view.body.revision,
      })
      .expect(201);
  }

  async function expectSignedOut(session: Session, apiPath: string, pagePath: string): Promise<void> {
    const api = await as(session).get(apiPath);
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('UNAUTHENTICATED');
    const page = await as(session).get(pagePath).expect(303);
    // A cookie the store no longer answers: the login page says the sign-in lapsed.
    expect(page.headers.location).toBe(`/login?next=${encodeURIComponent(pagePath)}&expired=lapsed`);
  }

  async function loginRefusal(path: string, username: string, password: string) {
    return t
      .http()
      .post(path)
      .send({ username, password, ...(await t.captcha()) });
  }

  it('signs a suspended candidate out at once (API 401, pages to login) and refuses their login', async () => {
    const candidate = await t.login('rev_holder1', VALID.password);
    const other = await t.login('rev_holder2', VALID.password);
    await as(candidate).get('/api/accounts/me').expect(200);
    await as(candidate).get('/security').expect(200);

    await decideCase('rev_holder1', { action: 'suspend', reason: '冒用他人证件，待现场核验' });

    await expectSignedOut(candidate, '/api/accounts/me', '/security');
    const refused = await loginRefusal('/api/accounts/login', 'rev_holder1', VALID.password);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_SUSPENDED');
    // Only the suspended account is signed out.
    await as(other).get('/api/accounts/me').expect(200);
  });

  it('signs the holder out when the identity is reassigned away from the account', async () => {
    const holder = await t.login('rev_holder2', VALID.password);
    await decideCase('rev_holder2', { action: 'reassign', mode: 'registerAnew', reason: '来人持身份证原件' });
    await expectSignedOut(holder, '/api/accounts/me', '/security');
    expect((await loginRefusal('/api/accounts/login', 'rev_holder2', VALID.password)).body.error.code).toBe(
      'ACCOUNT_SUSPENDED',
    );
  });

  it('signs a disabled staff member out at once, refuses their login, and lets them in again once re-enabled', async () => {
    const member = await t.member('kaowu_off', 'staff', { areaCode: '11' });
    const password = 'kaowu_off long secret 2027';
    await as(member).get('/api/staff/identity-cases?area=11').expect(200);
    await as(member).get('/staff/cases').expect(200);

    const disabled = await as(admin)
      .post('/api/admin/staff-accounts/kaowu_off/disable', { reason: '已调离考务岗位' })
      .expect(200);
    expect(disabled.body).toEqual({ staffId: 'kaowu_off', status: 'disabled' });

    await expectSignedOut(member, '/api/staff/identity-cases?area=11', '/staff/cases');
    const refused = await loginRefusal('/api/staff-accounts/login', 'kaowu_off', password);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_DISABLED');
    const list = await as(admin).get('/api/admin/staff-accounts').expect(200);
    expect(list.body.find((row: { staffId: string }) => row.staffId === 'kaowu_off')).toMatchObject({
      status: 'disabled',
      statusReason: '已调离考务岗位',
      statusChangedBy: ADMIN.username,
    });
    // Other staff keep their sessions.
    await as(staff).get('/api/staff/identity-cases?area=11').expect(200);

    const enabled = await as(admin)
      .post('/api/admin/staff-accounts/kaowu_off/enable', { reason: '重新担任考务工作' })
      .expect(200);
    expect(enabled.body).toEqual({ staffId: 'kaowu_off', status: 'active' });
    const again = await t.staffLogin('kaowu_off', password);
    await as(again).get('/api/staff/identity-cases?area=11').expect(200);
  });

  it('ends an auditor session too, and the admin page disables and re-enables with a reason', async () => {
    const auditor = await t.member('shenji_off', 'auditor');
    await as(auditor).get('/audit').expect(200);
    const form = (path: string, reason: string) =>
      t.http().post(path).set('Cookie', admin.cookie).type('form').send({ reason, _csrf: admin.csrf });

    const off = await form('/admin/staff/shenji_off/disable', '审计任务结束').expect(303);
    expect(off.headers.location).toBe('/admin/staff?disabled=shenji_off');
    const page = await as(admin).get(off.headers.location).expect(200);
    expect(page.text).toContain('已停用账户 shenji_off');
    expect(page.text).toContain('审计任务结束');
    await expectSignedOut(auditor, '/api/audit/verify', '/audit');

    const refused = await form('/admin/staff/shenji_off/enable', '').expect(422);
    expect(refused.text).toContain('请填写原因');
    const on = await form('/admin/staff/shenji_off/enable', '新一轮审计').expect(303);
    expect(on.headers.location).toBe('/admin/staff?enabled=shenji_off');
    await t.staffLogin('shenji_off', 'shenji_off long secret 2027');
  });

  it('refuses to disable yourself, an unknown account, or without a reason, and writes nothing', async () => {
    const before = await t.store.readStream(staffAccountStream(ADMIN.username));
    const self = await as(admin).post(`/api/admin/staff-accounts/${ADMIN.username}/disable`, {
      reason: '测试停用自己',
    });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('CANNOT_DISABLE_SELF');
    expect(await t.store.readStream(staffAccountStream(ADMIN.username))).toHaveLength(before.length);
    await as(admin).get('/api/admin/staff-accounts').expect(200);

    const unknown = await as(admin).post('/api/admin/staff-accounts/nobody_here/disable', { reason: '不存在的账户' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ACCOUNT_NOT_FOUND');

    const staffBefore = await t.store.readStream(staffAccountStream('kaowu_rev'));
    const blank = await as(admin).post('/api/admin/staff-accounts/kaowu_rev/disable', { reason: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('REASON_REQUIRED');
    const missing = await as(admin).post('/api/admin/staff-accounts/kaowu_rev/disable', {});
    expect(missing.status).toBe(400);
    expect(await t.store.readStream(staffAccountStream('kaowu_rev'))).toHaveLength(staffBefore.length);
    await as(staff).get('/api/staff/identity-cases?area=11').expect(200);
  });
});
