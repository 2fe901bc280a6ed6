import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { AuditAccessLog } from '../audit/access/audit-access-log';
import { historyToCsv } from '../audit/export/history-csv';
import { CandidateLocator } from '../audit/history/candidate-locator';
import { CandidateHistoryService, MAX_PAGE_SIZE } from '../audit/history/candidate-history.service';
import type { DescribedEntry } from '../audit/history/entry-description';
import { firstLineOfStdin, runCli, withAppContext } from './cli-support';

const USAGE =
  'Usage: npm run audit -- <username | candidate id | ID number> [--json | --csv]\n' +
  '       npm run audit -- --stdin [--json | --csv]   (the reference on standard input: an ID number stays out of shell history and ps)';

/** One event a line: 序号, Beijing time, what happened in Chinese (type beside it), who, from where. */
function line(entry: DescribedEntry): string {
  return [
    entry.position.padStart(8),
    entry.recordedAtBeijing,
    `${entry.label}（${entry.type}）`,
    entry.actorText,
    entry.ip ?? '-',
    entry.correlationId,
    entry.streamId,
  ].join('  ');
}

/** Who ran the command, as the system knows them (a container may have no passwd entry). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * A candidate's complete history from the command line, in global order: a table by default,
 * or the export formats. Exit codes: 0 found, 1 failed, 2 bad usage, 3 no such candidate.
 */
async function main(args: string[]): Promise<number> {
  const refs = args.filter((arg) => !arg.startsWith('--'));
  if (args.includes('--stdin') && refs.length === 0) refs.push(await firstLineOfStdin());
  if (refs.length !== 1 || !refs[0] || args.includes('--help')) {
    console.error(USAGE);
    return 2;
  }
  return withAppContext(async (app) => {
    const history = app.get(CandidateHistoryService);
    // Recorded like an auditor's look-up on the pages, named by the account that ran the command.
    const candidateId = await app.get(CandidateLocator).resolve(refs[0]);
    const format = args.includes('--json') ? 'json' : args.includes('--csv') ? 'csv' : 'table';
    await app.get(AuditAccessLog).record(
      candidateId,
      'export',
      { format, via: 'npm run audit' },
      {
        actor: { id: `cli:${osUser()}`, role: 'auditor' },
        correlationId: randomUUID(),
        now: new Date(),
      },
    );
    const read = (page: number) =>
      history.history(candidateId, { page, pageSize: MAX_PAGE_SIZE, withAuditAccess: true });
    const first = await read(1);
    const entries = [...first.entries];
    for (let page = 2; page <= first.pages; page++) entries.push(...(await read(page)).entries);
    if (args.includes('--json'))
      process.stdout.write(
        `${JSON.stringify({ candidateId: first.candidateId, username: first.username, total: first.total, entries }, null, 2)}\n`,
      );
    else if (args.includes('--csv')) process.stdout.write(historyToCsv(entries));
    else {
      process.stdout.write(
        `考生 ${first.username}（${first.candidateId}）共 ${first.total} 条事件，按发生顺序；时间为北京时间\n`,
      );
      for (const entry of entries) process.stdout.write(`${line(entry)}\n`);
    }
    return 0;
  });
}

runCli('Audit', main);
