import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics-registry';

/** Command latency by type and outcome, optimistic-concurrency conflicts and retries. */
@Injectable()
export class CommandMetrics {
  private static readonly latency = new Histogram({
    name: 'command_duration_seconds',
    help: 'Command handling time by command type and outcome',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metricsRegistry],
  });
  private static readonly conflicts = new Counter({
    name: 'command_conflicts_total',
    help: 'Appends refused because the stream moved (wrong expected revision)',
    labelNames: ['command'],
    registers: [metricsRegistry],
  });
  private static readonly retries = new Counter({
    name: 'command_retries_total',
    help: 'Commands decided again after a conflict',
    labelNames: ['command'],
    registers: [metricsRegistry],
  });

  startCommand(command: string): (outcome: 'ok' | 'unchanged' | 'error') => void {
    const end = CommandMetrics.latency.startTimer({ command });
    let ended = false;
    return (outcome) => {
      if (ended) return;
      ended = true;
      end({ outcome });
    };
  }

  conflict(command: string): void {
    CommandMetrics.conflicts.inc({ command });
  }

  retry(command: string): void {
    CommandMetrics.retries.inc({ command });
  }
}
