import type { EnrollmentRow } from '../../projections/enrollment-table/enrollment-table.projection';
import { beijingTimestamp, csvHeader, csvLine } from './enrollment-csv';
import { initialEnrollmentState } from './enrollment.state';

const row = (status: EnrollmentRow['status'], changedSinceSubmission = false): EnrollmentRow =>
  ({
    sessionCode: '2027',
    candidateName: '张三',
    status,
    submittedAt: '2027-01-10T16:30:05.000Z',
    state: { ...initialEnrollmentState(), status, changedSinceSubmission },
  }) as unknown as EnrollmentRow;

const cell = (line: string, title: string) => line.trim().split(',')[csvHeader().trim().split(',').indexOf(title)];

describe('the staff export', () => {
  it('gives the submission time in Beijing time, as the page shows it, sortable as text', () => {
    expect(beijingTimestamp('2027-01-10T16:30:05.000Z')).toBe('2027-01-11 00:30:05');
    expect(cell(csvLine(row('submitted')), '提交时间（北京时间）')).toBe('2027-01-11 00:30:05');
    expect(beijingTimestamp('')).toBe('');
  });

  it('flags a rejected enrollment changed since and not resubmitted, as the page does', () => {
    expect(cell(csvLine(row('rejected', true)), '已修改未重新提交')).toBe('是');
    expect(cell(csvLine(row('rejected')), '已修改未重新提交')).toBe('');
    expect(cell(csvLine(row('submitted')), '状态')).toBe('已提交，待审核');
  });
});
