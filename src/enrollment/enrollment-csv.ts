import type { EnrollmentRow } from '../../projections/enrollment-table/enrollment-table.projection';

export const STATUS_LABELS: Record<string, string> = {
  none: '未开始',
  draft: '填写中',
  submitted: '已提交，待审核',
  approved: '审核通过',
  rejected: '审核未通过',
  withdrawn: '已放弃报考',
};

const COLUMNS: Array<[string, (row: EnrollmentRow) => string | number | null]> = [
  ['考试', (row) => row.sessionCode],
  ['姓名', (row) => row.candidateName],
  ['证件号码', (row) => row.idNumberMasked],
  ['报考类别代码', (row) => row.categoryCode],
  ['报考类别', (row) => row.categoryName],
  ['考区', (row) => row.areaName],
  ['考点代码', (row) => row.siteCode],
  ['考点', (row) => row.siteName],
  // A rejected candidate's new choice in step 6, not yet resubmitted (the row stays with the seat).
  ['改选考点（未重新提交）', (row) => (row.pendingSiteCode ? `${row.pendingSiteCode} ${row.pendingSiteName}` : '')],
  ['状态', (row) => STATUS_LABELS[row.status] ?? row.status],
  ['提交时间', (row) => row.submittedAt],
  ['审核人', (row) => row.decidedBy],
  ['审核意见', (row) => row.decisionReason],
  ['准考证号', (row) => row.ticketNumber],
  ['考场', (row) => row.room],
  ['座位', (row) => row.seat],
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => COLUMNS.map(([title]) => csvCell(title)).join(',') + '\r\n';
export const csvLine = (row: EnrollmentRow): string => COLUMNS.map(([, read]) => csvCell(read(row))).join(',') + '\r\n';
