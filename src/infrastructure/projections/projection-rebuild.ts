import type { EventStore } from '../event-store/event-store.port';
import type { ReadStore, WriteScope } from '../read-store/read-store.port';
import type { ProjectionDefinition, RebuildProgress, RebuildResult } from './projection';
import { collectionsWithin, openProjectionCollections } from './projection-collections';

export const REBUILD_BATCH_SIZE = 1000;

/**
 * Rebuilds a read model from position 0: forget the checkpoint, empty its collections, replay
 * the log in batches, saving the checkpoint after each batch so an interrupted rebuild resumes
 * as an ordinary catch-up. The checkpoint is reset before the data is dropped: a crash between
 * the two leaves the old data with a replay that position guards turn into no-ops, never empty
 * collections behind an advanced checkpoint. Must not run while a live runner (in any process)
 * projects the same read model.
 */
export async function rebuildProjection(
  definition: ProjectionDefinition,
  eventStore: EventStore,
  readStore: ReadStore,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
  batchSize = REBUILD_BATCH_SIZE,
): Promise<RebuildResult> {
  const started = performance.now();
  await readStore.resetCheckpoint(definition.name);
  await readStore.dropCollections(definition.collections.map((collection) => collection.name));
  const collections = await openProjectionCollections(definition, readStore);
  const types = new Set(definition.eventTypes);
  const headPosition = await eventStore.headPosition();
  let position: bigint | undefined; // undefined: from the very first event
  let eventsRead = 0;
  let eventsApplied = 0;
  for (;;) {
    const batch = await eventStore.readAll({ after: position, maxCount: batchSize });
    if (batch.length === 0) break;
    const last = batch[batch.length - 1].position;
    const work = async (scope?: WriteScope) => {
      const target = scope ? collectionsWithin(collections, scope) : collections;
      for (const event of batch) if (types.has(event.type)) await definition.apply(event, target);
      await (scope ?? readStore).saveCheckpoint(definition.name, last);
    };
    // One transaction per batch where the store offers it: data and checkpoint commit together.
    await (readStore.batch ? readStore.batch(work) : work());
    eventsApplied += batch.filter((event) => types.has(event.type)).length;
    position = last;
    eventsRead += batch.length;
    onProgress({
      projection: definition.name,
      eventsRead,
      eventsApplied,
      position,
      headPosition: position > headPosition ? position : headPosition,
      elapsedMs: performance.now() - started,
    });
  }
  const elapsedMs = performance.now() - started;
  return {
    projection: definition.name,
    eventsRead,
    eventsApplied,
    position: position ?? 0n,
    elapsedMs,
    eventsPerSec: elapsedMs > 0 ? Math.round((eventsRead * 1000) / elapsedMs) : 0,
  };
}
