import type { MatchKind } from '../directory.types';

const RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, word: 2, substring: 3 };

/** The hits of one search: at most `limit`, each id once, ranked by match kind then name length. */
export class HitCollector {
  private readonly hits: Array<{ id: number; kind: MatchKind }> = [];
  private readonly taken = new Set<number>();
  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.hits.length >= this.limit;
  }

  /** True once the collector is full. */
  add(id: number, kind: MatchKind): boolean {
    if (!this.taken.has(id)) {
      this.taken.add(id);
      this.hits.push({ id, kind });
    }
    return this.full;
  }

  /**
   * Walks sorted id lists merged in id order (= shorter names first), adding each id that `classify`
   * accepts; true once full. Ids repeat across lists and are taken once.
   */
  scan(ids: Int32Array, ranges: Array<[number, number]>, classify: (id: number) => MatchKind | null): boolean {
    const at = ranges.map(([from]) => from);
    for (;;) {
      let next = -1;
      for (let r = 0; r < ranges.length; r++)
        if (at[r] < ranges[r][1] && (next < 0 || ids[at[r]] < ids[at[next]])) next = r;
      if (next < 0) return false;
      const id = ids[at[next]++];
      if (this.taken.has(id)) continue;
      const kind = classify(id);
      if (kind !== null && this.add(id, kind)) return true;
    }
  }

  /**
   * Like `scan`, over the ids present in every list (each a sorted range of one ids array): walks
   * the shortest list in order and gallops through the others, so a rare combination of common
   * grams costs little. True once full.
   */
  scanAll(
    lists: Array<{ ids: Int32Array; range: [number, number] }>,
    classify: (id: number) => MatchKind | null,
  ): boolean {
    const sorted = [...lists].sort((a, b) => a.range[1] - a.range[0] - (b.range[1] - b.range[0]));
    const [primary, ...others] = sorted;
    const cursors = others.map((list) => list.range[0]);
    outer: for (let i = primary.range[0]; i < primary.range[1]; i++) {
      const id = primary.ids[i];
      for (let k = 0; k < others.length; k++) {
        const { ids, range } = others[k];
        const at = gallop(ids, cursors[k], range[1], id);
        cursors[k] = at;
        if (at >= range[1]) return false; // a list is exhausted: no later id is in all of them
        if (ids[at] !== id) continue outer;
      }
      if (this.taken.has(id)) continue;
      const kind = classify(id);
      if (kind !== null && this.add(id, kind)) return true;
    }
    return false;
  }

  /** Exact before prefix before word before substring; within a kind, the order found (shorter first). */
  ranked(): Array<{ id: number; kind: MatchKind }> {
    return this.hits
      .map((hit, order) => ({ hit, order }))
      .sort((a, b) => RANK[a.hit.kind] - RANK[b.hit.kind] || a.order - b.order)
      .map(({ hit }) => hit);
  }
}

/** First index in [from, to) whose id is ≥ target (ids sorted): exponential, then binary search. */
function gallop(ids: Int32Array, from: number, to: number, target: number): number {
  if (from >= to || ids[from] >= target) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < to && ids[high] < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  high = Math.min(high, to);
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if (ids[mid] < target) low = mid;
    else high = mid;
  }
  return high;
}
