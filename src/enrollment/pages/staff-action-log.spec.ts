import type { RecordedEvent } from '../../shared/messages';
import { staffActions } from './staff-action-log';

const recorded = (type: string, data: object, role: 'staff' | 'candidate' | 'system', at: string): RecordedEvent =>
  ({
    id: `e-${at}`,
    streamId: 'enrollment-2027_c1',
    type,
    data,
    revision: 0n,
    position: 0n,
    recordedAt: at,
    metadata: { actor: { id: { staff: 'kaowu_bj', candidate: 'c1', system: 'seat-reconciler' }[role], role } },
  }) as unknown as RecordedEvent;

describe('办理记录: what staff did to an enrollment, with who and why', () => {
  it('lists decisions, moves, withdrawals and tickets by staff, in Beijing time, and of the candidate only 放弃报考', () => {
    const lines = staffActions([
      recorded('EnrollmentSubmitted', { siteCode: '1101' }, 'candidate', '2027-01-05T02:00:00.000Z'),
      recorded(
        'EnrollmentRejected',
        { staffId: 'kaowu_bj', reason: '照片不清晰' },
        'staff',
        '2027-01-06T16:30:00.000Z',
      ),
      recorded(
        'ExamSiteChanged',
        { siteCode: '1102', siteName: '朝阳区考点', fromSiteCode: '1101', note: '考生申请' },
        'staff',
        '2027-01-07T01:00:00.000Z',
      ),
      recorded(
        'EnrollmentWithdrawn',
        { attempt: 1, siteCode: '1102', note: '考生本人要求' },
        'staff',
        '2027-01-08T01:00:00.000Z',
      ),
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        atText: '2027年1月7日 00:30',
        by: 'kaowu_bj',
        action: '审核不通过',
        detail: '照片不清晰',
      }),
      expect.objectContaining({ action: '修改考点为 1102 朝阳区考点', detail: '考生申请' }),
      expect.objectContaining({ action: '代考生放弃报考（此前的审核结果和准考证号作废）', detail: '考生本人要求' }),
    ]);
    expect(
      staffActions([
        recorded('EnrollmentWithdrawn', { attempt: 1, siteCode: '1101' }, 'candidate', '2027-01-09T01:00:00.000Z'),
      ]),
    ).toEqual([
      expect.objectContaining({ by: '考生本人', action: '考生本人放弃报考（此前的审核结果和准考证号作废）' }),
    ]);
  });

  it('names the app’s own jobs as such, never as the candidate', () => {
    expect(
      staffActions([
        recorded('EnrollmentWithdrawn', { attempt: 1, siteCode: '1101' }, 'system', '2027-01-09T01:00:00.000Z'),
      ]),
    ).toEqual([
      expect.objectContaining({
        by: '系统（seat-reconciler）',
        action: '代考生放弃报考（此前的审核结果和准考证号作废）',
      }),
    ]);
  });
});
