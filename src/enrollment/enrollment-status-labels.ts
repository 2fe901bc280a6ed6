import type { EnrollmentState } from './enrollment.state';

/** An enrollment's status in words: one wording on the candidate's list, the staff pages, the exports and the 报名表. */
export const STATUS_LABELS: Record<EnrollmentState['status'], string> = {
  none: '未开始',
  draft: '填写中',
  submitted: '已提交，待审核',
  approved: '审核通过',
  rejected: '审核未通过',
  withdrawn: '已放弃报考',
};

/** The label of a status read from a row or a query, which may be any text. */
export function statusLabel(status: string): string {
  return Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status as EnrollmentState['status']] : status;
}
