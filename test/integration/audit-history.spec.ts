import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CandidateHistoryService } from '../../src/audit/history/candidate-history.service';
import { type StaffAuditApp, residentId, type Session, startStaffAuditApp, VALID } from './staff-audit-support';

describe('auditors: a candidate history, as of an instant, exports, verification', () => {
  let t: StaffAuditApp;
  let auditor: Session;
  let candidateId: string;
  let beforePasswordChange: string;
  const idNumber = residentId(31);

  beforeAll(async () => {
    t = await startStaffAuditApp();
    const registered = await t.register({ username: 'lisi2027', idNumber });
    expect(registered.status).toBe(201);
    candidateId = registered.body.candidateId as string;
    // Someone else tries the same ID number: recorded on the identity stream.
    expect((await t.register({ username: 'wangwu99', idNumber, realName: '王五' })).status).toBe(409);
    const candidate = await t.login('lisi2027', VALID.password);
    beforePasswordChange = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t
      .http()
      .post('/api/accounts/password')
      .set('Cookie', candidate.cookie)
      .set('X-CSRF-Token', candidate.csrf)
      .send({ currentPassword: VALID.password, newPassword: 'another long passphrase 9' })
      .expect((res) => expect(res.status).toBeLessThan(300));
    auditor = await t.member('shenji01', 'auditor');
  }, 60_000);
  afterAll(() => t?.close());

  const get = (path: string, session: Session = auditor) => t.http().get(path).set('Cookie', session.cookie);

  it('finds the candidate by username, candidate id or ID number, with every stream merged in global order', async () => {
    for (const ref of ['lisi2027', candidateId, idNumber]) {
      const res = await get(`/api/audit/candidates/${encodeURIComponent(ref)}/history?pageSize=500`).expect(200);
      expect(res.body.candidateId).toBe(candidateId);
    }
    const res = await get(`/api/audit/candidates/lisi2027/history?pageSize=500`).expect(200);
    const entries = res.body.entries as Array<{
      position: string;
      type: string;
      kind: string;
      data: Record<string, unknown>;
    }>;
    const positions = entries.map((entry) => BigInt(entry.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    const types = entries.map((entry) => entry.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'UsernameReserved',
        'IdentityClaimed',
        'CandidateRegistered',
        'DuplicateRegistrationAttempted',
        'PasswordChanged',
      ]),
    );
    // With the look-ups the auditor has just made (kind audit), recorded before the answer.
    expect(new Set(entries.map((entry) => entry.kind))).toEqual(
      new Set(['username', 'identity', 'account', 'login', 'audit']),
    );
    const duplicate = entries.find((entry) => entry.type === 'DuplicateRegistrationAttempted')!;
    expect(duplicate).toMatchObject({
      actor: { role: 'anonymous' },
      ip: expect.any(String),
      correlationId: expect.any(String),
    });
    expect(duplicate.data.usernameTyped).toBe('wangwu99');
    // Each entry says what happened, who and when in the auditor's words, beside its codes.
    expect(duplicate).toMatchObject({ label: '重复注册尝试', actorText: '未登录的访问者' });
    expect(entries.find((entry) => entry.type === 'PasswordChanged')).toMatchObject({
      label: '修改密码',
      actorText: '考生本人',
      recordedAtBeijing: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('argon2');
  });

  it('filters by kind and pages long histories', async () => {
    const logins = await get(`/api/audit/candidates/lisi2027/history?kind=login`).expect(200);
    expect(logins.body.entries.length).toBeGreaterThan(0);
    expect(logins.body.entries.every((entry: { kind: string }) => entry.kind === 'login')).toBe(true);
    const all = await get(`/api/audit/candidates/lisi2027/history?pageSize=500`).expect(200);
    const page2 = await get(`/api/audit/candidates/lisi2027/history?pageSize=2&page=2`).expect(200);
    // One more event since: the look-up of this page itself.
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: all.body.total + 1 });
    expect(page2.body.entries).toEqual(all.body.entries.slice(2, 4));
    const bad = await get(`/api/audit/candidates/lisi2027/history?kind=gossip`).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await get(`/api/audit/candidates/nobody-here/history`).expect(404);
  });

  it('rebuilds the candidate as of an instant from events, beside today', async () => {
    const res = await get(`/api/audit/candidates/lisi2027/as-of?at=${encodeURIComponent(beforePasswordChange)}`).expect(
      200,
    );
    expect(res.body.asOf.account).toMatchObject({ username: 'lisi2027', passwordHash: '［已隐藏］' });
    expect(res.body.asOf.eventCount).toBeLessThan(res.body.today.eventCount);
    const before = await get(`/api/audit/candidates/lisi2027/as-of?at=2000-01-01T00:00:00Z`).expect(200);
    expect(before.body.asOf).toMatchObject({ account: null, eventCount: 0 });
    await get(`/api/audit/candidates/lisi2027/as-of?at=yesterday`).expect(400);
  });

  it('exports the history as JSON and CSV', async () => {
    const json = await get(`/api/audit/candidates/lisi2027/export?format=json`).expect(200);
    const parsed = JSON.parse(json.text);
    expect(parsed.entries).toHaveLength(parsed.total);
    expect(parsed.integrity).toMatchObject({ intact: true, problemCount: 0, firstProblem: null });
    const csv = await get(`/api/audit/candidates/lisi2027/export?format=csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toContain('position,recordedAt');
    expect(lines).toHaveLength(parsed.total + 2); // the header, and the CSV export's own look-up
    // What the page shows is in the export too: the Chinese name, who in words, the Beijing time.
    expect(lines[0]).toContain('recordedAtBeijing');
    expect(lines[0]).toContain('type,label,');
    expect(lines[0]).toContain('actorId,actor,');
    const changed = lines.find((line) => line.includes(',PasswordChanged,'))!;
    expect(changed).toContain(',修改密码,');
    expect(changed).toContain(',考生本人,');
    expect(parsed.entries.find((entry: { type: string }) => entry.type === 'PasswordChanged')).toMatchObject({
      label: '修改密码',
      actorText: '考生本人',
    });
  });

  it('verifies the candidate history and the whole log', async () => {
    const candidate = await get(`/api/audit/verify?candidate=lisi2027`).expect(200);
    expect(candidate.body).toMatchObject({ intact: true, firstProblem: null });
    expect(candidate.body.eventsChecked).toBeGreaterThan(3);
    const log = await get(`/api/audit/verify`).expect(200);
    expect(log.body.intact).toBe(true);
  });

  it('shows the history and a past state on the auditor pages, the ID number leaving the address', async () => {
    const byId = await get(`/audit/candidates/${idNumber}`).expect(303);
    expect(byId.headers.location).toBe(`/audit/candidates/${candidateId}`);
    const page = await get(`/audit/candidates/${candidateId}?kind=identity`).expect(200);
    expect(page.text).toContain('DuplicateRegistrationAttempted');
    expect(page.text).toContain('重复注册尝试'); // named in Chinese, the type beside it
    expect(page.text).not.toContain('PasswordChanged');
    // Times in Beijing time, the instant kept for machines: no raw ISO text between the tags.
    // To the second: events of one minute are told apart and a time between them can be typed as-of.
    expect(page.text).toMatch(/<time datetime="[^"]+Z">\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}<\/time>/);
    expect(page.text).toContain('未登录的访问者'); // who, in words, the role and id beside it
    expect(page.text).not.toMatch(/<td>anonymous:anonymous<\/td>/);
    expect(page.text).not.toMatch(/>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const asOf = await get(
      `/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent(beforePasswordChange)}`,
    ).expect(200);
    expect(asOf.text).toContain('data-snapshot="asOf"');
    expect(asOf.text).toContain('（北京时间）');
    expect(asOf.text).toContain('lisi2027');
    expect(asOf.text).toContain('<h3>个人信息</h3>');
    expect(asOf.text).toMatch(/<dd data-field="photo">未上传<\/dd>/);
  });

  it('records every look-up of the candidate: who, what and from where, shown to auditors, not to staff', async () => {
    const recorded = async () =>
      (await get(`/api/audit/candidates/${candidateId}/history?kind=audit&pageSize=500`).expect(200)).body
        .entries as Array<{
        type: string;
        label: string;
        actorText: string;
        ip: string;
        data: Record<string, unknown>;
      }>;
    const before = (await recorded()).length;
    await get(`/api/audit/candidates/${idNumber}/as-of?at=2026-01-01`).expect(200);
    await get(`/api/audit/candidates/lisi2027/export?format=csv&kind=login`).expect(200);
    await get(`/api/audit/verify?candidate=lisi2027`).expect(200);
    await get(`/audit/candidates/${candidateId}?page=1`).expect(200);
    await get(`/audit/candidates/${candidateId}/as-of?at=2026-02-01`).expect(200);
    const entries = await recorded();
    // Each call to `recorded` is a look-up too: the one before the five, the five, then itself.
    expect(entries.slice(before - 1).map((entry) => entry.data.view)).toEqual([
      'history',
      'asOf',
      'export',
      'verify',
      'history',
      'asOf',
      'history',
    ]);
    const asOf = entries[before];
    expect(asOf).toMatchObject({
      type: 'CandidateRecordViewed',
      label: '审计人员查阅考生记录',
      actorText: '审计人员 shenji01',
      ip: expect.any(String),
      data: { candidateId, view: 'asOf', terms: { at: '2025-12-31T16:00:00.999Z' } },
    });
    expect(entries[before + 1].data.terms).toEqual({ format: 'csv', kinds: ['login'] });
    expect(JSON.stringify(entries)).not.toContain(idNumber); // looked up by ID number, recorded by id
    // A refused look-up (a malformed time) shows nothing and records nothing.
    await get(`/api/audit/candidates/${candidateId}/as-of?at=yesterday`).expect(400);
    expect((await recorded()).length).toBe(entries.length + 1);
    // The look-ups are in the verified set; the history other readers get does not hold them.
    expect((await get(`/api/audit/verify?candidate=${candidateId}`).expect(200)).body.intact).toBe(true);
    const staffView = await t.app.get(CandidateHistoryService).history(candidateId, { pageSize: 500 });
    expect(staffView.entries.map((entry) => entry.type)).not.toContain('CandidateRecordViewed');
  });

  it('shows a verification on a page in words, and names where the log was changed', async () => {
    const intact = await get(`/audit/candidates/${idNumber}/verify`).expect(303);
    expect(intact.headers.location).toBe(`/audit/candidates/${candidateId}/verify`);
    const page = await get(`/audit/candidates/${candidateId}/verify`).expect(200);
    expect(page.text).toContain('data-verdict="intact"');
    expect(page.text).toContain('未发现问题');
    expect((await get(`/audit/verify`).expect(200)).text).toContain('完整性校验：整个事件日志');
    expect((await get(`/audit/candidates/${candidateId}`).expect(200)).text).not.toContain('data-integrity');
    // Someone with the database file changes what the candidate typed in an attempt.
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    const row = db
      .prepare(`SELECT position, stream_id, revision FROM events WHERE type = 'DuplicateRegistrationAttempted'`)
      .get() as { position: number; stream_id: string; revision: number };
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.usernameTyped', 'someone') WHERE type = 'DuplicateRegistrationAttempted'`,
    ).run();
    db.close();
    const tampered = await get(`/audit/candidates/${candidateId}/verify`).expect(200);
    expect(tampered.text).toContain('data-verdict="tampered"');
    expect(tampered.text).toContain(
      `发现 1 处问题。第一处：事件内容被修改，序号 ${row.position}，记录流 ${row.stream_id}，第 ${row.revision} 号事件。`,
    );
    expect(tampered.text).toContain('重复注册尝试（DuplicateRegistrationAttempted）');
    // The history itself says so, above the table and on the changed row: it is not read as the truth.
    const history = (await get(`/audit/candidates/${candidateId}`).expect(200)).text;
    expect(history).toContain('data-integrity="tampered"');
    expect(history).toContain('完整性校验发现 1 处问题，本页所列内容可能已被改动。');
    expect(history).toContain(`<strong data-problem-at="${row.position}">⚠ 事件内容被修改</strong>`);
    // So do the as-of page, rebuilt from the same records, and the history shown again for a bad time.
    const asOf = (await get(`/audit/candidates/${candidateId}/as-of?at=2026-01-01`).expect(200)).text;
    expect(asOf).toContain('data-integrity="tampered"');
    const refused = (await get(`/audit/candidates/${candidateId}/as-of?at=garbage`).expect(400)).text;
    expect(refused).toContain('data-integrity="tampered"');
    expect(refused).toContain(`<strong data-problem-at="${row.position}">⚠ 事件内容被修改</strong>`);
    const exported = JSON.parse(
      (await get(`/api/audit/candidates/${candidateId}/export?format=json`).expect(200)).text,
    );
    expect(exported.integrity).toMatchObject({
      intact: false,
      problemCount: 1,
      firstProblem: { kind: 'altered', position: String(row.position) },
    });
    const whole = await get(`/audit/verify`).expect(200);
    expect(whole.text).toContain('data-verdict="tampered"');
    expect(whole.text).toContain('<tr data-problem="altered">');
  });

  it('answers HEAD on the audit routes 405, recording no look-up', async () => {
    const before = await t.store.headPosition();
    for (const path of [
      `/api/audit/candidates/${candidateId}/history`,
      `/audit/candidates/${candidateId}`,
      `/Audit/candidates/${candidateId}/`,
      `/%61udit/candidates/${candidateId}`,
    ]) {
      const res = await t.http().head(path).set('Cookie', auditor.cookie);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
    }
    expect(await t.store.headPosition()).toBe(before);
  });

  it('keeps candidates and staff out of the audit API', async () => {
    const candidate = await t.login('lisi2027', 'another long passphrase 9');
    await get(`/api/audit/candidates/lisi2027/history`, candidate).expect(403);
    const staff = await t.member('kaowu01', 'staff', { areaCode: '11' });
    await get(`/api/audit/verify`, staff).expect(403);
    await t.http().get(`/api/audit/verify`).expect(401);
  });
});
