import { polyphonic } from 'pinyin-pro';

/** Readings per character, computed once: 200,000 names share about a few thousand characters. */
const readingsCache = new Map<string, string[]>();

/** At most this many spellings per name; beyond it only single-character variations are kept. */
const MAX_ALTERNATIVES = 16;

/** One searchable spelling of a name: its initials, its full pinyin and where each syllable starts. */
export interface Spelling {
  initials: string;
  full: string;
  syllableStarts: number[];
}

function readingsOf(char: string): string[] {
  const cached = readingsCache.get(char);
  if (cached) return cached;
  let readings: string[];
  if (/^[a-zA-Z0-9]$/.test(char)) readings = [char.toLowerCase()];
  else if (/^[\u3400-\u9fff]$/.test(char)) {
    const found = polyphonic(char, { toneType: 'none', type: 'array' })[0] ?? [];
    // ü is typed as v on every Chinese keyboard.
    readings = [...new Set(found.map((r) => r.toLowerCase().replace(/ü/g, 'v')).filter((r) => /^[a-z]+$/.test(r)))];
  } else readings = []; // punctuation and brackets are not spelled
  readingsCache.set(char, readings);
  return readings;
}

/**
 * Every plausible spelling of a name. Polyphonic characters (重 zhong/chong, 长 chang/zhang,
 * 厦 sha/xia) give alternatives, so 重庆 is found by cq and chongqing without a place dictionary.
 */
export function spellingsOf(name: string): Spelling[] {
  const syllables = [...name].map(readingsOf).filter((r) => r.length > 0);
  const combinations = syllables.reduce((product, r) => product * r.length, 1);
  const choices: number[][] = [];
  if (combinations <= MAX_ALTERNATIVES) {
    let partial: number[][] = [[]];
    for (const r of syllables) partial = partial.flatMap((prefix) => r.map((_, i) => [...prefix, i]));
    choices.push(...partial);
  } else {
    const base = syllables.map(() => 0);
    choices.push(base);
    syllables.forEach((r, position) => {
      for (let i = 1; i < r.length && choices.length < MAX_ALTERNATIVES; i++)
        choices.push(base.map((v, p) => (p === position ? i : v)));
    });
  }
  const seen = new Set<string>();
  const spellings: Spelling[] = [];
  for (const choice of choices) {
    const words = syllables.map((r, p) => r[choice[p]]);
    const full = words.join('');
    if (seen.has(full)) continue;
    seen.add(full);
    const syllableStarts: number[] = [];
    let offset = 0;
    for (const word of words) {
      syllableStarts.push(offset);
      offset += word.length;
    }
    spellings.push({ initials: words.map((w) => w[0]).join(''), full, syllableStarts });
  }
  return spellings;
}

/** Search input as the index compares it: lower case, without spaces and apostrophes. */
export function normalizeQuery(query: string): string {
  return normalizeName(query).toLowerCase().replace(/'/g, '');
}

/** Names as the directory stores them (SOURCES.md): no whitespace, full-width brackets, half-width letters. */
export function normalizeName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export const isLatinQuery = (query: string): boolean => /^[a-z0-9]+$/.test(query);
