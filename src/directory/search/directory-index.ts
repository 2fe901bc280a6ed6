import type { DirectoryEntry, DirectoryHit, MatchKind } from '../directory.types';
import { isLatinQuery, normalizeQuery, spellingsOf, type Spelling } from './pinyin-keys';
import { latinGramCode, Postings, type PostingsBuilder, textGramCode } from './postings';

const LATIN_START_GRAM = 6;
const LATIN_ANY_GRAM = 3;
const TEXT_START_GRAM = 3;
const TEXT_ANY_GRAM = 2;
/** A word starts after these in a Chinese institution name: 北京市|朝阳区|人民医院, 华北电力大学（保定）. */
const WORD_ENDINGS = new Set(['省', '市', '县', '区', '州', '（']);
export const MAX_LIMIT = 50;

/**
 * In-memory search over one directory. Entries get ids in order of name length, so every inverted
 * list meets shorter names first; a query scans one short list per match kind (exact, prefix,
 * word, substring) and stops as soon as it has `limit` hits — no scan of the whole directory.
 */
export class DirectoryIndex {
  private readonly byName = new Map<string, number>();
  private readonly byLatin = new Map<string, number[]>();
  private readonly texts: string[];
  private readonly spellings: Spelling[][];
  private readonly placePrefix: Uint8Array;
  private readonly cityPrefix: Uint8Array;
  private readonly latinStart: Postings;
  private readonly latinAny: Postings;
  private readonly textStart: Postings;
  private readonly textWord: Postings;
  private readonly textAny: Postings;

  constructor(entries: readonly DirectoryEntry[]) {
    const unique = new Map<string, DirectoryEntry>();
    for (const entry of entries) unique.set(entry.name, entry);
    this.entries = [...unique.values()].sort(
      (a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    const n = this.entries.length;
    this.texts = new Array<string>(n);
    this.spellings = new Array<Spelling[]>(n);
    this.placePrefix = new Uint8Array(n);
    this.cityPrefix = new Uint8Array(n);
    const builders = {
      latinStart: Postings.builder(),
      latinAny: Postings.builder(),
      textStart: Postings.builder(),
      textWord: Postings.builder(),
      textAny: Postings.builder(),
    };
    for (let id = 0; id < n; id++) this.indexEntry(id, builders);
    this.latinStart = builders.latinStart.build();
    this.latinAny = builders.latinAny.build();
    this.textStart = builders.textStart.build();
    this.textWord = builders.textWord.build();
    this.textAny = builders.textAny.build();
  }

  readonly entries: DirectoryEntry[];

  get size(): number {
    return this.entries.length;
  }

  /** The entry with exactly this name (how a typed value counts as chosen from the directory). */
  findExact(name: string): DirectoryEntry | undefined {
    const id = this.byName.get(normalizeQuery(name));
    return id === undefined ? undefined : this.entries[id];
  }

  search(query: string, limit = 10): DirectoryHit[] {
    const q = normalizeQuery(query);
    const max = Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
    if (q === '') return [];
    const hits = new HitCollector(max);
    if (isLatinQuery(q)) this.searchLatin(q, hits);
    this.searchText(q, hits);
    return hits.ids.map((id, i) => ({ ...this.entries[id], match: hits.kinds[i] }));
  }

  private searchLatin(q: string, hits: HitCollector): void {
    for (const id of this.byLatin.get(q) ?? []) if (hits.add(id, 'exact')) return;
    const start = this.latinStart.range(latinGramCode(q, 0, Math.min(LATIN_START_GRAM, q.length)));
    if (this.scan(this.latinStart, start, hits, 'prefix', (id) => this.spellings[id].some((s) => startsLatin(s, q))))
      return;
    const any = this.latinAny.range(latinGramCode(q, 0, Math.min(LATIN_ANY_GRAM, q.length)));
    this.scan(this.latinAny, any, hits, 'word', (id) => this.spellings[id].some((s) => containsLatinWord(s, q)));
  }

  private searchText(q: string, hits: HitCollector): void {
    if (hits.full) return;
    const exact = this.byName.get(q);
    if (exact !== undefined && hits.add(exact, 'exact')) return;
    const start = this.textStart.range(textGramCode(q, 0, Math.min(TEXT_START_GRAM, q.length)));
    if (this.scan(this.textStart, start, hits, 'prefix', (id) => this.texts[id].startsWith(q))) return;
    const word = this.textWord.range(textGramCode(q, 0, Math.min(TEXT_ANY_GRAM, q.length)));
    if (this.scan(this.textWord, word, hits, 'word', (id) => this.containsWord(id, q))) return;
    this.scan(this.textAny, this.rarestTextGram(q), hits, 'substring', (id) => this.texts[id].includes(q, 1));
  }

  /** Any gram of the query must occur in a match: scan the shortest of their lists. */
  private rarestTextGram(q: string): [number, number] {
    const length = Math.min(TEXT_ANY_GRAM, q.length);
    let best: [number, number] = this.textAny.range(textGramCode(q, 0, length));
    for (let j = 1; j + length <= q.length && best[1] > best[0]; j++) {
      const candidate = this.textAny.range(textGramCode(q, j, length));
      if (candidate[1] - candidate[0] < best[1] - best[0]) best = candidate;
    }
    return best;
  }

  /** Adds verified ids of one list in order; true once the collector is full. */
  private scan(
    postings: Postings,
    [from, to]: [number, number],
    hits: HitCollector,
    kind: MatchKind,
    verify: (id: number) => boolean,
  ): boolean {
    const ids = postings.idsView;
    for (let i = from; i < to; i++) {
      const id = ids[i];
      if (!hits.has(id) && verify(id) && hits.add(id, kind)) return true;
    }
    return false;
  }

  private containsWord(id: number, q: string): boolean {
    const text = this.texts[id];
    for (let at = text.indexOf(q, 1); at > 0; at = text.indexOf(q, at + 1))
      if (at === this.placePrefix[id] || at === this.cityPrefix[id] || WORD_ENDINGS.has(text[at - 1])) return true;
    return false;
  }

  private indexEntry(id: number, b: Record<string, PostingsBuilder>): void {
    const entry = this.entries[id];
    const text = entry.name.toLowerCase();
    this.texts[id] = text;
    this.byName.set(text, id);
    this.placePrefix[id] = prefixLength(text, entry.province, ['省', '市']);
    this.cityPrefix[id] = prefixLength(text, entry.city.replace(/市$/, ''), ['市']);
    const spellings = spellingsOf(entry.name);
    this.spellings[id] = spellings;
    for (const s of spellings) {
      for (const key of [s.initials, s.full]) {
        const ids = this.byLatin.get(key);
        if (!ids) this.byLatin.set(key, [id]);
        else if (ids[ids.length - 1] !== id) ids.push(id);
        for (let l = 1; l <= Math.min(LATIN_START_GRAM, key.length); l++)
          b.latinStart.add(latinGramCode(key, 0, l), id);
      }
      for (let p = 1; p < s.initials.length; p++)
        addGrams(b.latinAny, s.initials, p, LATIN_ANY_GRAM, id, latinGramCode);
      for (const p of s.syllableStarts) if (p > 0) addGrams(b.latinAny, s.full, p, LATIN_ANY_GRAM, id, latinGramCode);
    }
    addGrams(b.textStart, text, 0, TEXT_START_GRAM, id, textGramCode);
    for (let p = 1; p < text.length; p++) {
      addGrams(b.textAny, text, p, TEXT_ANY_GRAM, id, textGramCode);
      if (p === this.placePrefix[id] || p === this.cityPrefix[id] || WORD_ENDINGS.has(text[p - 1]))
        addGrams(b.textWord, text, p, TEXT_ANY_GRAM, id, textGramCode);
    }
  }
}

function addGrams(
  builder: PostingsBuilder,
  text: string,
  from: number,
  maxLength: number,
  id: number,
  code: (text: string, from: number, length: number) => number,
): void {
  for (let l = 1; l <= Math.min(maxLength, text.length - from); l++) builder.add(code(text, from, l), id);
}

/** Length of a leading place name (北京 / 北京市), 0 when the name does not start with it. */
function prefixLength(text: string, place: string, suffixes: string[]): number {
  if (place === '' || !text.startsWith(place)) return 0;
  const next = text[place.length];
  return Math.min(255, place.length + (next !== undefined && suffixes.includes(next) ? 1 : 0));
}

const startsLatin = (s: Spelling, q: string): boolean => s.initials.startsWith(q) || s.full.startsWith(q);

function containsLatinWord(s: Spelling, q: string): boolean {
  if (s.initials.indexOf(q, 1) > 0) return true;
  for (const p of s.syllableStarts) if (p > 0 && s.full.startsWith(q, p)) return true;
  return false;
}

class HitCollector {
  readonly ids: number[] = [];
  readonly kinds: MatchKind[] = [];
  private readonly taken = new Set<number>();
  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.ids.length >= this.limit;
  }

  has(id: number): boolean {
    return this.taken.has(id);
  }

  /** True when the collector is full. */
  add(id: number, kind: MatchKind): boolean {
    if (!this.taken.has(id)) {
      this.taken.add(id);
      this.ids.push(id);
      this.kinds.push(kind);
    }
    return this.full;
  }
}
