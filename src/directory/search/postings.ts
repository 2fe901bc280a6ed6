/**
 * Inverted lists from a numeric gram code to entry ids, in compressed-row form. Ids are added in
 * ascending order, so every list is sorted by id — and ids are given in order of name length, so
 * scanning a list meets the shortest names first and can stop after `limit` matches.
 */
export class Postings {
  private constructor(
    /** Gram code → list number; null when codes are list numbers themselves (dense). */
    private readonly buckets: Map<number, number> | null,
    private readonly starts: Int32Array,
    private readonly ids: Int32Array,
  ) {}

  /** `denseCodes`: codes are below it and index the lists directly (no map). */
  static builder(denseCodes?: number): PostingsBuilder {
    return new PostingsBuilder(denseCodes);
  }

  static fromPairs(
    buckets: Map<number, number> | null,
    bucketCount: number,
    pairBuckets: Int32Array,
    pairIds: Int32Array,
  ): Postings {
    // The same gram may be added several times for one id (several spellings): keep it once.
    const lastId = new Int32Array(bucketCount).fill(-1);
    const counts = new Int32Array(bucketCount + 1);
    for (let i = 0; i < pairBuckets.length; i++) {
      const bucket = pairBuckets[i];
      if (lastId[bucket] === pairIds[i]) continue;
      lastId[bucket] = pairIds[i];
      counts[bucket + 1]++;
    }
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    const fill = counts.slice(0, bucketCount);
    const ids = new Int32Array(counts[bucketCount]);
    lastId.fill(-1);
    // Counting sort is stable: each list keeps the ascending id order of insertion.
    for (let i = 0; i < pairBuckets.length; i++) {
      const bucket = pairBuckets[i];
      if (lastId[bucket] === pairIds[i]) continue;
      lastId[bucket] = pairIds[i];
      ids[fill[bucket]++] = pairIds[i];
    }
    return new Postings(buckets, counts, ids);
  }

  /** The list for a gram as [from, to) into `idsView`; an empty range when the gram is unknown. */
  range(code: number): [number, number] {
    const bucket = this.buckets ? this.buckets.get(code) : code;
    if (bucket === undefined || bucket < 0 || bucket >= this.starts.length - 1) return [0, 0];
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
  private readonly buckets: Map<number, number> | null;
  private pairBuckets = new Int32Array(1 << 20);
  private pairIds = new Int32Array(1 << 20);
  private length = 0;

  constructor(private readonly denseCodes?: number) {
    this.buckets = denseCodes === undefined ? new Map() : null;
  }

  /** `code` should be a small integer (below 2^30) so that the map stays fast. */
  add(code: number, id: number): void {
    let bucket = this.buckets ? this.buckets.get(code) : code;
    if (bucket === undefined && this.buckets) {
      bucket = this.buckets.size;
      this.buckets.set(code, bucket);
    }
    if (this.length === this.pairIds.length) this.grow();
    this.pairBuckets[this.length] = bucket as number;
    this.pairIds[this.length] = id;
    this.length++;
  }

  build(): Postings {
    return Postings.fromPairs(
      this.buckets,
      this.buckets ? this.buckets.size : (this.denseCodes as number),
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

/** Latin gram codes, base 38 with a leading 1 that keeps lengths apart: below LATIN_CODES up to 3 letters. */
export const LATIN_CODES = 38 ** 4;

export function latinGramCode(text: string, from: number, length: number): number {
  let code = 1;
  for (let i = from; i < from + length; i++) code = code * 38 + latinDigit(text.charCodeAt(i));
  return code;
}

export function latinDigit(charCode: number): number {
  if (charCode >= 97 && charCode <= 122) return charCode - 96; // a-z → 1..26
  if (charCode >= 48 && charCode <= 57) return charCode - 21; // 0-9 → 27..36
  return 37;
}

/**
 * Character grams of up to 2 characters, each character numbered densely (first seen, first
 * numbered) so codes stay below 2^30. Rare characters past 16,382 share one number: their lists
 * are supersets, and every hit is verified against the name anyway.
 */
export class CharCodes {
  /** UTF-16 code unit → its number (0: not numbered yet); a flat array is faster than a map. */
  private readonly numbers = new Uint16Array(65536);
  private count = 0;
  private static readonly SHARED = 16383;

  numberOf(charCode: number, assign: boolean): number {
    const known = this.numbers[charCode];
    if (known !== 0) return known;
    if (!assign || this.count >= CharCodes.SHARED - 1) return CharCodes.SHARED;
    this.numbers[charCode] = ++this.count;
    return this.count;
  }

  /** Code of text[from, from + length), length 1 or 2; unseen characters give a code no list has. */
  gram(text: string, from: number, length: number): number {
    let code = 1;
    for (let i = from; i < from + length; i++) code = code * 16384 + this.numberOf(text.charCodeAt(i), false);
    return code;
  }

  /** The numbers of every character of a name being indexed (numbering new ones). */
  numbersOf(text: string): number[] {
    const numbers = new Array<number>(text.length);
    for (let i = 0; i < text.length; i++) numbers[i] = this.numberOf(text.charCodeAt(i), true);
    return numbers;
  }

  static gramOf(numbers: number[], from: number, length: number): number {
    return length === 1 ? 16384 + numbers[from] : (16384 + numbers[from]) * 16384 + numbers[from + 1];
  }
}
