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
});
