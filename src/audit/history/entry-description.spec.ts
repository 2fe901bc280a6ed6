import { auditActorText, beijingSecond, describeEntry } from './entry-description';
import type { HistoryEntry } from './history-entry';

describe('a history entry as an auditor reads it', () => {
  const candidateId = '3775775a-336d-5232-a627-642c99616125';

  it('names who did it in words: the candidate or another account, staff by username, a visitor, a job', () => {
    expect(auditActorText({ id: candidateId, role: 'candidate' }, candidateId)).toBe('考生本人');
    expect(auditActorText({ id: 'other-id', role: 'candidate' }, candidateId)).toBe('另一考生账户 other-id');
    expect(auditActorText({ id: 'reviewer01', role: 'staff' }, candidateId)).toBe('工作人员 reviewer01');
    expect(auditActorText({ id: 'root_admin', role: 'admin' }, candidateId)).toBe('管理员 root_admin');
    expect(auditActorText({ id: 'shenji01', role: 'auditor' }, candidateId)).toBe('审计人员 shenji01');
    expect(auditActorText({ id: 'anonymous', role: 'anonymous' }, candidateId)).toBe('未登录的访问者');
    expect(auditActorText({ id: 'case-follow-up-recovery', role: 'system' }, candidateId)).toBe('系统（案件后续补写）');
    expect(auditActorText({ id: 'seat-reconciler', role: 'system' }, candidateId)).toBe('系统（考位核对）');
    expect(auditActorText({ id: 'unknown', role: 'unknown' }, candidateId)).toBe('未知（unknown:unknown）');
  });

  it('gives the Beijing time to the second, so two events of one minute can be told apart and typed as an as-of time', () => {
    expect(beijingSecond('2026-11-28T03:56:57.311Z')).toBe('2026-11-28 11:56:57');
    expect(beijingSecond('2026-11-28T16:00:00.000Z')).toBe('2026-11-29 00:00:00');
  });

  it('adds the Chinese name, the actor in words and the Beijing time to the entry, keeping its codes', () => {
    const entry = {
      type: 'EnrollmentApproved',
      streamId: `enrollment-2027_${candidateId}`,
      actor: { id: 'reviewer01', role: 'staff' },
      recordedAt: '2026-11-28T03:56:57.268Z',
    } as HistoryEntry;
    expect(describeEntry(entry, candidateId)).toMatchObject({
      type: 'EnrollmentApproved',
      label: '审核通过',
      actor: { id: 'reviewer01', role: 'staff' },
      actorText: '工作人员 reviewer01',
      recordedAtBeijing: '2026-11-28 11:56:57',
    });
  });
});
