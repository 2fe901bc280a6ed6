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

/**
 * A month as it was meant: 2020-09 also when typed 202009 (a phone's digit keypad has no "-"),
 * 2020/9, 2020.9 or 2020年9月. Anything else comes back folded, for the rules to name.
 */
export function monthAsMeant(value: string): string {
  const folded = digitsAsMeant(value);
  const parts = /^(\d{4})(\d{2})$/.exec(folded) ?? /^(\d{4})[-/.年](\d{1,2})月?$/.exec(folded);
  return parts ? `${parts[1]}-${parts[2].padStart(2, '0')}` : folded;
}

/** A date as it was meant: 1992-04-15 also when typed 19920415, 1992/4/15, 1992.4.15 or 1992年4月15日. */
export function dateAsMeant(value: string): string {
  const folded = digitsAsMeant(value);
  const parts =
    /^(\d{4})(\d{2})(\d{2})$/.exec(folded) ??
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(folded)?.filter((_, i) => i !== 2) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(folded);
  return parts ? `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}` : folded;
}
