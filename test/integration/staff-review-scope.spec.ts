import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { maskIdNumber } from '../../src/accounts/security/identity-key';
import { createApp } from '../../src/bootstrap/create-app';
import { formatBeijingTime } from '../../src/catalog/browse-catalog/catalog-dates';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { enrollmentStream } from '../../src/enrollment/enrollment.events';
import { writeTestSeed } from './enrollment-fixture';
import { httpSessions, type Who } from './http-sessions';
import { registerWithProfile } from './candidate-with-profile';
import { residentId } from './accounts-support';

const ADMIN = { username: 'exam_admin', password: 'a long admin secret 2027' };
type Candidate = Who & { id: string };

/**
 * Staff review and changes at their edges: scope before revision, what a batch approves, unknown
 * sessions and candidates, a move to the same site, staff scopes the catalog does not have.
 */
describe('staff review at its edges', () => {
  jest.setTimeout(120_000);
  let app: NestFastifyApplication;
  let store: EventStore;
  let dataDir: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'staff-review-scope-'));
    app = await createApp({
      env: {
        APP_ENV: 'test',
        PROJECTION_THREAD: 'false',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        CAPTCHA_MODE: 'test',
        SEED_CATALOG_FILE: writeTestSeed(dataDir, 1),
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
      },
      logDestination: { write: () => undefined },
    });
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const { sessionFrom, captcha, as, enrollThroughApi } = httpSessions(http);
  const signInAdmin = async () =>
    sessionFrom(
      await http()
        .post('/api/staff-accounts/login')
        .send({ ...ADMIN, ...(await captcha()) })
        .expect(200),
    );
  const staffMember = async (username: string, scope: object, role = 'staff') => {
    const account = { username, password: `${username} secret phrase`, displayName: '考务', role };
    await as(await signInAdmin())
      .post('/api/admin/staff-accounts', { ...account, ...scope })
      .expect(201);
    const login = await http()
      .post('/api/staff-accounts/login')
      .send({ username, password: account.password, ...(await captcha()) })
      .expect(200);
    return sessionFrom(login);
  };

  /** Registered, with a complete profile, signed in, and submitted at `siteCode`. */
  async function submittedAt(n: number, fullName: string, siteCode: string): Promise<Candidate> {
    const { id, login } = await registerWithProfile(http, store, captcha, {
      username: `edge${n}`,
      password: `candidate secret ${n} phrase`,
      realName: fullName,
      idSequence: n * 2,
      email: `e${n}@example.cn`,
    });
    const who = { ...(await sessionFrom(login)), id };
    await enrollThroughApi(who, { siteCode });
    return who;
  }

  const revisionOf = async (who: Candidate) =>
    BigInt((await store.readStream(enrollmentStream('2027', who.id))).length - 1);
  const eventsOf = async (who: Candidate) =>
    (await store.readStream(enrollmentStream('2027', who.id))).map((event) => event.type);
  const UNKNOWN = '0190f0f0-0000-7000-8000-000000000000';
  it('answers a batch row outside the scope as one it cannot find, whatever its revision, and never names it', async () => {
    const tianjin = await submittedAt(1, '考生戊乙', '1201');
    const site1102 = await staffMember('kaowu_edge_1102', { siteCode: '1102' });
    const right = Number(await revisionOf(tianjin));
    const batch = (enrollments: object[]) =>
      as(site1102).post('/api/staff/enrollments/2027/approve-batch', { enrollments }).expect(200);
    const answers = [
      (await batch([{ candidateId: tianjin.id, revision: right }])).body,
      (await batch([{ candidateId: tianjin.id, revision: right - 1 }])).body,
      (await batch([{ candidateId: UNKNOWN, revision: 3 }])).body,
    ];
    for (const answer of answers) {
      expect(answer.approved).toEqual([]);
      expect(answer.refused[0]).toMatchObject({ code: 'ENROLLMENT_NOT_FOUND', message: '未找到您负责范围内的该报名' });
    }
    const page = await as(site1102).form('/staff/review/2027/approve-batch', { select: `${tianjin.id}@${right}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${tianjin.id}：未找到您负责范围内的该报名`);
    expect(page.text).not.toContain('考生戊乙');
    expect(await eventsOf(tianjin)).not.toContain('EnrollmentApproved');
  });

  it('approves in a batch only what awaits review, and a batch sent again approves nothing twice', async () => {
    const [waiting, approved, rejected] = [
      await submittedAt(2, '考生甲丙', '1102'),
      await submittedAt(3, '考生甲丁', '1102'),
      await submittedAt(4, '考生甲戊', '1102'),
    ];
    const admin = await signInAdmin();
    await as(admin).post(`/api/staff/enrollments/2027/${approved.id}/approve`, { reason: '' }).expect(200);
    await as(admin).post(`/api/staff/enrollments/2027/${rejected.id}/reject`, { reason: '照片不清晰' }).expect(200);
    const selection = [
      { candidateId: waiting.id, revision: Number(await revisionOf(waiting)) },
      { candidateId: approved.id, revision: Number(await revisionOf(approved)) },
      { candidateId: rejected.id, revision: Number(await revisionOf(rejected)) },
    ];
    const batch = (enrollments: object[]) =>
      as(admin).post('/api/staff/enrollments/2027/approve-batch', { enrollments }).expect(200);
    const first = (await batch(selection)).body;
    expect(first.approved).toEqual([waiting.id]);
    expect(first.refused).toEqual([
      expect.objectContaining({ candidateId: approved.id, code: 'NOT_AWAITING_REVIEW' }),
      expect.objectContaining({ candidateId: rejected.id, code: 'NOT_AWAITING_REVIEW' }),
    ]);
    expect(await eventsOf(rejected)).not.toContain('EnrollmentApproved');
    // Sent again, pinned as before or not pinned at all: what this batch approved is still approved, once.
    expect((await batch(selection)).body.approved).toEqual([waiting.id]);
    expect((await batch([{ candidateId: waiting.id }])).body).toEqual({ approved: [waiting.id], refused: [] });
    expect((await eventsOf(waiting)).filter((type) => type === 'EnrollmentApproved')).toHaveLength(1);
  });

  it('takes a null revision as none, and answers an unknown candidate as not found', async () => {
    const who = await submittedAt(5, '考生甲己', '1102');
    const admin = await signInAdmin();
    const approve = (candidate: string, body: object) =>
      as(admin).post(`/api/staff/enrollments/2027/${candidate}/approve`, body);
    expect((await approve(UNKNOWN, { revision: 0 }).expect(404)).body.error.code).toBe('ENROLLMENT_NOT_FOUND');
    expect((await approve(who.id, { revision: null }).expect(200)).body.status).toBe('approved');
    const batch = await as(admin)
      .post('/api/staff/enrollments/2027/approve-batch', { enrollments: [{ candidateId: who.id, revision: null }] })
      .expect(200);
    expect(batch.body.approved).toEqual([who.id]);
    await as(admin)
      .post(`/api/staff/enrollments/2027/${who.id}/withdraw`, { note: '考生申请', revision: null })
      .expect(200);
  });

  it('tells staff a move to the site the candidate is at changes nothing, on the API and the page', async () => {
    const who = await submittedAt(6, '考生甲庚', '1102');
    const admin = await signInAdmin();
    const before = await eventsOf(who);
    const api = await as(admin)
      .post(`/api/staff/enrollments/2027/${who.id}/change-site`, { siteCode: '1102', note: '调整' })
      .expect(422);
    expect(api.body.error.code).toBe('SAME_SITE');
    const page = await as(admin).form(`/staff/review/2027/${who.id}/change-site`, {
      siteCode: '1102',
      moveNote: '调整',
      revision: String(await revisionOf(who)),
    });
    expect(page.status).toBe(422);
    expect(page.text).toContain('考生已在该考点，未作变更');
    expect(await eventsOf(who)).toEqual(before);
  });
  it('answers an unknown session 404 on every staff enrollment route, and wrong fields with their codes', async () => {
    const who = await submittedAt(7, '考生甲辛', '1102');
    const admin = await signInAdmin();
    const staff = as(admin);
    const routes: Array<[string, () => request.Test]> = [
      ['list', () => staff.get('/api/staff/enrollments?session=2099')],
      ['csv', () => staff.get('/api/staff/enrollments.csv?session=2099')],
      ['xlsx', () => staff.get('/api/staff/enrollments.xlsx?session=2099')],
      ['one', () => staff.get(`/api/staff/enrollments/2099/${who.id}`)],
      ['approve', () => staff.post(`/api/staff/enrollments/2099/${who.id}/approve`, {})],
      ['reject', () => staff.post(`/api/staff/enrollments/2099/${who.id}/reject`, { reason: '不清晰' })],
      [
        'batch',
        () => staff.post('/api/staff/enrollments/2099/approve-batch', { enrollments: [{ candidateId: who.id }] }),
      ],
      [
        'move',
        () => staff.post(`/api/staff/enrollments/2099/${who.id}/change-site`, { siteCode: '1103', note: '调整' }),
      ],
      ['withdraw', () => staff.post(`/api/staff/enrollments/2099/${who.id}/withdraw`, { note: '调整' })],
      ['tickets', () => staff.post('/api/staff/tickets/2099/issue')],
    ];
    for (const [route, send] of routes) {
      const answer = await send();
      expect([route, answer.status, answer.body.error?.code]).toEqual([route, 404, 'SESSION_NOT_FOUND']);
    }
    const numbered = await staff.post(`/api/staff/enrollments/2027/${who.id}/change-site`, {
      siteCode: 1103,
      note: '调整',
    });
    expect(numbered.status).toBe(400);
    expect(numbered.body.error.fields).toEqual([expect.objectContaining({ field: 'siteCode', code: 'NOT_TEXT' })]);
    const extra = await staff.post('/api/staff/tickets/2027/issue', { foo: 1 }).expect(400);
    expect(extra.body.error.fields).toEqual([expect.objectContaining({ field: 'foo', code: 'UNKNOWN_FIELD' })]);
    expect(await eventsOf(who)).not.toContain('AdmissionTicketIssued');
  });
  it('shows staff of its scope the full ID number on one enrollment’s page and API, never on the list or its exports', async () => {
    const who = await submittedAt(8, '考生甲壬', '1102');
    const [idNumber, masked] = [residentId(16), maskIdNumber(residentId(16))];
    const site1102 = await staffMember('kaowu_full_1102', { siteCode: '1102' });
    for (const staff of [site1102, await staffMember('kaowu_full_11', { areaCode: '11' }), await signInAdmin()]) {
      const page = await as(staff).get(`/staff/review/2027/${who.id}`).expect(200);
      expect(page.text).toContain(`居民身份证 ${idNumber}`);
      // Typed, not chosen from the directory: marked for staff to check, as the profile marks them yellow.
      expect(page.text).toContain('data-note>“某医院（测试）”不在系统名录中，请核实</span>');
      expect(page.text).toContain('data-note>“某医学院（测试）”不在系统名录中，请核实</span>');
      // The phone as the enrollment's copy holds it: the number submitted in full is recorded nowhere.
      expect(page.text).toContain('138****8000');
      expect(page.text).not.toContain('13800138000');
      const api = await as(staff).get(`/api/staff/enrollments/2027/${who.id}`).expect(200);
      expect(api.body.basicInfo).toMatchObject({ idNumber, idNumberMasked: masked, phoneMasked: '138****8000' });
    }
    const outside = await staffMember('kaowu_full_1101', { siteCode: '1101' });
    const refusedPage = await as(outside).get(`/staff/review/2027/${who.id}`).expect(403);
    expect(refusedPage.text).not.toContain(idNumber);
    const refusedApi = await as(outside).get(`/api/staff/enrollments/2027/${who.id}`).expect(404);
    expect(refusedApi.body.error.code).toBe('ENROLLMENT_NOT_FOUND');
    expect(JSON.stringify(refusedApi.body)).not.toContain(idNumber);

    const staff = as(site1102);
    const list = await staff.get('/staff/review?session=2027').expect(200);
    const rows = await staff.get('/api/staff/enrollments?session=2027').expect(200);
    const csv = await staff.get('/api/staff/enrollments.csv?session=2027').expect(200);
    for (const listed of [list.text, JSON.stringify(rows.body), csv.text]) {
      expect(listed).toContain(masked);
      expect(listed).not.toContain(idNumber);
    }
    const decided = await staff.post(`/api/staff/enrollments/2027/${who.id}/approve`, { reason: '' }).expect(200);
    expect(decided.body.basicInfo.idNumberMasked).toBe(masked);
    expect(JSON.stringify(decided.body)).not.toContain(idNumber);
  });
  it('records each staff look-up of one enrollment for the auditors, before answering; none refused, listed or HEAD', async () => {
    const who = await submittedAt(9, '考生甲癸', '1102');
    const lookUps = async () =>
      (await store.readStream(`auditAccess-${who.id}`)).map(({ type, data, metadata }) => ({
        type,
        data,
        actor: metadata.actor,
      }));
    const site1102 = await staffMember('kaowu_look_1102', { siteCode: '1102' });
    const outside = await staffMember('kaowu_look_1101', { siteCode: '1101' });
    await as(site1102).get(`/staff/review/2027/${who.id}`).expect(200);
    await as(site1102).get(`/api/staff/enrollments/2027/${who.id}`).expect(200);
    await as(outside).get(`/staff/review/2027/${who.id}`).expect(403);
    await as(outside).get(`/api/staff/enrollments/2027/${who.id}`).expect(404);
    await as(site1102).get('/staff/review?session=2027').expect(200);
    await as(site1102).get('/api/staff/enrollments.csv?session=2027').expect(200);
    // The router ignores case and a trailing slash and decodes the path: none of them gets a HEAD through.
    for (const path of [
      `/staff/review/2027/${who.id}`,
      `/Staff/Review/2027/${who.id}/`,
      `/api/staff/enrollments/2027/${who.id}`,
      `/api/staff/%65nrollments/2027/${who.id}`,
    ]) {
      const head = await http().head(path).set('Cookie', site1102.cookie);
      expect(head.status).toBe(405);
      expect(head.headers.allow).toBe('GET');
    }
    const expected = {
      type: 'StaffViewedCandidateRecord',
      data: { candidateId: who.id, sessionCode: '2027', view: 'review' },
      actor: { role: 'staff', id: expect.any(String) },
    };
    expect(await lookUps()).toEqual([expected, expected]);
    // A look-up that cannot be recorded is not answered: the number is not read.
    const failing = jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('disk full'));
    try {
      const unrecorded = await as(site1102).get(`/api/staff/enrollments/2027/${who.id}`);
      expect(unrecorded.status).toBeGreaterThanOrEqual(500);
      expect(JSON.stringify(unrecorded.body)).not.toContain(residentId(18));
    } finally {
      failing.mockRestore();
    }
    expect(await lookUps()).toHaveLength(2);
    // The auditors read them in the candidate's history, named, with who looked.
    const auditor = await staffMember('shenji_look', {}, 'auditor');
    const history = await as(auditor).get(`/api/audit/candidates/${who.id}/history?pageSize=500`).expect(200);
    const shown = (
      history.body.entries as Array<{ type: string; label: string; actorText: string; kind: string }>
    ).filter((entry) => entry.type === 'StaffViewedCandidateRecord');
    expect(shown).toEqual([
      expect.objectContaining({ label: '工作人员查阅考生报名', actorText: '工作人员 kaowu_look_1102', kind: 'audit' }),
      expect.objectContaining({ label: '工作人员查阅考生报名', actorText: '工作人员 kaowu_look_1102', kind: 'audit' }),
    ]);
  });

  it('refuses a staff scope that no scheduled session’s catalog has, on the API and the page', async () => {
    const admin = await signInAdmin();
    const account = { password: 'staff member secret', displayName: '考务', role: 'staff' };
    const site = await as(admin)
      .post('/api/admin/staff-accounts', { ...account, username: 'kaowu_9999', siteCode: '9999' })
      .expect(422);
    expect(site.body.error.fields).toEqual([
      { field: 'siteCode', code: 'STAFF_SCOPE_INVALID', message: '考点 9999 不存在' },
    ]);
    const area = await as(admin)
      .post('/api/admin/staff-accounts', { ...account, username: 'kaowu_99', areaCode: '99' })
      .expect(422);
    expect(area.body.error.fields).toEqual([
      { field: 'areaCode', code: 'STAFF_SCOPE_INVALID', message: '考区 99 不存在' },
    ]);
    const page = await as(admin).form('/admin/staff', { ...account, username: 'kaowu_page', siteCode: '9999' });
    expect(page.status).toBe(422);
    expect(page.text).toContain('考点 9999 不存在');
    const list = (await as(admin).get('/api/admin/staff-accounts').expect(200)).body as Array<{ username: string }>;
    expect(list.map((row) => row.username)).not.toContain('kaowu_9999');
    expect(list.map((row) => row.username)).not.toContain('kaowu_99');
    expect(list.map((row) => row.username)).not.toContain('kaowu_page');
  });
  it('shows staff scopes with their names and creation times in Beijing time', async () => {
    const site = await staffMember('kaowu_named_1102', { siteCode: '1102' });
    const area = await staffMember('kaowu_named_11', { areaCode: '11' });
    expect((await as(site).get('/staff/review').expect(200)).text).toContain('您负责考点 1102 海淀区考点（示例）。');
    expect((await as(area).get('/staff/review').expect(200)).text).toContain('您负责考区 11 北京市。');
    const admin = await signInAdmin();
    const rows = (await as(admin).get('/api/admin/staff-accounts').expect(200)).body as Array<{
      username: string;
      createdAt: string;
    }>;
    const createdAt = rows.find((row) => row.username === 'kaowu_named_1102')!.createdAt;
    const page = (await as(admin).get('/admin/staff').expect(200)).text;
    expect(page).toContain('<td>考点 1102 海淀区考点（示例）</td>');
    expect(page).toContain('<td>考区 11 北京市</td>');
    expect(page).toContain(`<time datetime="${createdAt}">${formatBeijingTime(createdAt)}</time>`);
    expect(page).not.toContain(`>${createdAt}<`);
  });
  it('says a selection of more than 200 rows is too large, rather than that none was ticked', async () => {
    const admin = await signInAdmin();
    const ticked = Array.from({ length: 201 }, (_, n) => `c${n}@1`);
    const page = await as(admin).form('/staff/review/2027/approve-batch', { select: ticked });
    expect(page.status).toBe(400);
    expect(page.text).toContain('一次最多审核通过200条');
  });
});
