/** Buckets of a set: an add or delete copies this many pointers and one bucket of about size/BUCKETS ids. */
const BUCKETS = 256;

const EMPTY_BUCKETS: ReadonlyArray<ReadonlySet<string> | undefined> = Object.freeze(new Array(BUCKETS).fill(undefined));

/** FNV-1a over the UTF-16 code units: spreads ids (UUIDs, codes) evenly over the buckets. */
function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * An immutable set of ids. `add` and `delete` return a new set and leave this one as it was, like
 * a spread copy would, but copy only one bucket: folding the holders of a site with thousands of
 * seats stays linear in its events instead of quadratic. Folded states are shared between
 * commands (StreamStateCache), so they must never change in place.
 */
export class PersistentIdSet {
  static readonly empty = new PersistentIdSet(EMPTY_BUCKETS, 0);

  private constructor(
    private readonly buckets: ReadonlyArray<ReadonlySet<string> | undefined>,
    readonly size: number,
  ) {}

  static of(ids: Iterable<string>): PersistentIdSet {
    let set = PersistentIdSet.empty;
    for (const id of ids) set = set.add(id);
    return set;
  }

  has(id: string): boolean {
    return this.buckets[bucketOf(id)]?.has(id) ?? false;
  }

  add(id: string): PersistentIdSet {
    const index = bucketOf(id);
    const bucket = this.buckets[index];
    if (bucket?.has(id)) return this;
    return this.with(index, new Set(bucket).add(id), this.size + 1);
  }

  delete(id: string): PersistentIdSet {
    const index = bucketOf(id);
    const bucket = this.buckets[index];
    if (!bucket?.has(id)) return this;
    const smaller = new Set(bucket);
    smaller.delete(id);
    return this.with(index, smaller.size > 0 ? smaller : undefined, this.size - 1);
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (const bucket of this.buckets) if (bucket) yield* bucket;
  }

  /** The ids in code-unit order: for tests, logs and JSON. */
  toSortedArray(): string[] {
    return [...this].sort();
  }

  toJSON(): string[] {
    return this.toSortedArray();
  }

  private with(index: number, bucket: ReadonlySet<string> | undefined, size: number): PersistentIdSet {
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new PersistentIdSet(buckets, size);
  }
}
