import cluster, { type Worker } from 'node:cluster';

/** A worker that dies within this time of its start is restarted only after this pause. */
const RESTART_PAUSE_MS = 1000;

export interface ClusterLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * WEB_CONCURRENCY > 1: this (primary) process forks that many app processes sharing the port,
 * so HTTP uses every core. The embedded stores are shared by processes already (captchas,
 * sessions, throttles live in the read store); exactly one worker runs the projections and the
 * background jobs (digests, head anchor, seat sweeper) — RUN_PROJECTIONS=false in the others,
 * whose read-your-writes then follow the stored checkpoints. A worker that dies is replaced;
 * SIGTERM / SIGINT are passed on, and the primary exits once every worker has drained.
 */
export function runCluster(workers: number, log: ClusterLog): void {
  const envOf = (index: number): NodeJS.ProcessEnv => ({
    WORKER_INDEX: String(index),
    ...(index === 0 ? {} : { RUN_PROJECTIONS: 'false' }),
  });
  const byWorker = new Map<Worker, { index: number; startedAt: number }>();
  let stopping = false;

  const fork = (index: number) => {
    const worker = cluster.fork(envOf(index));
    byWorker.set(worker, { index, startedAt: Date.now() });
  };

  cluster.on('exit', (worker, code, signal) => {
    const started = byWorker.get(worker);
    byWorker.delete(worker);
    if (stopping) {
      if (byWorker.size === 0) process.exit(0);
      return;
    }
    if (!started) return;
    log.error(`worker ${started.index} (pid ${worker.process.pid}) exited (${signal ?? code}); starting another`);
    const early = Date.now() - started.startedAt < RESTART_PAUSE_MS;
    setTimeout(() => fork(started.index), early ? RESTART_PAUSE_MS : 0);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping ${byWorker.size} workers`);
    if (byWorker.size === 0) process.exit(0);
    for (const worker of byWorker.keys()) worker.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let index = 0; index < workers; index++) fork(index);
  log.info(`primary ${process.pid}: ${workers} workers, projections in worker 0`);
}

/** Whether this process should start the cluster rather than the app itself. */
export function isClusterPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}
