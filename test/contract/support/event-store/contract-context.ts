import type { EventStore } from '../../../../src/infrastructure/event-store/event-store.port';

/** Adapter-specific helpers an adapter's spec passes to the shared suite. */
export interface EventStoreContractHooks {
  /**
   * Stores an event as raw text at the stream's next revision, bypassing the port (to plant an
   * unknown type or malformed JSON). Without it, the unknown-type case appends through the port
   * and the malformed-JSON case cannot be written: the SQLite spec always passes it.
   */
  writeRaw?: (stream: string, type: string, dataJson: string) => Promise<void>;
}

export interface ContractContext {
  /** The store under test, opened in beforeAll. */
  store(): EventStore;
  hooks: EventStoreContractHooks;
}
