import { loadConfig } from '../config/app-config';
import { liveProjectingProcess, projectingMarkerFile } from '../infrastructure/projections/projecting-process-marker';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { RebuildProgressBar } from '../infrastructure/projections/rebuild-progress-bar';
import { runCli, withAppContext } from './cli-support';

/** Exit code when a live app process projects into the same embedded read store. */
const EXIT_APP_RUNNING = 4;

const USAGE = 'Usage: npm run projections:rebuild -- <projection-name>... | --all';

/**
 * Rebuilds read models from position 0: `npm run projections:rebuild -- <name>|--all`.
 * Boots the application context with RUN_PROJECTIONS=false so no live projection runs beside
 * the rebuild in this process. Stop the app servers first: a live runner elsewhere would keep
 * writing into the collections being rebuilt.
 * On the embedded read store it refuses while a live app process of this host projects into it
 * (the marker beside read-models.sqlite); a MongoDB read store cannot be checked.
 * Exit codes: 0 done, 1 failed, 2 bad usage or unknown projection, 4 an app is running.
 */
async function main(args: string[]): Promise<number> {
  const all = args.includes('--all');
  const names = args.filter((arg) => !arg.startsWith('--'));
  if (args.includes('--help') || (!all && names.length === 0) || (all && names.length > 0)) {
    console.error(USAGE);
    return 2;
  }
  const { readStore } = loadConfig(process.env);
  const storeFile = readStore.kind === 'embedded' ? readStore.file : null;
  const marker = storeFile ? projectingMarkerFile(storeFile) : null;
  const live = marker ? liveProjectingProcess(marker) : null;
  if (live) {
    console.error(`An app process (pid ${live.pid}, started ${live.startedAt}) runs the projections on ${storeFile}.`);
    console.error(
      'Stop every app process of this DATA_DIR first (SIGTERM; with WEB_CONCURRENCY, to the primary), then rebuild: ' +
        'a live projection would keep writing into the read model being rebuilt.',
    );
    // A pid reused after a crash belongs to some other process: the operator who knows none of this
    // app's runs is told how to clear the marker it left.
    console.error(
      `If no app process of this DATA_DIR runs (pid ${live.pid} is now another program), delete ${marker} and rebuild.`,
    );
    return EXIT_APP_RUNNING;
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
