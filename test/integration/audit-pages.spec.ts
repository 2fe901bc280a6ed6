import { beijingMinute } from '../../src/accounts/web/form-page';
import type { EnrollmentEvent } from '../../src/enrollment/enrollment.events';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { httpSessions, type Who } from './http-sessions';
import { residentId, startStaffAuditApp, type StaffAuditApp } from './staff-audit-support';

const SITE = { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '东城区考点' };

/** An enrollment started, its site chosen and approved: enough for the as-of page to list it. */
const approvedEnrollment = (candidateId: string): EnrollmentEvent[] => [
  {
    type: 'EnrollmentStarted',
    data: {
      sessionCode: '2027',
      candidateId,
      attempt: 1,
      pledgeVersion: 'v1',
      categoryCode: '110',
      categoryName: '临床执业医师',
      level: '执业医师',
    },
  },
  { type: 'ExamSiteChosen', data: SITE },
  { type: 'EnrollmentApproved', data: { staffId: 'kaowu01', reason: '' } },
];

describe('auditor pages: times read as Beijing time, snapshots in Chinese, refusals on the form', () => {
  let t: StaffAuditApp;
  let auditor: Who;
  let candidateId: string;
  const get = (path: string) => httpSessions(t.http).as(auditor).get(path);

  beforeAll(async () => {
    t = await startStaffAuditApp();
    const registered = await t.register({ username: 'zhaoliu27', idNumber: residentId(57) });
    expect(registered.status).toBe(201);
    candidateId = registered.body.candidateId as string;
    const context = {
      actor: { id: candidateId, role: 'candidate' as const },
      correlationId: 'audit-pages',
      now: new Date(),
    };
    await t.store.append(
      `enrollment-2027_${candidateId}`,
      toNewEvents(approvedEnrollment(candidateId), context),
      'any',
    );
    const runner = t.app.get(ProjectionRunner);
    expect(await runner.waitFor(await t.store.headPosition(), runner.names(), 10_000)).toBe(true);
    auditor = await t.member('shenji02', 'auditor');
  }, 60_000);
  afterAll(() => t?.close());

  it('shows the snapshot in Chinese: the holder status, the enrollment status, the site by name', async () => {
    const at = encodeURIComponent(new Date().toISOString());
    const page = await get(`/audit/candidates/${candidateId}/as-of?at=${at}`).expect(200);
    expect(page.text).toContain('<dd data-field="identityHolder">注册完成</dd>');
    expect(page.text).toContain(
      `2027_${candidateId}：<span data-field="status">审核通过</span>，考点 东城区考点，临床执业医师`,
    );
    expect(page.text).not.toMatch(/>(confirmed|approved)</);
    expect(page.text).not.toContain('考点 1101');
  });

  describe('a time typed as the pages show it is Beijing time', () => {
    let registeredAt: string;
    /** The minute before registration, as the pages show times (Beijing): the account did not exist yet. */
    const minuteBefore = () => beijingMinute(new Date(Date.parse(registeredAt) - 60_000).toISOString());

    beforeAll(async () => {
      const history = await get(`/api/audit/candidates/${candidateId}/history?kind=account`).expect(200);
      registeredAt = history.body.entries.find((entry: { type: string }) => entry.type === 'CandidateRegistered')
        .recordedAt as string;
    });

    it('keeps the event of the very second copied from the history, whatever its milliseconds', async () => {
      // The history shows registration to the second; as of that second, the candidate is registered.
      const second = new Date(Date.parse(registeredAt) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      const page = await get(`/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent(second)}`).expect(200);
      expect(page.text).not.toContain('当时尚未注册。');
    });

    it('reads 2026-11-28 07:54, 2026/11/28 07:54 and full-width digits without an offset as Beijing time', async () => {
      const typed = minuteBefore();
      const fullWidth = typed.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      for (const at of [typed, typed.replace(/-/g, '/'), typed.replace(' ', 'T'), fullWidth]) {
        const page = await get(`/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent(at)}`).expect(200);
        // The heading says how it was read: through the end of that second (a time without milliseconds).
        expect(page.text).toContain(`${typed}:00.999（北京时间） 时的状态`);
        expect(page.text).toContain('当时尚未注册。');
      }
      const api = await get(`/api/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent(typed)}`).expect(200);
      expect(api.body.asOf).toMatchObject({ account: null });
      const history = await get(
        `/api/audit/candidates/${candidateId}/history?asOf=${encodeURIComponent(typed.replace(/-/g, '/'))}`,
      ).expect(200);
      expect(history.body.entries.map((entry: { type: string }) => entry.type)).not.toContain('CandidateRegistered');
    });

    it('takes Z or an offset as given', async () => {
      const page = await get(`/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent(registeredAt)}`).expect(
        200,
      );
      expect(page.text).toContain('data-field="realName"');
    });

    it('refuses a time it cannot read or after now on the history page, the time kept in its box', async () => {
      const bad = await get(
        `/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent('28.11.2026 7:54')}`,
      ).expect(400);
      expect(bad.text).toContain('data-error-summary');
      expect(bad.text).toContain('无法识别时间“28.11.2026 7:54”，请按北京时间输入，例如 2027-03-01 09:30');
      expect(bad.text).toMatch(/<input[^>]*name="at" type="text" value="28.11.2026 7:54"[^>]*aria-invalid="true"/);
      const future = await get(`/audit/candidates/${candidateId}/as-of?at=2999-01-01`).expect(400);
      expect(future.text).toContain('时间不能晚于当前时间');
      expect(future.text).toContain('value="2999-01-01"');
      const api = await get(`/api/audit/candidates/${candidateId}/as-of?at=${encodeURIComponent('28.11.2026')}`).expect(
        400,
      );
      expect(api.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'at', code: 'INVALID_INSTANT' }],
      });
      const later = await get(`/api/audit/candidates/${candidateId}/history?asOf=2999-01-01`).expect(400);
      expect(later.body.error.fields).toEqual([expect.objectContaining({ field: 'asOf', code: 'INSTANT_IN_FUTURE' })]);
    });
  });

  describe('refusals come back to the form they were typed in', () => {
    it('looks up an unknown username on the look-up page again, naming it, the value kept', async () => {
      const res = await get('/audit/candidates?ref=nobody99').expect(404);
      expect(res.text).toContain('data-error-summary');
      expect(res.text).toContain('未找到考生 nobody99');
      expect(res.text).toMatch(/<input[^>]*name="ref" type="text" value="nobody99"[^>]*aria-invalid="true"/);
      // An ID number is looked up, never shown back: the message masks it.
      const byNumber = await get('/audit/candidates?ref=110101199001019999').expect(404);
      expect(byNumber.text).toContain('未找到考生 110101********9999');
      expect(byNumber.text).not.toContain('110101199001019999');
      const typedInAddress = await get('/audit/candidates/nobody99').expect(404);
      expect(typedInAddress.text).toContain('未找到考生 nobody99');
      expect(typedInAddress.text).not.toContain('页面不存在');
    });

    it('goes from a known username or ID number straight to the candidate id', async () => {
      for (const ref of ['zhaoliu27', residentId(57)]) {
        const res = await get(`/audit/candidates?ref=${ref}`).expect(303);
        expect(res.headers.location).toBe(`/audit/candidates/${candidateId}`);
      }
    });

    it('asks for a time beside the box when none is given', async () => {
      for (const query of ['?at=', '?at=%20', '']) {
        const res = await get(`/audit/candidates/${candidateId}/as-of${query}`).expect(400);
        expect(res.text).toContain('考生 zhaoliu27 的完整历史');
        expect(res.text).toMatch(/<p class="field__message" id="at-error">.*请输入时间<\/p>/);
        expect(res.text).not.toContain('无法完成操作');
      }
    });
  });
});
