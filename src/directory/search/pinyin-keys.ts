import { polyphonic } from 'pinyin-pro';

/** At most this many spellings per name; beyond it only single-character variations are kept. */
const MAX_ALTERNATIVES = 8;

/**
 * The spellings of a name, compact: `initials` holds each distinct initials string and `fulls`
 * each full pinyin with a space between syllables, alternatives separated by `|`
 * (重庆市 → initials "zqs|cqs", fulls "zhong qing shi|chong qing shi").
 */
export interface Spellings {
  initials: string;
  fulls: string;
}

/** Every syllable any indexed character can be read as (how a typed full pinyin is split). */
export const knownSyllables = new Set<string>();

/** Readings by UTF-16 code unit: no one-character string is made per character of 200,000 names. */
const readingsByCode: Array<string[] | undefined> = new Array<string[] | undefined>(65536);

function readingsOf(code: number): string[] {
  const cached = readingsByCode[code];
  if (cached) return cached;
  const char = String.fromCharCode(code);
  let readings: string[];
  if (/^[a-zA-Z0-9]$/.test(char)) readings = [char.toLowerCase()];
  else if (/^[\u3400-\u9fff]$/.test(char)) {
    const found = polyphonic(char, { toneType: 'none', type: 'array' })[0] ?? [];
    // ü is typed as v on every Chinese keyboard.
    readings = [...new Set(found.map((r) => r.toLowerCase().replace(/ü/g, 'v')).filter((r) => /^[a-z]+$/.test(r)))];
  } else readings = []; // punctuation and brackets are not spelled
  readingsByCode[code] = readings;
  for (const reading of readings) knownSyllables.add(reading);
  return readings;
}

/**
 * Every plausible spelling of a name. Polyphonic characters (重 zhong/chong, 长 chang/zhang,
 * 厦 sha/xia) give alternatives, so 重庆 is found by cq and chongqing without a place dictionary.
 */
export function spellingsOf(name: string): Spellings {
  const syllables: string[][] = [];
  const polyphonic: number[] = [];
  let combinations = 1;
  for (let i = 0; i < name.length; i++) {
    const readings = readingsOf(name.charCodeAt(i));
    if (readings.length === 0) continue;
    if (readings.length > 1) {
      polyphonic.push(syllables.length);
      combinations = Math.min(combinations * readings.length, MAX_ALTERNATIVES + 1);
    }
    syllables.push(readings);
  }
  const initials: string[] = [];
  const fulls: string[] = [];
  // The usual reading of every syllable; a spelling only swaps the polyphonic ones.
  const words = syllables.map((readings) => readings[0]);
  const letters = words.map((word) => word[0]);
  const addSpelling = (choice: (k: number) => number) => {
    polyphonic.forEach((position, k) => {
      words[position] = syllables[position][choice(k)];
      letters[position] = words[position][0];
    });
    const full = words.join(' ');
    const initial = letters.join('');
    if (!fulls.includes(full)) fulls.push(full);
    if (!initials.includes(initial)) initials.push(initial);
  };
  if (combinations <= MAX_ALTERNATIVES) {
    // Every combination, counted in mixed radix over the polyphonic positions.
    for (let c = 0; c < combinations; c++) {
      const choice: number[] = [];
      let rest = c;
      for (const position of polyphonic) {
        choice.push(rest % syllables[position].length);
        rest = Math.floor(rest / syllables[position].length);
      }
      addSpelling((k) => choice[k]);
    }
  } else {
    // Too many: the usual reading of every character, then one character read otherwise at a time.
    addSpelling(() => 0);
    polyphonic.forEach((position, k) => {
      for (let i = 1; i < syllables[position].length && fulls.length < MAX_ALTERNATIVES; i++)
        addSpelling((j) => (j === k ? i : 0));
    });
  }
  return { initials: initials.join('|'), fulls: fulls.join('|') };
}

/** Whether q (no spaces) is spelled at `at` in `text`, skipping the spaces between syllables. */
export function spelledAt(text: string, at: number, q: string): boolean {
  let i = at;
  for (let k = 0; k < q.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (c !== q.charCodeAt(k)) return false;
    k++;
  }
  return true;
}

/** Where the spelling that q matched at `at` ends: the match is exact when this is true. */
export function spelledExactly(text: string, at: number, q: string): boolean {
  if (!spelledAt(text, at, q)) return false;
  let i = at;
  for (let k = 0; k < q.length; i++) if (text.charCodeAt(i) !== 32) k++;
  return i === text.length || text[i] === '|';
}

/** Search input as the index compares it: lower case, without spaces and apostrophes. */
export function normalizeQuery(query: string): string {
  return normalizeName(query).toLowerCase().replace(/'/g, '');
}

/** Names as the directory stores them (SOURCES.md): no whitespace, full-width brackets, half-width letters. */
export function normalizeName(name: string): string {
  if (!/[\s\uff10-\uff19\uff21-\uff3a\uff41-\uff5a()]/.test(name)) return name;
  return name
    .replace(/\s+/g, '')
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export const isLatinQuery = (query: string): boolean => /^[a-z0-9]+$/.test(query);
