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
  options: { chainKey?: string; pollIntervalMs?: number; walCheckpoints?: 'on-commit' | 'thread' } = {},
): Promise<EventStore> {
  const store = await createAdapter(config, options);
  return options.chainKey ? new ChainingEventStore(store, options.chainKey) : store;
}

/**
 * `pollIntervalMs`: how often the embedded store's subscriptions look for other connections'
 * appends; `walCheckpoints`: see SqliteEventStoreOptions.
 */
async function createAdapter(
  config: AppConfig['eventStore'],
  { pollIntervalMs, walCheckpoints }: { pollIntervalMs?: number; walCheckpoints?: 'on-commit' | 'thread' },
): Promise<EventStore> {
  const serializer = new EventSerializer(eventRegistry);
  if (config.kind === 'esdb') {
    const { EsdbEventStore } = await import('./esdb/esdb-event-store');
    return EsdbEventStore.connect(config.connectionString, serializer);
  }
  const { SqliteEventStore } = await import('./sqlite/sqlite-event-store');
  const { file, synchronous } = config;
  return new SqliteEventStore({ file, serializer, synchronous, pollIntervalMs, walCheckpoints });
}
