import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bootstrap/project-paths';
import type { ProjectionRunnerConfig } from './projection-runner';

/**
 * The compiled script of the projection thread. A worker thread runs JavaScript only: under
 * ts-jest (this file is .ts) the build in dist/ is used, which `npm test` makes first.
 */
export function projectionThreadScript(): string {
  const script = __filename.endsWith('.ts')
    ? join(projectRoot(__dirname), 'dist', 'src', 'bootstrap', 'projection-thread.worker.js')
    : join(__dirname, '..', '..', 'bootstrap', 'projection-thread.worker.js');
  if (!existsSync(script)) throw new Error(`the projection thread's script ${script} is missing (npm run build)`);
  return script;
}

/** Whether the thread can open its own connections to the stores: not to in-memory SQLite databases. */
export function threadableStores(config: ProjectionRunnerConfig): boolean {
  const { eventStore, readStore } = config;
  if (!eventStore || !readStore) return false;
  if (eventStore.kind === 'sqlite' && eventStore.file === ':memory:') return false;
  return !(readStore.kind === 'embedded' && readStore.file === ':memory:');
}

/** Whether this process's projections run in the projection thread (see ProjectionRunner). */
export function projectionsInThread(config: ProjectionRunnerConfig): boolean {
  return config.runProjections && config.projectionThread === true && threadableStores(config);
}
