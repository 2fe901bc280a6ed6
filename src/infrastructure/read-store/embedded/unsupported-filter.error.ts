/** A filter, sort or paging option outside the subset the read-store port promises. */
export class UnsupportedFilterError extends Error {
  constructor(message: string) {
    super(`Read store: ${message}`);
    this.name = 'UnsupportedFilterError';
  }
}
