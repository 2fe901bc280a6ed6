/** Milliseconds since an earlier `now()`, with sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Wall-clock and CPU time of this process (all its threads), in milliseconds. */
export interface Elapsed {
  wallMs: number;
  cpuMs: number;
}

export const noTime = (): Elapsed => ({ wallMs: 0, cpuMs: 0 });

/**
 * Starts a stopwatch; calling the result adds the time since then to `total`. CPU time is
 * reported next to wall-clock time because on a shared machine other processes' load lowers
 * wall-clock rates while CPU-time rates stay comparable.
 */
export function stopwatch(total: Elapsed): () => void {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    total.wallMs += performance.now() - wall;
    total.cpuMs += (used.user + used.system) / 1000;
  };
}

/** Events per second, rounded. */
export function perSecond(count: number, milliseconds: number): number {
  return milliseconds > 0 ? Math.round((count * 1000) / milliseconds) : 0;
}
