import type { HistoryEntry } from '../../audit/history/history-entry';
import type { IdentityCaseDocument } from '../../../projections/identity-cases/identity-cases.projection';
import { actorText, historyLine, logLine, queueRow } from './case-page.model';

// 18:39 UTC on the 27th is 02:39 on the 28th in Beijing: the day and hour staff and candidates live.
const LATE_EVENING_UTC = '2026-11-27T18:39:18.587Z';

const entry = (type: string, data: unknown = {}): HistoryEntry => ({
  position: '7',
  streamId: 'candidate-c1',
  revision: '3',
  eventId: 'e1',
  type,
  kind: 'account',
  actor: { id: 'staff-1', role: 'staff' },
  occurredAt: LATE_EVENING_UTC,
  recordedAt: LATE_EVENING_UTC,
  ip: null,
  correlationId: 'c',
  causationId: 'c',
  data,
});

const caseRow = (lastAttemptAt: string | null): IdentityCaseDocument => ({
  identityStream: `identity-resident-${'a'.repeat(40)}`,
  idType: 'resident',
  areaCode: '11',
  holderCandidateId: 'c1',
  holderUsername: 'zhangsan01',
  attempts: 1,
  openAttempts: 1,
  lastAttemptAt,
  revision: '2',
  status: 'open',
  lastDecision: null,
});

describe('the staff case pages', () => {
  it("name the holder's account events in Chinese, keeping the event type for reports", () => {
    expect(historyLine(entry('UsernameReserved'))).toMatchObject({ label: '用户名被占用', type: 'UsernameReserved' });
    expect(historyLine(entry('AccountSuspended')).label).toBe('账户被暂停');
    expect(historyLine(entry('EnrollmentSubmitted')).label).toBe('提交报名');
    expect(historyLine(entry('SomeRetiredEvent')).label).toBe('SomeRetiredEvent');
  });

  it('show the log, the history and the last attempt in Beijing time', () => {
    expect(historyLine(entry('LoginSucceeded')).recordedAtText).toBe('2026-11-28 02:39');
    expect(logLine(entry('IdentityCaseDismissed', { reason: '已核验' }))).toMatchObject({
      label: '工作人员驳回',
      recordedAtText: '2026-11-28 02:39',
      details: '理由：已核验',
    });
    expect(queueRow(caseRow(LATE_EVENING_UTC)).lastAttemptAtText).toBe('2026-11-28 02:39');
    expect(queueRow(caseRow(null)).lastAttemptAtText).toBe('');
  });

  it('name a case in the queue by its document type and a short mark, not by its stream’s whole hash', () => {
    expect(queueRow(caseRow(null)).shortStream).toBe('居民身份证 aaaaaaaa');
  });
});

describe('actorText', () => {
  it('names who acted in Chinese, staff and admins by their username', () => {
    expect(actorText({ id: 'anonymous', role: 'anonymous' })).toBe('匿名');
    expect(actorText({ id: 'c1', role: 'candidate' })).toBe('考生');
    expect(actorText({ id: 'kw1101', role: 'staff' })).toBe('工作人员 kw1101');
    expect(actorText({ id: 'root_admin', role: 'admin' })).toBe('管理员 root_admin');
    expect(actorText({ id: 'case-follow-up-recovery', role: 'system' })).toBe('系统');
  });
});
