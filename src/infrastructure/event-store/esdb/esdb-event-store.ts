import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  excludeSystemEvents,
} from '@kurrent/kurrentdb-client';
import type { NewEvent, RecordedEvent } from '../../../shared/messages';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { EventSerializer, RawEvent } from '../serialization/event-serializer';
import { mapEsdbError } from './esdb-error-mapping';
import { toEventData, toRawEvent } from './esdb-event-mapping';
import { toStreamState } from './esdb-expected-revision';
import { EsdbAllReader } from './esdb-all-reader';
import { decodePosition } from './esdb-position';
import { EsdbSubscription } from './esdb-subscription';
import { checkedAppend, checkedCount, readWindow, type ReadWindow } from './esdb-read-window';

const PING_TIMEOUT_MS = 5000;

/** The EventStoreDB / KurrentDB adapter, on the official gRPC client. */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly all: EsdbAllReader;

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
  ) {
    this.all = new EsdbAllReader(client, serializer);
  }

  /** Connects and pings, so a wrong address fails at start with EventStoreUnavailableError. */
  static async connect(connectionString: string, serializer: EventSerializer): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(KurrentDBClient.connectionString(connectionString), serializer);
    try {
      await store.ping();
    } catch (error) {
      await store.client.dispose();
      throw error;
    }
    return store;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    checkedAppend(stream, events);
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), {
        streamState: toStreamState(expected),
      });
      // The append answer carries the transaction's position (none at all on an idempotent retry),
      // not necessarily the last event's: read that event back for its exact $all position.
      const nextRevision = result.nextExpectedRevision;
      const [last] = await this.readRaw(stream, { backwards: false, fromRevision: nextRevision, maxCount: 1 });
      if (!last || last.revision !== nextRevision)
        throw new Error(`EventStoreDB acknowledged revision ${nextRevision} of ${stream} but did not return it`);
      return { nextRevision, position: last.position };
    } catch (error) {
      throw mapEsdbError(error, { stream, expected });
    }
  }

  /** Backwards, `fromRevision` is the highest revision returned and `toRevision` the lowest (as in SQLite). */
  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const window = readWindow(options);
    if (window.maxCount === 0) return [];
    try {
      const raws = await this.readRaw(stream, window);
      return raws.filter((raw) => window.keeps(raw.revision)).map((raw) => this.serializer.deserialize(raw));
    } catch (error) {
      throw mapEsdbError(error);
    }
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const maxCount = checkedCount(options.maxCount, 'maxCount');
    try {
      return await this.all.batch(options.after ?? 0n, maxCount);
    } catch (error) {
      throw mapEsdbError(error);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const after = options.after ?? 0n;
    const source = this.client.subscribeToAll({
      fromPosition: after === 0n ? START : decodePosition(after),
      filter: excludeSystemEvents(),
    });
    const subscription = new EsdbSubscription(
      source,
      (raw) => this.serializer.deserialize(raw),
      after,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    try {
      return await this.all.head();
    } catch (error) {
      throw mapEsdbError(error);
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const timedOut = new Error(`EventStoreDB did not answer within ${PING_TIMEOUT_MS} ms`);
      timer = setTimeout(() => reject(new EventStoreUnavailableError(timedOut)), PING_TIMEOUT_MS);
    });
    const read = async (): Promise<void> => {
      for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) break;
    };
    try {
      await Promise.race([read(), timeout]);
    } catch (error) {
      throw mapEsdbError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends open subscriptions, then releases the client's connections. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** The stream's stored events in the client's order, not yet deserialized; [] if it does not exist. */
  private async readRaw(stream: string, window: Omit<ReadWindow, 'keeps'>): Promise<RawEvent[]> {
    const raws: RawEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        fromRevision: window.fromRevision ?? (window.backwards ? END : START),
        direction: window.backwards ? BACKWARDS : FORWARDS,
        maxCount: window.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        if (resolved.event) raws.push(toRawEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return raws;
  }
}
