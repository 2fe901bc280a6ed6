import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../../../shared/messages';
import type { Subscription } from '../event-store.port';
import { mapEsdbError } from './esdb-error-mapping';
import { isSystemEvent, toRawEvent } from './esdb-event-mapping';

/** What this wrapper needs of the client's $all subscription (a Readable in object mode). */
export interface EsdbSubscriptionSource extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(): void;
}

const STOPPED: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The port's subscription over the client's: pulled with `for await`, so the consumer's handler
 * finishes before the next event is taken (no `.on('data', async …)`). Drops system events and
 * anything at or before the last position delivered, so the consumer sees no duplicates.
 * `close()` ends a pending iteration at once, even if the server sends nothing more.
 */
export class EsdbSubscription implements Subscription {
  private closed = false;
  private stop!: () => void;
  private readonly stopped = new Promise<IteratorReturnResult<undefined>>((resolve) => {
    this.stop = () => resolve(STOPPED);
  });

  constructor(
    private readonly source: EsdbSubscriptionSource,
    private readonly deserialize: (raw: ReturnType<typeof toRawEvent>) => RecordedEvent,
    private lastPosition: bigint,
    private readonly onClose: (subscription: EsdbSubscription) => void = () => undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const events = this.source[Symbol.asyncIterator]();
    try {
      while (!this.closed) {
        const next = await Promise.race([events.next(), this.stopped]);
        if (next.done || this.closed) return;
        const record = next.value.event;
        if (!record || isSystemEvent(record)) continue;
        const recorded = this.deserialize(toRawEvent(record));
        if (recorded.position <= this.lastPosition) continue;
        this.lastPosition = recorded.position;
        yield recorded;
      }
    } catch (error) {
      if (!this.closed) throw mapEsdbError(error);
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    this.onClose(this);
    try {
      await this.source.unsubscribe();
    } catch {
      // A subscription that never connected has nothing to cancel; destroying it below suffices.
    }
    // Ends the client's stream; its pending read is abandoned (the race above already returned).
    this.source.destroy();
  }
}
