import type {
  ChainProblem,
  ChainProblemKind,
  VerifyReport,
} from '../../infrastructure/event-store/tamper/chain-problem';
import { eventLabel } from '../history/event-labels';

/** What each finding means, for an auditor (the code stays beside it for the reports). */
export const PROBLEM_KIND_LABELS: Record<ChainProblemKind, string> = {
  altered: '事件内容被修改',
  removed: '事件缺失（被删除）',
  reordered: '事件顺序被调换',
  unsigned: '事件没有签名（未经系统写入）',
  digestMismatch: '与签名摘要不符',
  digestForged: '签名摘要或锚点无效',
};

/** Where a finding is, in the words of the history page: its 序号, which record and which event of it. */
export function problemPlace(problem: ChainProblem): string {
  const parts: string[] = [];
  if (problem.position !== null) parts.push(`序号 ${problem.position}`);
  parts.push(`记录流 ${problem.streamId}`);
  if (problem.revision !== null) parts.push(`第 ${problem.revision} 号事件`);
  return parts.join('，');
}

/** One finding as a line: what is wrong, where, which event (in Chinese), and the verifier's own words. */
export function problemLine(problem: ChainProblem) {
  return {
    ...problem,
    kindLabel: PROBLEM_KIND_LABELS[problem.kind] ?? problem.kind,
    place: problemPlace(problem),
    eventText: problem.eventType ? `${eventLabel(problem.eventType, problem.streamId)}（${problem.eventType}）` : '',
  };
}

/** The verification page: of a candidate's records (candidate given) or of the whole log. */
export function verifyPageView(report: VerifyReport, candidate?: { candidateId: string; username: string }) {
  const what = candidate ? `考生 ${candidate.username} 的全部记录` : '整个事件日志';
  return {
    title: `完整性校验：${what}`,
    heading: `完整性校验：${what}`,
    candidate,
    report,
    summary: `共检查 ${report.eventsChecked} 条事件、${report.streamsChecked} 个记录流、${report.digestsChecked} 份签名摘要，用时 ${report.elapsedMs} 毫秒。`,
    verdict: report.intact
      ? '未发现问题：每条事件都与其签名一致，没有缺失、调换或未经系统写入的事件。'
      : `发现 ${report.problemCount} 处问题。第一处：${problemLine(report.problems[0] ?? report.firstProblem!).kindLabel}，${problemPlace(report.problems[0] ?? report.firstProblem!)}。`,
    problems: report.problems.map(problemLine),
    more: report.problemCount > report.problems.length ? report.problemCount - report.problems.length : 0,
  };
}
