import type { RecordedEvent } from '../../shared/messages';

const NOT_READY = Symbol('not ready');

/** Resolves on the next turn of the event loop, after every pending microtask. */
const nextTurn = () => new Promise<typeof NOT_READY>((resolve) => setImmediate(resolve, NOT_READY));

/**
 * Groups a subscription's events into batches without delaying any: wait for one event, then
 * take the events the subscription can hand over within this turn of the event loop (those it
 * already holds), up to `maxSize` events or `maxGatherMs`. Live, batches are small and go out at once; catching up, or
 * after a stall, they grow — one transaction then covers many events, so a projection that falls
 * behind speeds up.
 */
export class EventBatches {
  private readonly iterator: AsyncIterator<RecordedEvent>;
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private ended = false;

  constructor(
    source: AsyncIterable<RecordedEvent>,
    private readonly maxSize: number,
    /** Events still arriving within this turn (appends in this process) stop joining after this. */
    private readonly maxGatherMs = 5,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next batch (at least one event), or [] once the subscription has ended. */
  async next(): Promise<RecordedEvent[]> {
    if (this.ended) return [];
    const first = await this.peek();
    this.pending = undefined;
    if (first.done) return this.end([]);
    const batch = [first.value];
    const started = performance.now();
    while (batch.length < this.maxSize && performance.now() - started < this.maxGatherMs) {
      let ready: IteratorResult<RecordedEvent> | typeof NOT_READY;
      try {
        ready = await Promise.race([this.peek(), nextTurn()]);
      } catch {
        return batch; // the failure stays in `pending`: the next call rethrows it
      }
      if (ready === NOT_READY) break;
      this.pending = undefined;
      if (ready.done) return this.end(batch);
      batch.push(ready.value);
    }
    return batch;
  }

  private peek(): Promise<IteratorResult<RecordedEvent>> {
    this.pending ??= this.iterator.next();
    return this.pending;
  }

  private end(batch: RecordedEvent[]): RecordedEvent[] {
    this.ended = true;
    return batch;
  }
}
