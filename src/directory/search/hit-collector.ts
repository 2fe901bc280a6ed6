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

  /** Exact before prefix before word before substring; within a kind, the order found (shorter first). */
  ranked(): Array<{ id: number; kind: MatchKind }> {
    return this.hits
      .map((hit, order) => ({ hit, order }))
      .sort((a, b) => RANK[a.hit.kind] - RANK[b.hit.kind] || a.order - b.order)
      .map(({ hit }) => hit);
  }
}
