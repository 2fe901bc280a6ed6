export class UnknownProjectionError extends Error {
  constructor(
    readonly projection: string,
    readonly known: string[],
  ) {
    super(`Unknown projection "${projection}". Known projections: ${known.length > 0 ? known.join(', ') : '(none)'}`);
    this.name = 'UnknownProjectionError';
  }
}
