import type { AppConfig } from '../../config/app-config';
import type { ProjectionRunnerOptions } from './projection-runner.options';

/** What the app thread gives the projection thread at its start. */
export interface ProjectionThreadData {
  names: string[];
  /** Of those, the ones not to start (paused for a rebuild in the app thread). */
  paused?: string[];
  eventStore: AppConfig['eventStore'];
  readStore: AppConfig['readStore'];
  options: ProjectionRunnerOptions;
  /** How often the thread's event store looks for appends made by the app thread's connection. */
  pollIntervalMs: number;
}

/** One projection's progress as the thread sees it. */
export interface ProjectionSnapshot {
  name: string;
  position: string | null;
  running: boolean;
  error?: string;
  lastLagMs: number;
}

export type ToProjectionThread =
  { type: 'pause'; name: string; id: number } | { type: 'resume'; name: string } | { type: 'stop' };

export type FromProjectionThread =
  | { type: 'ready' }
  /** `recordedAt` of the events applied since the last message, made visible at `appliedAt`. */
  | { type: 'progress'; snapshot: ProjectionSnapshot; recordedAt: string[]; appliedAt: number; failures: number }
  | { type: 'paused'; id: number }
  | { type: 'log'; level: 'log' | 'warn' | 'error'; message: string }
  | { type: 'stopped' };
