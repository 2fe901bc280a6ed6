import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventRegistry } from '../../event-store/serialization/event-registry';
import { EventSerializer } from '../../event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { EmbeddedReadStore } from '../../read-store/embedded/embedded-read-store';
import { COUNTER_EVENT_TYPES } from './counter-projection';

/** Real embedded stores on temporary files, for the runner's medium tests. */
export class ProjectionTestStores {
  readonly dir = mkdtempSync(join(tmpdir(), 'projections-'));
  readonly eventFile = join(this.dir, 'events.sqlite');
  readonly readFile = join(this.dir, 'read-models.sqlite');
  private readonly opened: Array<{ close(): Promise<void> }> = [];

  openEventStore(): SqliteEventStore {
    const serializer = new EventSerializer(new EventRegistry().registerTypes(...COUNTER_EVENT_TYPES));
    return this.track(new SqliteEventStore({ file: this.eventFile, serializer, pollIntervalMs: 10 }));
  }

  openReadStore(): EmbeddedReadStore {
    return this.track(new EmbeddedReadStore({ file: this.readFile }));
  }

  async dispose(): Promise<void> {
    for (const store of this.opened.splice(0).reverse()) await store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private track<T extends { close(): Promise<void> }>(store: T): T {
    this.opened.push(store);
    return store;
  }
}
