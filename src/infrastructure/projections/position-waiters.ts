interface Waiter {
  reached(): boolean;
  settle(result: boolean): void;
}

/**
 * Read-your-writes without busy-waiting: each waitFor is a condition checked whenever a
 * projection moves forward, and settled by that check or by its own timeout timer.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** Resolves true once `reached()` holds, false after `timeoutMs`. */
  wait(reached: () => boolean, timeoutMs: number, poll?: { everyMs: number; refresh: () => Promise<void> }) {
    if (reached()) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let polling: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        reached,
        settle: (result) => {
          clearTimeout(timeout);
          clearInterval(polling);
          this.waiters.delete(waiter);
          resolve(result);
        },
      };
      const timeout = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiters.add(waiter);
      if (poll) {
        polling = setInterval(() => {
          poll.refresh().then(
            () => this.check(),
            () => undefined,
          );
        }, poll.everyMs);
      }
    });
  }

  /** Called when a projection's position advances. */
  check(): void {
    for (const waiter of this.waiters) if (waiter.reached()) waiter.settle(true);
  }

  /** Settles every pending wait with false (the runner is stopping). */
  cancelAll(): void {
    for (const waiter of this.waiters) waiter.settle(false);
  }
}
