import { historyToCsv } from '../audit/export/history-csv';
import { CandidateHistoryService, MAX_PAGE_SIZE } from '../audit/history/candidate-history.service';
import type { DescribedEntry } from '../audit/history/entry-description';
import { runCli, withAppContext } from './cli-support';

const USAGE = 'Usage: npm run audit -- <username | candidate id | ID number> [--json | --csv]';

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

/**
 * A candidate's complete history from the command line, in global order: a table by default,
 * or the export formats. Exit codes: 0 found, 1 failed, 2 bad usage, 3 no such candidate.
 */
async function main(args: string[]): Promise<number> {
  const refs = args.filter((arg) => !arg.startsWith('--'));
  if (refs.length !== 1 || args.includes('--help')) {
    console.error(USAGE);
    return 2;
  }
  return withAppContext(async (app) => {
    const history = app.get(CandidateHistoryService);
    const first = await history.history(refs[0], { pageSize: MAX_PAGE_SIZE });
    const entries = [...first.entries];
    for (let page = 2; page <= first.pages; page++)
      entries.push(...(await history.history(first.candidateId, { page, pageSize: MAX_PAGE_SIZE })).entries);
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
