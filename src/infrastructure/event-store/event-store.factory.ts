import type { AppConfig } from '../../config/app-config';
import type { EventStore } from './event-store.port';
import { eventRegistry } from './serialization/event-registry';
import { EventSerializer } from './serialization/event-serializer';
import { ChainingEventStore } from './tamper/chaining-event-store';

/**
 * Chooses the adapter from configuration; the server client is loaded only when used. With a
 * `chainKey` (AUDIT_CHAIN_KEY) the adapter is wrapped so every event is hash-chained (audit slice).
 */
export async function createEventStore(
  config: AppConfig['eventStore'],
  options: { chainKey?: string; pollIntervalMs?: number } = {},
): Promise<EventStore> {
  const store = await createAdapter(config, options.pollIntervalMs);
  return options.chainKey ? new ChainingEventStore(store, options.chainKey) : store;
}

/** `pollIntervalMs`: how often the embedded store's subscriptions look for other connections' appends. */
async function createAdapter(config: AppConfig['eventStore'], pollIntervalMs?: number): Promise<EventStore> {
  const serializer = new EventSerializer(eventRegistry);
  if (config.kind === 'esdb') {
    const { EsdbEventStore } = await import('./esdb/esdb-event-store');
    return EsdbEventStore.connect(config.connectionString, serializer);
  }
  const { SqliteEventStore } = await import('./sqlite/sqlite-event-store');
  return new SqliteEventStore({ file: config.file, serializer, synchronous: config.synchronous, pollIntervalMs });
}
