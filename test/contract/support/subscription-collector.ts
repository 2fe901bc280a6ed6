import type { Subscription } from '../../../src/infrastructure/event-store/event-store.port';
import type { RecordedEvent } from '../../../src/shared/messages';

/**
 * Consumes a subscription with `for await` (so the consumer's pace is the subscription's pace)
 * and keeps the events a test cares about, plus every position seen, to check order and
 * exactly-once delivery.
 */
export class SubscriptionCollector {
  readonly events: RecordedEvent[] = [];
  readonly positions: bigint[] = [];
  /** Resolves when the iteration ends (after close()), rejects if it fails. */
  readonly finished: Promise<void>;

  constructor(
    readonly subscription: Subscription,
    keep: (event: RecordedEvent) => boolean,
    onEvent: (event: RecordedEvent) => void = () => undefined,
  ) {
    this.finished = (async () => {
      for await (const event of subscription) {
        this.positions.push(event.position);
        if (keep(event)) this.events.push(event);
        onEvent(event);
      }
    })();
    // A failure is reported by the test awaiting `finished` or `waitFor`, not as an unhandled rejection.
    this.finished.catch(() => undefined);
  }

  /** Waits until `count` kept events arrived; fails with what arrived so far after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.finished.then(
      () => (ended = true),
      () => (ended = true),
    );
    while (this.events.length < count) {
      if (ended) await this.finished;
      if (ended || Date.now() > deadline)
        throw new Error(`Subscription delivered ${this.events.length} of ${count} events${ended ? ' and ended' : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
