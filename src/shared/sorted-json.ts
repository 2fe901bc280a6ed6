/**
 * JSON with object keys sorted at every level, so objects compare by content whatever order their
 * keys were set in (stored state, a submitted form, a copy that went through JSON). `omit` leaves
 * fields out of the comparison (by key and value), e.g. blanks or a flag the form does not send.
 * Not for hashes that must stay byte-stable across versions: printing/documents has its own.
 */
export function sortedJson(value: unknown, omit?: (key: string, field: unknown) => boolean): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner)
            .filter(([key, field]) => !omit?.(key, field))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}
