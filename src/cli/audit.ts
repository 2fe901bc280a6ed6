import { historyToCsv } from '../audit/export/history-csv';
import { CandidateHistoryService, MAX_PAGE_SIZE } from '../audit/history/candidate-history.service';
import type { HistoryEntry } from '../audit/history/history-entry';
import { firstLineOfStdin, runCli, withAppContext } from './cli-support';

const USAGE =
  'Usage: npm run audit -- <username | candidate id | ID number> [--json | --csv]\n' +
  '       npm run audit -- --stdin [--json | --csv]   (the reference on standard input: an ID number stays out of shell history and ps)';

function line(entry: HistoryEntry): string {
  const actor = `${entry.actor.role}:${entry.actor.id}`;
  return [
    entry.position.padStart(8),
    entry.recordedAt,
    entry.kind.padEnd(10),
    entry.type.padEnd(30),
    actor,
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
  if (args.includes('--stdin') && refs.length === 0) refs.push(await firstLineOfStdin());
  if (refs.length !== 1 || !refs[0] || args.includes('--help')) {
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
      process.stdout.write(`考生 ${first.username} (${first.candidateId}) — ${first.total} events\n`);
      for (const entry of entries) process.stdout.write(`${line(entry)}\n`);
    }
    return 0;
  });
}

runCli('Audit', main);
