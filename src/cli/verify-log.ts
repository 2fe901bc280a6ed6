import type { VerifyTarget } from '../audit/verify/audit-verify.service';
import { AuditVerifyService } from '../audit/verify/audit-verify.service';
import type { VerifyReport } from '../infrastructure/event-store/tamper/chain-problem';
import { problemLine } from '../audit/web/verify-page-view';
import { firstLineOfStdin, runCli, withAppContext } from './cli-support';

const USAGE =
  'Usage: npm run verify:log -- [--stream <stream> | --candidate <username | candidate id | ID number> | --candidate-stdin] [--json]';

function targetOf(args: string[]): VerifyTarget | null {
  const valueOf = (flag: string) => {
    const index = args.indexOf(flag);
    return index < 0 ? undefined : (args[index + 1] ?? '');
  };
  const stream = valueOf('--stream');
  const candidate = valueOf('--candidate');
  if (stream !== undefined && candidate !== undefined) return null;
  if (stream !== undefined) return stream && !stream.startsWith('--') ? { stream } : null;
  if (candidate !== undefined) return candidate && !candidate.startsWith('--') ? { candidate } : null;
  return { log: true };
}

function describe(report: VerifyReport): string {
  const rate =
    report.elapsedMs > 0 ? Math.round((report.eventsChecked * 1000) / report.elapsedMs) : report.eventsChecked;
  const head = `${report.scope}: ${report.eventsChecked} events in ${report.streamsChecked} streams, ${report.digestsChecked} digests, ${report.elapsedMs} ms (${rate} events/s)`;
  if (report.intact) return `${head}\nINTACT 未发现问题\n`;
  // Each finding in the auditor's words first (what, where as on the history page, which event), then the codes.
  const lines = report.problems.map((problem) => {
    const p = problemLine(problem);
    return `  ${p.kindLabel}：${p.place}${p.eventText ? `，${p.eventText}` : ''} — ${p.message}\n    [${p.kind} ${p.streamId} rev ${p.revision ?? '-'} pos ${p.position ?? '-'}]`;
  });
  const more =
    report.problemCount > report.problems.length ? [`  … ${report.problemCount - report.problems.length} more`] : [];
  return `${head}\nTAMPERED 发现 ${report.problemCount} 处问题（problem(s)）; first:\n${[...lines, ...more].join('\n')}\n`;
}

/**
 * Proves the event log intact: the whole log, one stream, or a candidate's history.
 * Exit codes: 0 intact, 1 problems found (or failure), 2 bad usage, 3 no such candidate.
 */
async function main(args: string[]): Promise<number> {
  // The reference on standard input: an ID number stays out of shell history and ps.
  if (args.includes('--candidate-stdin') && !args.includes('--candidate'))
    args = [...args.filter((arg) => arg !== '--candidate-stdin'), '--candidate', await firstLineOfStdin()];
  const target = targetOf(args);
  if (!target || args.includes('--help')) {
    console.error(USAGE);
    return 2;
  }
  return withAppContext(async (app) => {
    const report = await app.get(AuditVerifyService).verify(target);
    process.stdout.write(args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
    return report.intact ? 0 : 1;
  });
}

runCli('Verify', main);
