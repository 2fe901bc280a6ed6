import { initialEnrollmentState } from '../../enrollment/enrollment.state';
import type { CandidateSnapshot } from '../as-of/as-of.service';
import { asOfPageView, enrollmentDetail, holderText } from './as-of-page-view';

const site = { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '东城区考点' };
const category = { code: '110', name: '临床执业医师', level: '执业医师' as const };

const snapshot = (at: string, overrides: Partial<CandidateSnapshot> = {}): CandidateSnapshot => ({
  at,
  lastPosition: '7',
  eventCount: 7,
  account: { username: 'lisi2027' },
  profile: null,
  suspended: false,
  identityHolder: { status: 'confirmed', candidateId: 'c1', username: 'lisi2027', since: at },
  enrollments: [],
  ...overrides,
});

describe('the as-of page in Chinese', () => {
  it('names the identity holder status, and the holder when another account holds the number', () => {
    expect(holderText({ status: 'free' }, 'lisi2027')).toBe('未被占用');
    const holder = { candidateId: 'c1', username: 'lisi2027', since: '2026-11-28T00:00:00Z' };
    expect(holderText({ status: 'confirmed', ...holder }, 'lisi2027')).toBe('注册完成');
    expect(holderText({ status: 'pending', ...holder }, 'lisi2027')).toBe('注册占用中（尚未完成）');
    expect(holderText({ status: 'confirmed', ...holder }, 'wangwu99')).toBe('注册完成（持有人 lisi2027）');
  });

  it('names the site and the category, the code only where no name was copied', () => {
    expect(enrollmentDetail({ ...initialEnrollmentState(), site, category })).toBe('，考点 东城区考点，临床执业医师');
    expect(enrollmentDetail({ ...initialEnrollmentState(), site: { ...site, siteName: '' } })).toBe('，考点 1101');
    expect(enrollmentDetail(initialEnrollmentState())).toBe('');
    // The review's outcome, its reason and who decided, and the 准考证号, as they stood then.
    const rejected = { outcome: 'rejected' as const, staffId: 'reviewer01', reason: '照片不清晰' };
    expect(enrollmentDetail({ ...initialEnrollmentState(), site, category, decision: rejected })).toBe(
      '，考点 东城区考点，临床执业医师，审核不通过：照片不清晰（工作人员 reviewer01）',
    );
    const ticket = { ticketNumber: '2711011100013', siteCode: '1101', room: 1, seat: 1 };
    const approved = { outcome: 'approved' as const, staffId: 'reviewer01', reason: '材料齐全' };
    expect(enrollmentDetail({ ...initialEnrollmentState(), decision: approved, ticket })).toBe(
      '，审核通过：材料齐全（工作人员 reviewer01），准考证号 2711011100013',
    );
    // Withdrawn: the state keeps both, but they no longer stand.
    expect(enrollmentDetail({ ...initialEnrollmentState(), status: 'withdrawn', decision: approved, ticket })).toBe(
      '，审核通过：材料齐全（工作人员 reviewer01）（已随放弃报考作废），准考证号 2711011100013（已随放弃报考作废）',
    );
  });

  it('shows statuses in Chinese and every instant in Beijing time', () => {
    const approved = { ...initialEnrollmentState(), status: 'approved' as const, site, category };
    const view = asOfPageView(
      {
        candidateId: 'c1',
        username: 'lisi2027',
        asOf: snapshot('2026-11-27T23:54:00.000Z'),
        today: snapshot('2026-12-01T00:00:00.000Z', { enrollments: [{ enrollmentId: '2027_c1', state: approved }] }),
      },
      new Date('2026-11-27T23:54:00.000Z'),
    );
    // To the second (events are kept up to the instant exactly, not to its minute).
    expect(view.atLabel).toBe('2026-11-28 07:54:00（北京时间）');
    expect(view.columns[0]).toMatchObject({
      heading: '当时（2026-11-28 07:54:00（北京时间））',
      snapshot: { at: '2026-11-28 07:54:00（北京时间）', identityHolderText: '注册完成', enrollments: [] },
    });
    expect(view.columns[1].snapshot.enrollments).toEqual([
      { enrollmentId: '2027_c1', statusText: '审核通过', detailText: '，考点 东城区考点，临床执业医师' },
    ]);
    const copied = new Date('2026-11-28T04:12:20.219Z'); // an instant from the API, milliseconds and all
    expect(
      asOfPageView(
        {
          candidateId: 'c1',
          username: 'l',
          asOf: snapshot(copied.toISOString()),
          today: snapshot(copied.toISOString()),
        },
        copied,
      ).atLabel,
    ).toBe('2026-11-28 12:12:20.219（北京时间）');
  });
});
