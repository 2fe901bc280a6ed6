/**
 * HTTP load from a worker thread. The app under test keeps the main thread to itself: a load
 * generator on the server's own event loop (fetch from the benchmark's main thread) costs the
 * server about as much CPU as the requests it sends, and halves every figure it measures.
 *
 * A load is a list of journeys (one journey: requests sent one after another, e.g. a candidate's
 * steps); `clients` journeys run at a time. A request may capture a JSON field of its answer
 * (`capture: { captchaId: 'captchaId' }`) and later requests of the journey use it as `{{captchaId}}`.
 */
import { join } from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Variable name → top-level field of the JSON answer, for `{{name}}` in later paths and bodies. */
  capture?: Record<string, string>;
  /** Statuses that count as an answer (default [200]); any other fails the benchmark. */
  accept?: number[];
  /**
   * Not in `latencies` nor `statuses` nor the rate (e.g. fetching a captcha before the login that
   * is measured), though it takes its time; with a `label` its latencies are still reported there.
   */
  untimed?: boolean;
  /** Its latencies are also reported under this name (`byLabel`). */
  label?: string;
  /** Sent only when the journey's previous request was answered with this status (else skipped). */
  ifPreviousStatus?: number;
}

export interface LoadPlan {
  port: number;
  clients: number;
  journeys: LoadRequest[][];
}

export interface LoadResult {
  /** Latency of every timed request, sorted ascending, in milliseconds. */
  latencies: number[];
  /** Wall time from the first request to the last answer. */
  wallMs: number;
  /** How many timed answers had each status. */
  statuses: Record<string, number>;
  /** How many answers contained each `countText` string (e.g. an error code). */
  counted: Record<string, number>;
  /** Latencies of the labelled requests, by label, sorted ascending. */
  byLabel: Record<string, number[]>;
  /**
   * Event-loop utilisation (0–1) of the thread that called runLoad, from the worker's first request
   * to its last answer: in the in-process benchmarks, how busy the app's request thread was.
   */
  callerThreadBusy: number;
  /** CPU time (ms) of the whole process, every thread (the load worker's too), over the same span. */
  processCpuMs: number;
}

/** The worker's first message: it is about to send its first request. */
export const LOAD_STARTED = 'load-started';

/** Runs the plan in a worker thread; resolves with its latencies and statuses. */
export function runLoad(plan: LoadPlan, countText: string[] = []): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'http-load.worker.js'), { workerData: { plan, countText } });
    // Measured from the first request on: the worker's own start-up leaves this thread idle.
    let busySince = nodePerformance.eventLoopUtilization();
    let cpuSince = process.cpuUsage();
    worker.on('message', (message: LoadResult | typeof LOAD_STARTED) => {
      if (message === LOAD_STARTED) {
        busySince = nodePerformance.eventLoopUtilization();
        cpuSince = process.cpuUsage();
        return;
      }
      const cpu = process.cpuUsage(cpuSince);
      resolve({
        ...message,
        callerThreadBusy: nodePerformance.eventLoopUtilization(busySince).utilization,
        processCpuMs: (cpu.user + cpu.system) / 1000,
      });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

/** The value at percentile p (0–100) of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Requests per second over the load's wall time. */
export function requestsPerSecond(result: LoadResult): number {
  return (result.latencies.length * 1000) / result.wallMs;
}
