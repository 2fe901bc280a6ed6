/**
 * A number, a code, a month or a date as it was meant: full-width letters and digits folded (a
 * Chinese IME types ２０１３－０９ or １２０), spaces dropped, any dash the ASCII hyphen.
 */
export function digitsAsMeant(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\p{Pd}/gu, '-');
}
