/** Buckets of a map: a set or delete copies this many pointers and one bucket of about size/BUCKETS ids. */
const BUCKETS = 256;

const EMPTY_BUCKETS: ReadonlyArray<ReadonlyMap<string, never> | undefined> = Object.freeze(
  new Array(BUCKETS).fill(undefined),
);

/** FNV-1a over the UTF-16 code units: spreads ids (UUIDs, codes) evenly over the buckets. */
function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * An immutable map from ids to values. `set` and `delete` return a new map and leave this one as
 * it was, like a spread copy would, but copy only one bucket: folding the holders of a site with
 * thousands of seats stays linear in its events instead of quadratic. Folded states are shared
 * between commands (StreamStateCache), so they must never change in place.
 */
export class PersistentIdMap<V> {
  static empty<V>(): PersistentIdMap<V> {
    return new PersistentIdMap<V>(EMPTY_BUCKETS, 0);
  }

  private constructor(
    private readonly buckets: ReadonlyArray<ReadonlyMap<string, V> | undefined>,
    readonly size: number,
  ) {}

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentIdMap<V> {
    let map = PersistentIdMap.empty<V>();
    for (const [id, value] of entries) map = map.set(id, value);
    return map;
  }

  has(id: string): boolean {
    return this.buckets[bucketOf(id)]?.has(id) ?? false;
  }

  get(id: string): V | undefined {
    return this.buckets[bucketOf(id)]?.get(id);
  }

  set(id: string, value: V): PersistentIdMap<V> {
    const index = bucketOf(id);
    const bucket = this.buckets[index];
    if (bucket?.has(id) && bucket.get(id) === value) return this;
    const size = bucket?.has(id) ? this.size : this.size + 1;
    return this.with(index, new Map(bucket).set(id, value), size);
  }

  delete(id: string): PersistentIdMap<V> {
    const index = bucketOf(id);
    const bucket = this.buckets[index];
    if (!bucket?.has(id)) return this;
    const smaller = new Map(bucket);
    smaller.delete(id);
    return this.with(index, smaller.size > 0 ? smaller : undefined, this.size - 1);
  }

  *keys(): IterableIterator<string> {
    for (const bucket of this.buckets) if (bucket) yield* bucket.keys();
  }

  /** The ids in code-unit order: for tests, logs and JSON. */
  sortedKeys(): string[] {
    return [...this.keys()].sort();
  }

  /** The entries by id in code-unit order. */
  toJSON(): Record<string, V> {
    return Object.fromEntries(this.sortedKeys().map((id) => [id, this.get(id) as V]));
  }

  private with(index: number, bucket: ReadonlyMap<string, V> | undefined, size: number): PersistentIdMap<V> {
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new PersistentIdMap(buckets, size);
  }
}
