import type { EnrollmentRow } from '../../projections/enrollment-table/enrollment-table.projection';
import { awaitingResubmission } from './enrollment.state';
import { statusLabel } from './enrollment-status-labels';

/** The export's columns (CSV and Excel alike): title, cell, width in the spreadsheet (characters). */
const COLUMNS: Array<[string, (row: EnrollmentRow) => string | number | null, number]> = [
  ['考试', (row) => row.sessionCode, 8],
  ['姓名', (row) => row.candidateName, 10],
  ['证件号码', (row) => row.idNumberMasked, 20],
  ['报考类别代码', (row) => row.categoryCode, 8],
  ['报考类别', (row) => row.categoryName, 20],
  ['考区', (row) => row.areaName, 12],
  ['考点代码', (row) => row.siteCode, 8],
  ['考点', (row) => row.siteName, 24],
  // A rejected candidate's new choice in step 6, not yet resubmitted (the row stays with the seat).
  ['改选考点（未重新提交）', (row) => (row.pendingSiteCode ? `${row.pendingSiteCode} ${row.pendingSiteName}` : ''), 20],
  ['状态', (row) => statusLabel(row.status), 16],
  // As the page flags it: rejected, changed since, not yet resubmitted (通过 waits for the resubmission).
  ['已修改未重新提交', (row) => (awaitingResubmission(row.state) ? '是' : ''), 10],
  ['提交时间（北京时间）', (row) => beijingTimestamp(row.submittedAt), 20],
  ['审核人', (row) => row.decidedBy, 12],
  ['审核意见', (row) => row.decisionReason, 24],
  ['准考证号', (row) => row.ticketNumber, 16],
  ['考场', (row) => row.room, 6],
  ['座位', (row) => row.seat, 6],
];

/** Beijing time to the second, as text that sorts as time: what staff read on the page, not UTC. */
export function beijingTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => COLUMNS.map(([title]) => csvCell(title)).join(',') + '\r\n';
export const csvLine = (row: EnrollmentRow): string => COLUMNS.map(([, read]) => csvCell(read(row))).join(',') + '\r\n';

/** The Excel export's sheet: the CSV's columns, cells typed (text stays text, room and seat are numbers). */
export const exportHeader = (): string[] => COLUMNS.map(([title]) => title);
export const exportWidths = (): number[] => COLUMNS.map(([, , width]) => width);
export const exportCells = (row: EnrollmentRow): Array<string | number | null> => COLUMNS.map(([, read]) => read(row));
