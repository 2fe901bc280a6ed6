import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { RebuildProgressBar } from '../infrastructure/projections/rebuild-progress-bar';
import { runCli, withAppContext } from './cli-support';

const USAGE = 'Usage: npm run projections:rebuild -- <projection-name>... | --all';

/**
 * Rebuilds read models from position 0: `npm run projections:rebuild -- <name>|--all`.
 * Boots the application context with RUN_PROJECTIONS=false so no live projection runs beside
 * the rebuild in this process. Stop the app servers first: a live runner elsewhere would keep
 * writing into the collections being rebuilt.
 * Exit codes: 0 done, 1 failed, 2 bad usage or unknown projection.
 */
async function main(args: string[]): Promise<number> {
  const all = args.includes('--all');
  const names = args.filter((arg) => !arg.startsWith('--'));
  if (args.includes('--help') || (!all && names.length === 0) || (all && names.length > 0)) {
    console.error(USAGE);
    return 2;
  }
  return withAppContext(async (app) => {
    const runner = app.get(ProjectionRunner);
    const known = runner.names();
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      console.error(`Unknown projection${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
      console.error(`Known projections: ${known.length > 0 ? known.join(', ') : '(none registered)'}`);
      return 2;
    }
    for (const name of all ? known : names) {
      const bar = new RebuildProgressBar();
      const result = await runner.rebuild(name, (progress) => bar.update(progress));
      bar.finish(result);
      const seconds = (result.elapsedMs / 1000).toFixed(2);
      process.stdout.write(
        `${name}: rebuilt from ${result.eventsRead} events (${result.eventsApplied} applied) in ${seconds} s — ` +
          `${result.eventsPerSec} events/s\n`,
      );
    }
    return 0;
  });
}

runCli('Rebuild', main);
