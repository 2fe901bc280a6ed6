import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics-registry';

/**
 * Projection lag and throughput, registered once per process (several runners in one test
 * process share them). Lag = time the projection applied an event − time the store accepted it.
 */
export const projectionMetrics = {
  lastLagMs: new Gauge({
    name: 'projection_last_lag_ms',
    help: 'Lag of the last event a projection applied, in milliseconds',
    labelNames: ['projection'],
    registers: [metricsRegistry],
  }),
  applyLag: new Histogram({
    name: 'projection_apply_lag_seconds',
    help: 'Time from the event store accepting an event to a projection applying it',
    labelNames: ['projection'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [metricsRegistry],
  }),
  eventsApplied: new Counter({
    name: 'projection_events_applied_total',
    help: 'Events applied by a projection (events of other types only move its checkpoint)',
    labelNames: ['projection'],
    registers: [metricsRegistry],
  }),
  failures: new Counter({
    name: 'projection_failures_total',
    help: 'Times a projection failed and was scheduled for a retry',
    labelNames: ['projection'],
    registers: [metricsRegistry],
  }),
};

/** One projection's meters, bound to its label once (cheaper than labelling every observation). */
export class ProjectionMeters {
  private readonly lastLag;
  private readonly applyLag;
  private readonly applied;
  private readonly failed;

  constructor(projection: string) {
    this.lastLag = projectionMetrics.lastLagMs.labels(projection);
    this.applyLag = projectionMetrics.applyLag.labels(projection);
    this.applied = projectionMetrics.eventsApplied.labels(projection);
    this.failed = projectionMetrics.failures.labels(projection);
  }

  /** Records a batch of applied events made visible at `appliedAt`; returns the last one's lag (ms). */
  recordApplied(recordedAt: readonly string[], appliedAt: number = Date.now()): number {
    let lagMs = 0;
    for (const time of recordedAt) {
      lagMs = Math.max(0, appliedAt - Date.parse(time));
      this.applyLag.observe(lagMs / 1000);
    }
    if (recordedAt.length > 0) {
      this.lastLag.set(lagMs);
      this.applied.inc(recordedAt.length);
    }
    return lagMs;
  }

  recordFailure(): void {
    this.failed.inc();
  }
}
