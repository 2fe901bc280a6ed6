import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { CaseFollowUpRecovery } from '../../src/staff/identity-cases/case-follow-up-recovery';
import { type Session, type StaffAuditApp, residentId, startStaffAuditApp, VALID } from './staff-audit-support';

const NEW_QUESTION = { securityQuestion: '我的第一位老师', securityAnswer: '城南李老师' };
const NEW_PASSWORD = 'the rightful owner 2027';

/** What an identity case's suspension may and may not be lifted by (注意 4). */
describe('staff: an identity case’s suspension lasts as decided', () => {
  let t: StaffAuditApp;
  let staff: Session;

  beforeAll(async () => {
    t = await startStaffAuditApp();
    staff = await t.member('kaowu_bj', 'staff', { areaCode: '11' });
  }, 60_000);
  afterAll(() => t?.close());

  const post = (path: string, body: object) =>
    t.http().post(path).set('Cookie', staff.cookie).set('X-CSRF-Token', staff.csrf).send(body);

  /** Registers the holder, then someone else with the same ID number (a case), and returns its stream. */
  async function contested(holder: string, idNumber: string): Promise<{ stream: string; candidateId: string }> {
    const registered = await t.register({ username: holder, idNumber });
    expect(registered.status).toBe(201);
    expect((await t.register({ username: `${holder}_b`, idNumber })).status).toBe(409);
    const queue = await t.http().get('/api/staff/identity-cases?area=11').set('Cookie', staff.cookie).expect(200);
    const row = (queue.body.cases as Array<{ identityStream: string; holderUsername: string }>).find(
      (c) => c.holderUsername === holder,
    )!;
    return { stream: row.identityStream, candidateId: registered.body.candidateId as string };
  }

  async function decide(stream: string, body: object) {
    const view = await t.http().get(`/api/staff/identity-cases/${stream}`).set('Cookie', staff.cookie).expect(200);
    return post(`/api/staff/identity-cases/${stream}/decisions`, { ...body, expectedRevision: view.body.revision });
  }

  const redeem = (username: string, code: string) =>
    t
      .http()
      .post('/api/reset-codes/redeem')
      .send({ username, code, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...NEW_QUESTION });

  const signIn = async (username: string, password: string) =>
    t
      .http()
      .post('/api/accounts/login')
      .send({ username, password, ...(await t.captcha()) });

  it('voids a forgotten-password code issued before a case suspended the account', async () => {
    const { stream, candidateId } = await contested('susp_holder1', residentId(81));
    const issued = await post(`/api/staff/candidates/${candidateId}/reset-codes`, { reason: '来人称忘记密码' });
    expect(issued.status).toBe(201);
    expect((await decide(stream, { action: 'suspend', reason: '待核实身份，暂停使用' })).status).toBe(201);

    const refused = await redeem('susp_holder1', issued.body.code as string);
    expect(refused.body.error.code).toBe('RESET_CODE_INVALID');
    expect((await signIn('susp_holder1', NEW_PASSWORD)).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await signIn('susp_holder1', VALID.password)).body.error.code).toBe('ACCOUNT_SUSPENDED');
    // Nor does 找回密码 with the old answer reset it: the case lifts a suspension, not the answer.
    const head = await t.store.headPosition();
    const recovery = await t
      .http()
      .post('/api/accounts/recover')
      .send({
        realName: VALID.realName,
        idType: 'resident',
        idNumber: residentId(81),
        securityAnswer: VALID.securityAnswer,
        newPassword: 'taken back by recovery 2027',
        ...(await t.captcha()),
      });
    expect(recovery.body.error.code).toBe('ACCOUNT_SUSPENDED');
    const since = await t.store.readAll({ after: head, maxCount: 100 });
    expect(since.map((e) => e.type)).not.toContain('PasswordRecovered');
    // On the login page the suspension says where a code from staff is used.
    const page = await t.http().get('/login').expect(200);
    const cookie = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page.text)![1];
    const refusedPage = await t
      .http()
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({
        _csrf: field('_csrf'),
        captchaId: field('captchaId'),
        captcha: (await t.captcha()).captcha,
        username: 'susp_holder1',
        password: VALID.password,
      });
    expect(refusedPage.text).toContain('该账户已被暂停使用');
    expect(refusedPage.text).toContain('<a href="/reset-code">使用重置码设置新密码</a>');
  });

  it('keeps a hand-over’s suspension when a later attempt is dismissed, until the new owner redeems the code', async () => {
    const idNumber = residentId(83);
    const { stream } = await contested('susp_holder2', idNumber);
    const handedOver = await decide(stream, { action: 'reassign', mode: 'handOver', reason: '来人持身份证原件' });
    expect(handedOver.status).toBe(201);
    // Someone tries the number again; staff find that attempt groundless.
    expect((await t.register({ username: 'susp_holder2_c', idNumber })).status).toBe(409);
    expect((await decide(stream, { action: 'dismiss', reason: '再次尝试者无证件' })).status).toBe(201);

    // The impostor's password still does not sign in; the code handed over still works, and can be issued again.
    expect((await signIn('susp_holder2', VALID.password)).body.error.code).toBe('ACCOUNT_SUSPENDED');
    const again = await post(`/api/staff/identity-cases/${stream}/reset-code`, { reason: '来人称重置码遗失' });
    expect(again.status).toBe(201);
    expect((await redeem('susp_holder2', handedOver.body.resetCode.code as string)).body.error.code).toBe(
      'RESET_CODE_INVALID',
    );
    await redeem('susp_holder2', again.body.code as string).expect(200);
    expect((await signIn('susp_holder2', NEW_PASSWORD)).status).toBe(200);
  });

  it('leaves the new owner of a handed-over account signed in when the recovery runs the hand-over again', async () => {
    const { stream } = await contested('susp_holder4', residentId(87));
    const handedOver = await decide(stream, { action: 'reassign', mode: 'handOver', reason: '来人持身份证原件' });
    // Typed with a Chinese IME: full-width, in lower case.
    const fullWidth = [...(handedOver.body.resetCode.code as string).toLowerCase()]
      .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      .join('');
    await redeem('susp_holder4', fullWidth).expect(200);
    const owner = await t.login('susp_holder4', NEW_PASSWORD);
    // Once the decision has settled: complete, so nothing is written, and the owner's session lives.
    expect(await t.app.get(CaseFollowUpRecovery).runOnce(new Date(Date.now() + 2 * 60_000))).toEqual([]);
    await t.http().get('/api/accounts/me').set('Cookie', owner.cookie).expect(200);
  });

  /** A decision as a process that died right after appending it left it: on the identity stream only. */
  async function decidedThenCrashed(stream: string, type: string, data: object, decidedAt: Date) {
    const revision = BigInt((await t.store.readStream(stream)).length - 1);
    const context = { actor: { id: 'staff-x', role: 'staff' as const }, correlationId: `c-${type}`, now: decidedAt };
    const event = {
      type,
      data: { ...data, staff: { id: 'staff-x', username: 'kaowu_bj' }, decidedAt: decidedAt.toISOString() },
    };
    const appended = await t.store.append(stream, toNewEvents([event], context), revision);
    await t.app.get(ProjectionRunner).waitFor(appended.position, ['identity-cases'], 10_000);
  }

  it('suspends a crashed hand-over before its code is issued again, so the new owner stays signed in', async () => {
    const { stream, candidateId } = await contested('susp_holder5', residentId(89));
    const handOver = {
      decisionId: 'd-handover5',
      reason: '来人持身份证原件',
      fromCandidateId: candidateId,
      fromUsername: 'susp_holder5',
      mode: 'handOver',
    };
    await decidedThenCrashed(stream, 'IdentityReassigned', handOver, new Date(Date.now() - 2 * 60_000));
    const page = () => t.http().get(`/staff/cases/${stream}`).set('Cookie', staff.cookie).expect(200);
    expect((await page()).text).toContain('此次移交尚未发放重置码');
    const issued = await post(`/api/staff/identity-cases/${stream}/reset-code`, { reason: '移交时未发放重置码' });
    expect(issued.status).toBe(201);
    expect((await page()).text).not.toContain('此次移交尚未发放重置码');
    expect((await signIn('susp_holder5', VALID.password)).body.error.code).toBe('ACCOUNT_SUSPENDED');
    await redeem('susp_holder5', issued.body.code as string).expect(200);
    const owner = await t.login('susp_holder5', NEW_PASSWORD);
    expect(await t.app.get(CaseFollowUpRecovery).runOnce(new Date())).toEqual([]);
    await t.http().get('/api/accounts/me').set('Cookie', owner.cookie).expect(200);
  });

  it('suspends the impostor of a crashed hand-over also when a later attempt was dismissed since', async () => {
    const idNumber = residentId(91);
    const { stream, candidateId } = await contested('susp_holder6', idNumber);
    const handOver = {
      decisionId: 'd-handover6',
      reason: '来人持身份证原件',
      fromCandidateId: candidateId,
      fromUsername: 'susp_holder6',
      mode: 'handOver',
    };
    await decidedThenCrashed(stream, 'IdentityReassigned', handOver, new Date(Date.now() - 3 * 60_000));
    expect((await t.register({ username: 'susp_holder6_c', idNumber })).status).toBe(409);
    expect((await decide(stream, { action: 'dismiss', reason: '再次尝试者无证件' })).status).toBe(201);
    expect((await signIn('susp_holder6', VALID.password)).status).toBe(200); // the crash left it signed in

    const completed = await t.app.get(CaseFollowUpRecovery).runOnce(new Date(Date.now() + 2 * 60_000));
    expect(completed).toEqual(['d-handover6']);
    expect((await signIn('susp_holder6', VALID.password)).body.error.code).toBe('ACCOUNT_SUSPENDED');
  });

  it('tells the holder a dismissal reinstated them also when a crash fell between the reinstatement and the notice', async () => {
    const { stream, candidateId } = await contested('susp_holder7', residentId(93));
    expect((await decide(stream, { action: 'suspend', reason: '待核实身份，暂停使用' })).status).toBe(201);
    const dismissal = {
      decisionId: 'd-dismiss7',
      reason: '核实为本人',
      holderCandidateId: candidateId,
      attemptsReviewed: 1,
    };
    await decidedThenCrashed(stream, 'IdentityCaseDismissed', dismissal, new Date(Date.now() - 2 * 60_000));
    // The reinstatement made it to the account; the notice did not.
    const account = `candidate-${candidateId}`;
    const context = { actor: { id: 'staff-x', role: 'staff' as const }, correlationId: 'c-dismiss7', now: new Date() };
    const reinstated = {
      type: 'AccountReinstated',
      data: {
        decisionId: 'd-dismiss7',
        reason: '核实为本人',
        staff: { id: 'staff-x', username: 'kaowu_bj' },
        reinstatedAt: new Date().toISOString(),
      },
    };
    await t.store.append(
      account,
      toNewEvents([reinstated], context),
      BigInt((await t.store.readStream(account)).length - 1),
    );

    expect(await t.app.get(CaseFollowUpRecovery).runOnce(new Date())).toEqual(['d-dismiss7']);
    const holder = await t.login('susp_holder7', VALID.password);
    const notice = await t.http().get('/notices?next=%2F').set('Cookie', holder.cookie).expect(200);
    expect(notice.text).toContain('您的账户已恢复正常使用');
  });

  it('carries out a decision whose follow-ups a crash cut off, once, when the recovery comes round', async () => {
    const { stream, candidateId } = await contested('susp_holder3', residentId(85));
    const signedIn = await t.login('susp_holder3', VALID.password);
    // The decision as a process that died right after appending it left it: on the identity stream only.
    const decidedAt = new Date(Date.now() - 2 * 60_000);
    const decision = {
      type: 'IdentityHolderSuspended',
      data: {
        decisionId: 'd-crashed',
        candidateId,
        username: 'susp_holder3',
        reason: '待核实身份，暂停使用',
        staff: { id: 'staff-x', username: 'kaowu_bj' },
        decidedAt: decidedAt.toISOString(),
      },
    };
    const revision = BigInt((await t.store.readStream(stream)).length - 1);
    const context = { actor: { id: 'staff-x', role: 'staff' as const }, correlationId: 'c-crashed', now: decidedAt };
    const appended = await t.store.append(stream, toNewEvents([decision], context), revision);
    await t.app.get(ProjectionRunner).waitFor(appended.position, ['identity-cases'], 10_000);
    expect((await signIn('susp_holder3', VALID.password)).status).toBe(200); // not suspended yet

    const recovery = t.app.get(CaseFollowUpRecovery);
    expect(await recovery.runOnce(new Date())).toEqual(['d-crashed']);
    expect((await signIn('susp_holder3', VALID.password)).body.error.code).toBe('ACCOUNT_SUSPENDED');
    await t.http().get('/api/accounts/me').set('Cookie', signedIn.cookie).expect(401);
    const account = await t.store.readStream(`candidate-${candidateId}`);
    const suspension = account.find((event) => event.type === 'AccountSuspended')!;
    expect(suspension.metadata).toMatchObject({
      actor: { id: 'case-follow-up-recovery', role: 'system' },
      correlationId: 'c-crashed',
    });
    expect(suspension.data).toMatchObject({ decisionId: 'd-crashed', staff: { username: 'kaowu_bj' } });
    // Complete now: the next round writes nothing.
    expect(await recovery.runOnce(new Date())).toEqual([]);
  });
});
