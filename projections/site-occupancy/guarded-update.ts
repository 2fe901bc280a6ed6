import type { Document, ReadCollection } from '../../src/infrastructure/read-store/read-store.port';

/**
 * Read, change, write with compare-and-set on the stored position: an event already applied is
 * skipped, and when another process wrote the document in between, the change is made again on
 * what it wrote. `change` returning null leaves the document as it is.
 */
export async function updateGuarded<T extends Document>(
  collection: ReadCollection<T>,
  id: string,
  position: bigint,
  change: (doc: T | null) => T | null,
): Promise<void> {
  for (;;) {
    const stored = await collection.get(id);
    if (stored && stored.position >= position) return;
    const next = change(stored?.doc ?? null);
    if (next === null) return;
    if (await collection.put(id, next, position, { expectedPosition: stored?.position ?? null })) return;
  }
}
