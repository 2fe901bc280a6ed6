import { pinyin } from 'pinyin-pro';

/**
 * A name as Chinese lists order it: by pinyin, syllable by syllable (a surname read as a surname:
 * 单 shan, 曾 zeng), Latin names by their letters ignoring case and accents; then by the name itself,
 * so names read alike keep a stable order. Stored with the row, the store sorts by it as text.
 */
export function nameSortKey(name: string): string {
  const syllables = pinyin(name.trim(), { toneType: 'none', type: 'array', surname: 'head', nonZh: 'spaced' });
  const spelled = syllables
    .map((syllable) => syllable.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())
    .filter((syllable) => syllable.trim() !== '')
    .join(' ');
  return `${spelled}\u0001${name}`;
}
