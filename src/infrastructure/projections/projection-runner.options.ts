export const PROJECTION_RUNNER_OPTIONS = Symbol('ProjectionRunnerOptions');

/** Tuning of the projection runner; the defaults suit production, tests shorten the delays. */
export interface ProjectionRunnerOptions {
  /** Most events applied in one read-store transaction. */
  applyBatchSize: number;
  /** Save the checkpoint after this many events since the last save… */
  checkpointEveryEvents: number;
  /** …or this long after the last save, and when the log goes quiet. */
  checkpointIntervalMs: number;
  /** First retry delay after a projection fails; doubles up to retryMaxMs. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** How often the log's head is read, for `behind` in status(). */
  headRefreshMs: number;
  /** How often waitFor reads the stored checkpoint of a projection not running in this process. */
  remoteCheckpointPollMs: number;
  rebuildBatchSize: number;
  /** How long stop() waits for the event in progress before giving up on a hung projection. */
  stopTimeoutMs: number;
}

export const DEFAULT_PROJECTION_RUNNER_OPTIONS: ProjectionRunnerOptions = {
  applyBatchSize: 500,
  checkpointEveryEvents: 500,
  checkpointIntervalMs: 200,
  retryInitialMs: 500,
  retryMaxMs: 30_000,
  headRefreshMs: 1000,
  remoteCheckpointPollMs: 50,
  rebuildBatchSize: 1000,
  stopTimeoutMs: 10_000,
};

/** Exponential backoff: initial, 2×, 4×… capped. */
export function retryDelayMs(failures: number, options: ProjectionRunnerOptions): number {
  return Math.min(options.retryMaxMs, options.retryInitialMs * 2 ** Math.max(0, failures - 1));
}
