/**
 * Characters that do not show but change how text shows or compares: bidirectional embeddings,
 * overrides and isolates (U+202E turns 东城区某路1号 around on the printed form), zero-width
 * spaces and joiners, the BOM, and control characters. Pasted from web pages and chat apps, they
 * would reach the 报名表 and staff's searches unseen.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function visibleText(value: string): string {
  return value.replace(INVISIBLE, '').trim();
}

/** Every string in a plain value (a command's input), made visible; other values as they are. */
export function visibleStrings<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => visibleStrings(item)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visibleStrings(inner)])) as T;
  return value;
}
