import { maskIdNumber } from '../../accounts/security/identity-key';
import type { FieldError } from '../../shared/errors';
import type { HistoryPage } from '../history/candidate-history.service';
import { HISTORY_KINDS, type HistoryKind, KIND_LABELS } from '../history/history-entry';
import type { VerifyReport } from '../../infrastructure/event-store/tamper/chain-problem';
import { problemLine } from './verify-page-view';

/**
 * The history page; `refusal` when it comes back with the as-of time refused (the time kept in its
 * box); `integrity`, the candidate's records verified as the page was read: a problem is stated above
 * the table and beside the event it concerns, so a changed row is not read as the truth.
 */
export function historyPageView(
  page: HistoryPage,
  kinds: HistoryKind[],
  refusal?: { at: string; errors: FieldError[] },
  integrity?: VerifyReport,
) {
  const problems = (integrity?.problems ?? []).map(problemLine);
  const problemsAt = new Map<string, string[]>();
  for (const problem of problems)
    if (problem.position !== null)
      problemsAt.set(problem.position, [...(problemsAt.get(problem.position) ?? []), problem.kindLabel]);
  const kindQuery = kinds.map((kind) => `&kind=${kind}`).join('');
  const link = (to: number) => `/audit/candidates/${page.candidateId}?page=${to}${kindQuery}`;
  return {
    title: `考生 ${page.username} 的历史`,
    page,
    values: refusal ? { at: refusal.at } : {},
    errors: refusal?.errors,
    kinds: HISTORY_KINDS.map((value) => ({ value, label: KIND_LABELS[value], checked: kinds.includes(value) })),
    rows: page.entries.map((entry) => ({
      ...entry,
      // Times as the people involved lived them (Beijing, to the second, as the as-of box reads
      // them); the instant stays in <time datetime>.
      recordedAtText: entry.recordedAtBeijing,
      kindLabel: KIND_LABELS[entry.kind],
      problemText: problemsAt.get(entry.position)?.join('；') ?? null,
      dataText: JSON.stringify(entry.data),
    })),
    integrityProblem: integrityProblem(integrity),
    previousPage: page.page > 1 ? link(page.page - 1) : null,
    nextPage: page.page < page.pages ? link(page.page + 1) : null,
  };
}

/**
 * The look-up page; with what was typed and why it found no one when it comes back. What may be an
 * ID number is not put back in the box either: the page would show it whole.
 */
export function searchPageView(ref = '', errors?: FieldError[]) {
  return {
    title: '考生历史审计',
    values: { ref: shownAsTyped(ref) ? ref : '' },
    errors,
    errorMessage: errors?.some((error) => error.code === 'CANDIDATE_NOT_FOUND') ? '未找到考生' : undefined,
  };
}

export const refRequired = (): FieldError[] => [
  { field: 'ref', code: 'REF_REQUIRED', message: '请输入用户名、考生编号或证件号码' },
];

/**
 * Named as typed, except what may be an ID number (neither a username's nor a 考生编号's shape): the box's hint promises
 * that a 证件号码 is only looked up, never shown.
 */
export const candidateNotFound = (ref: string): FieldError[] => [
  {
    field: 'ref',
    code: 'CANDIDATE_NOT_FOUND',
    message: `未找到考生 ${shownAsTyped(ref) ? ref : maskIdNumber(ref)}，请核对用户名、考生编号或证件号码`,
  },
];

/** A username's shape, or a 考生编号's (a UUID): anything else may be an ID number. */
const shownAsTyped = (ref: string) => SHOWN_AS_TYPED.test(ref);
const SHOWN_AS_TYPED = /^(?:[A-Za-z][A-Za-z0-9_]{3,19}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The warning a page built from the candidate's records carries when they are not intact (else null). */
export function integrityProblem(integrity: VerifyReport | undefined): string | null {
  if (!integrity || integrity.intact) return null;
  const first = integrity.problems.map(problemLine)[0];
  return `完整性校验发现 ${integrity.problemCount} 处问题，本页所列内容可能已被改动。第一处：${first?.kindLabel ?? ''}，${first?.place ?? ''}。`;
}
