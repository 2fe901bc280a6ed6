import type { DirectoryEntry, DirectoryHit, MatchKind } from '../directory.types';
import { isLatinQuery, knownSyllables, normalizeQuery, spelledAt, spelledExactly, spellingsOf } from './pinyin-keys';
import { CharCodes, LATIN_CODES, latinDigit, latinGramCode, Postings } from './postings';
import { HitCollector } from './hit-collector';

const LATIN_START_GRAM = 3;
/** Inner latin lists hold 2-letter grams: a 1-letter query has plenty of prefix hits. */
const LATIN_ANY_GRAM = 2;
const TEXT_GRAM = 2;
/** A word starts after these in a Chinese institution name: 北京市|朝阳区|人民医院, 华北电力大学（保定）. */
const WORD_ENDINGS = new Set([...'省市县区州（'].map((c) => c.charCodeAt(0)));
export const MAX_LIMIT = 50;

/**
 * In-memory search over one directory. Entries get ids in order of name length, so every inverted
 * list meets shorter names first; a query scans a few short lists (start of the name, start of a
 * word, anywhere) and stops as soon as it has `limit` hits — never a scan of the whole directory.
 */
export class DirectoryIndex {
  readonly entries: DirectoryEntry[];
  private readonly byName = new Map<string, number>();
  private readonly texts: string[];
  private readonly initials: string[];
  private readonly fulls: string[];
  /** Length of a leading province / city name (北京市…), where a word starts. */
  private readonly placePrefix: Uint8Array;
  private readonly cityPrefix: Uint8Array;
  private readonly chars = new CharCodes();
  private readonly latinStart = Postings.builder(LATIN_CODES);
  private readonly latinAny = Postings.builder(LATIN_CODES);
  private readonly textStart = Postings.builder();
  private readonly textWord = Postings.builder();
  private readonly textAny = Postings.builder();
  private readonly lists: Record<'latinStart' | 'latinAny' | 'textStart' | 'textWord' | 'textAny', Postings>;

  constructor(entries: readonly DirectoryEntry[]) {
    const unique = new Map<string, DirectoryEntry>();
    for (const entry of entries) unique.set(entry.name, entry);
    this.entries = byNameLength([...unique.values()]);
    const n = this.entries.length;
    this.texts = new Array<string>(n);
    this.initials = new Array<string>(n);
    this.fulls = new Array<string>(n);
    this.placePrefix = new Uint8Array(n);
    this.cityPrefix = new Uint8Array(n);
    for (let id = 0; id < n; id++) this.indexEntry(id);
    this.lists = {
      latinStart: this.latinStart.build(),
      latinAny: this.latinAny.build(),
      textStart: this.textStart.build(),
      textWord: this.textWord.build(),
      textAny: this.textAny.build(),
    };
  }

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
    if (q === '') return [];
    const hits = new HitCollector(Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit) || 1)));
    if (isLatinQuery(q)) this.searchLatin(q, hits);
    if (!hits.full) this.searchText(q, hits);
    // Written out rather than spread: this runs for every hit of every keystroke.
    return hits.ranked().map(({ id, kind }) => {
      const { name, province, city, category } = this.entries[id];
      return { name, province, city, category, match: kind };
    });
  }

  private searchLatin(q: string, hits: HitCollector): void {
    const { latinStart, latinAny } = this.lists;
    const start = latinStart.range(latinGramCode(q, 0, Math.min(LATIN_START_GRAM, q.length)));
    if (hits.scan(latinStart.idsView, [start], (id) => this.latinStartMatch(id, q))) return;
    if (q.length < LATIN_ANY_GRAM) return;
    // Inside a name the query may be initials (rmyy) or full pinyin (renmin → the initials r, m).
    const ranges = [latinAny.range(latinGramCode(q, 0, LATIN_ANY_GRAM))];
    const pinyinInitials = initialsOfPinyin(q);
    if (pinyinInitials.length === LATIN_ANY_GRAM && pinyinInitials !== q.slice(0, LATIN_ANY_GRAM))
      ranges.push(latinAny.range(latinGramCode(pinyinInitials, 0, LATIN_ANY_GRAM)));
    hits.scan(latinAny.idsView, ranges, (id) => (this.latinWordMatch(id, q) ? 'word' : null));
  }

  private searchText(q: string, hits: HitCollector): void {
    const { textStart, textWord, textAny } = this.lists;
    const exact = this.byName.get(q);
    if (exact !== undefined && hits.add(exact, 'exact')) return;
    // Every gram of the query occurs in a match: the first where the match starts, the others anywhere after.
    const length = Math.min(TEXT_GRAM, q.length);
    const list = (postings: Postings, from: number) => ({
      ids: postings.idsView,
      range: postings.range(this.chars.gram(q, from, length)),
    });
    const rest: Array<ReturnType<typeof list>> = [];
    for (let j = 1; j + length <= q.length; j++) rest.push(list(textAny, j));
    const starts = (id: number): MatchKind | null => (this.texts[id].startsWith(q) ? 'prefix' : null);
    if (hits.scanAll([list(textStart, 0), ...rest], starts)) return;
    if (q.length >= TEXT_GRAM) {
      const words = (id: number): MatchKind | null => (this.textWordMatch(id, q) ? 'word' : null);
      if (hits.scanAll([list(textWord, 0), ...rest], words)) return;
    }
    const inside = (id: number): MatchKind | null => (this.texts[id].includes(q, 1) ? 'substring' : null);
    hits.scanAll([list(textAny, 0), ...rest], inside);
  }

  private latinStartMatch(id: number, q: string): MatchKind | null {
    let found: MatchKind | null = null;
    const initials = this.initials[id];
    for (let at = 0; at >= 0 && at < initials.length; at = nextAlternative(initials, at)) {
      if (!initials.startsWith(q, at)) continue;
      const end = at + q.length;
      if (end === initials.length || initials[end] === '|') return 'exact';
      found = 'prefix';
    }
    const fulls = this.fulls[id];
    for (let at = 0; at >= 0 && at < fulls.length; at = nextAlternative(fulls, at)) {
      if (spelledExactly(fulls, at, q)) return 'exact';
      if (found === null && spelledAt(fulls, at, q)) found = 'prefix';
    }
    return found;
  }

  private latinWordMatch(id: number, q: string): boolean {
    const initials = this.initials[id];
    for (let at = initials.indexOf(q, 1); at > 0; at = initials.indexOf(q, at + 1))
      if (initials[at - 1] !== '|') return true;
    const fulls = this.fulls[id];
    for (let at = fulls.indexOf(' ') + 1; at > 0; at = fulls.indexOf(' ', at) + 1)
      if (spelledAt(fulls, at, q)) return true;
    return false;
  }

  private textWordMatch(id: number, q: string): boolean {
    const text = this.texts[id];
    for (let at = text.indexOf(q, 1); at > 0; at = text.indexOf(q, at + 1)) if (this.isWordStart(id, at)) return true;
    return false;
  }

  private isWordStart(id: number, at: number): boolean {
    return (
      at === this.placePrefix[id] || at === this.cityPrefix[id] || WORD_ENDINGS.has(this.texts[id].charCodeAt(at - 1))
    );
  }

  private indexEntry(id: number): void {
    const entry = this.entries[id];
    const text = /[A-Z]/.test(entry.name) ? entry.name.toLowerCase() : entry.name;
    this.texts[id] = text;
    this.byName.set(text, id);
    this.placePrefix[id] = prefixLength(text, entry.province, ['省', '市']);
    this.cityPrefix[id] = prefixLength(text, entry.city.replace(/市$/, ''), ['市']);
    const { initials, fulls } = spellingsOf(entry.name);
    this.initials[id] = initials;
    this.fulls[id] = fulls;
    // Alternatives have the same length and differ in a few letters: index only the grams that differ.
    const first = initials.indexOf('|') < 0 ? initials.length : initials.indexOf('|');
    for (let at = 0; at >= 0 && at < initials.length; at = nextAlternative(initials, at)) {
      for (let l = 1; l <= Math.min(LATIN_START_GRAM, first); l++)
        if (at === 0 || !sameLetters(initials, 0, at, l)) this.latinStart.add(latinGramCode(initials, at, l), id);
      for (let p = 1; p + LATIN_ANY_GRAM <= first; p++)
        if (at === 0 || !sameLetters(initials, p, at + p, LATIN_ANY_GRAM))
          this.latinAny.add(latinGramCode(initials, at + p, LATIN_ANY_GRAM), id);
    }
    for (let at = 0; at >= 0 && at < fulls.length; at = nextAlternative(fulls, at)) {
      // The first letters of the spelling, across syllables: "yi yuan" → y, yi, yiy.
      let code = 1;
      for (let i = at, l = 0; i < fulls.length && l < LATIN_START_GRAM; i++) {
        const c = fulls.charCodeAt(i);
        if (c === 124) break; // '|'
        if (c === 32) continue;
        code = code * 38 + latinDigit(c);
        this.latinStart.add(code, id);
        l++;
      }
    }
    const numbers = this.chars.numbersOf(text);
    this.textStart.add(CharCodes.gramOf(numbers, 0, 1), id);
    if (numbers.length > 1) this.textStart.add(CharCodes.gramOf(numbers, 0, 2), id);
    for (let p = 1; p < numbers.length; p++) {
      this.textAny.add(CharCodes.gramOf(numbers, p, 1), id);
      if (p + 1 >= numbers.length) continue;
      const bigram = CharCodes.gramOf(numbers, p, 2);
      this.textAny.add(bigram, id);
      // Word lists hold bigrams only: a one-character word start is not worth a list.
      if (this.isWordStart(id, p)) this.textWord.add(bigram, id);
    }
  }
}

/** Stable counting sort by name length: O(n), where a comparison sort of 200,000 names costs ~0.5 s. */
function byNameLength(entries: DirectoryEntry[]): DirectoryEntry[] {
  const counts = new Int32Array(257);
  const lengthOf = (entry: DirectoryEntry) => Math.min(255, entry.name.length);
  for (const entry of entries) counts[lengthOf(entry) + 1]++;
  for (let l = 1; l < counts.length; l++) counts[l] += counts[l - 1];
  const sorted = new Array<DirectoryEntry>(entries.length);
  for (const entry of entries) sorted[counts[lengthOf(entry)]++] = entry;
  return sorted;
}

function sameLetters(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** Start of the next `|`-separated alternative after `at`, or -1. */
function nextAlternative(alternatives: string, at: number): number {
  const bar = alternatives.indexOf('|', at);
  return bar < 0 ? -1 : bar + 1;
}

/** Initials of the first two syllables of a typed full pinyin, split greedily (renmin → rm). */
function initialsOfPinyin(q: string): string {
  let initials = '';
  for (let i = 0; i < q.length && initials.length < LATIN_ANY_GRAM;) {
    let length = Math.min(6, q.length - i);
    while (length > 1 && !knownSyllables.has(q.slice(i, i + length))) length--;
    initials += q[i];
    i += length;
  }
  return initials;
}

/** Length of a leading place name (北京 / 北京市), 0 when the name does not start with it. */
function prefixLength(text: string, place: string, suffixes: string[]): number {
  if (place === '' || !text.startsWith(place)) return 0;
  const next = text[place.length];
  return Math.min(255, place.length + (next !== undefined && suffixes.includes(next) ? 1 : 0));
}
