/**
 * Inverted lists from a numeric gram code to entry ids, in compressed-row form. Ids are added in
 * ascending order, so every list is sorted by id — and ids are given in order of name length, so
 * scanning a list meets the shortest names first and can stop after `limit` matches.
 */
export class Postings {
  private constructor(
    private readonly buckets: Map<number, number>,
    private readonly starts: Int32Array,
    private readonly ids: Int32Array,
  ) {}

  static builder(): PostingsBuilder {
    return new PostingsBuilder();
  }

  static fromPairs(buckets: Map<number, number>, pairBuckets: Int32Array, pairIds: Int32Array): Postings {
    const counts = new Int32Array(buckets.size + 1);
    for (let i = 0; i < pairBuckets.length; i++) counts[pairBuckets[i] + 1]++;
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    const starts = counts.slice();
    const fill = counts.slice(0, buckets.size);
    const ids = new Int32Array(pairIds.length);
    // Counting sort is stable: each list keeps the ascending id order of insertion.
    for (let i = 0; i < pairBuckets.length; i++) ids[fill[pairBuckets[i]]++] = pairIds[i];
    return new Postings(buckets, starts, ids);
  }

  /** The list for a gram as [from, to) into `idsView`; an empty range when the gram is unknown. */
  range(code: number): [number, number] {
    const bucket = this.buckets.get(code);
    if (bucket === undefined) return [0, 0];
    return [this.starts[bucket], this.starts[bucket + 1]];
  }

  get idsView(): Int32Array {
    return this.ids;
  }

  get size(): number {
    return this.ids.length;
  }
}

export class PostingsBuilder {
  private readonly buckets = new Map<number, number>();
  private pairBuckets = new Int32Array(1 << 16);
  private pairIds = new Int32Array(1 << 16);
  private length = 0;
  private lastId = -1;
  /** Codes already added for the current id: one entry per gram and id. */
  private readonly seenForId = new Set<number>();

  add(code: number, id: number): void {
    if (id !== this.lastId) {
      this.seenForId.clear();
      this.lastId = id;
    }
    if (this.seenForId.has(code)) return;
    this.seenForId.add(code);
    let bucket = this.buckets.get(code);
    if (bucket === undefined) {
      bucket = this.buckets.size;
      this.buckets.set(code, bucket);
    }
    if (this.length === this.pairIds.length) this.grow();
    this.pairBuckets[this.length] = bucket;
    this.pairIds[this.length] = id;
    this.length++;
  }

  build(): Postings {
    return Postings.fromPairs(
      this.buckets,
      this.pairBuckets.subarray(0, this.length),
      this.pairIds.subarray(0, this.length),
    );
  }

  private grow(): void {
    const buckets = new Int32Array(this.pairIds.length * 2);
    const ids = new Int32Array(this.pairIds.length * 2);
    buckets.set(this.pairBuckets);
    ids.set(this.pairIds);
    this.pairBuckets = buckets;
    this.pairIds = ids;
  }
}

/** Gram codes: a leading 1 keeps grams of different lengths apart; exact in a double up to 52 bits. */
export function latinGramCode(text: string, from: number, length: number): number {
  let code = 1;
  for (let i = from; i < from + length; i++) code = code * 38 + latinDigit(text.charCodeAt(i));
  return code;
}

function latinDigit(charCode: number): number {
  if (charCode >= 97 && charCode <= 122) return charCode - 96; // a-z → 1..26
  if (charCode >= 48 && charCode <= 57) return charCode - 21; // 0-9 → 27..36
  return 37;
}

export function textGramCode(text: string, from: number, length: number): number {
  let code = 1;
  for (let i = from; i < from + length; i++) code = code * 65536 + text.charCodeAt(i);
  return code;
}
