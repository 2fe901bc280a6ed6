import type { RebuildProgress, RebuildResult } from './projection';

const WIDTH = 28;

/**
 * A small progress bar for rebuilds on stderr: events done/total, %, rate, ETA. Redrawn in place
 * on a terminal; on a pipe or log file, one line every few seconds instead.
 */
export class RebuildProgressBar {
  /** Off a terminal, the first line comes after lineEveryMs: a short rebuild prints only its result. */
  private lastLineAt = performance.now();

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly lineEveryMs = 2000,
  ) {}

  update(progress: RebuildProgress): void {
    const line = describeProgress(progress);
    if (this.out.isTTY) {
      this.out.write(`\r${line}\x1b[K`);
    } else if (performance.now() - this.lastLineAt >= this.lineEveryMs) {
      this.lastLineAt = performance.now();
      this.out.write(`${line}\n`);
    }
  }

  finish(result: RebuildResult): void {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
    this.out.write(
      `${describeProgress({ ...result, headPosition: result.position, eventsRead: result.eventsRead })}\n`,
    );
  }
}

/** e.g. "candidate-view [██████░░…] 45.2% 12,345/27,300 events · 30,120 events/s · ETA 0:03" */
export function describeProgress(progress: RebuildProgress): string {
  const fraction = fractionDone(progress);
  const total = fraction > 0 ? Math.round(progress.eventsRead / fraction) : progress.eventsRead;
  const rate = progress.elapsedMs > 0 ? (progress.eventsRead * 1000) / progress.elapsedMs : 0;
  const eta = rate > 0 ? (total - progress.eventsRead) / rate : 0;
  const filled = Math.round(fraction * WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
  return (
    `${progress.projection} [${bar}] ${(fraction * 100).toFixed(1).padStart(5)}% ` +
    `${format(progress.eventsRead)}/${format(total)} events · ${format(Math.round(rate))} events/s · ETA ${clock(eta)}`
  );
}

/** Positions are ordered but not always dense (EventStoreDB), so progress is position / head. */
function fractionDone(progress: RebuildProgress): number {
  if (progress.headPosition <= 0n) return 1;
  if (progress.position >= progress.headPosition) return 1;
  return Number((progress.position * 10_000n) / progress.headPosition) / 10_000;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
