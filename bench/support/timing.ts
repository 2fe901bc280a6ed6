/** Milliseconds since an earlier `now()`, with sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Events per second, rounded. */
export function perSecond(count: number, milliseconds: number): number {
  return milliseconds > 0 ? Math.round((count * 1000) / milliseconds) : 0;
}
