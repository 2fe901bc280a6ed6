/**
 * Wakes this process's live subscriptions as soon as an append commits, instead of waiting for
 * their next poll. Appends by other processes are still found by polling.
 */
export class AppendNotifier {
  private waiters = new Set<() => void>();

  notify(): void {
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves on the next append in this process, after `timeoutMs`, or when `wake` (returned
   * through `onWaker`) is called, whichever comes first. Never rejects and leaves no timer behind.
   */
  waitForAppend(timeoutMs: number, onWaker: (wake: () => void) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      onWaker(done);
    });
  }
}
