/** A put would give two documents the same key of a unique index. Nothing was written. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
    cause: unknown,
  ) {
    super(`Read store: duplicate key — document "${id}" of "${collection}" conflicts with a unique index`);
    this.name = 'DuplicateKeyError';
    this.cause = cause;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
