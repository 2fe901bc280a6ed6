/** Streams whose head is remembered; beyond this the least recently used is forgotten (read again). */
const MAX_STREAMS = 100_000;

/**
 * The last revision of streams as this connection last saw them, valid while no other connection
 * has committed (SQLite's `PRAGMA data_version` moves only on other connections' commits). A
 * catch-up read "from revision r" of a stream whose head is below r then needs no query: most
 * commands check their streams for news that another process could have written, and mostly
 * there is none. Any commit elsewhere (another app process, the CLI) forgets every head.
 */
export class StreamHeads {
  private readonly heads = new Map<string, bigint>();
  private seenVersion: number | undefined;

  constructor(
    /** Reads `PRAGMA data_version` on this connection. */
    private readonly dataVersion: () => number,
    private readonly capacity = MAX_STREAMS,
  ) {}

  /** Call before reading the database: forgets every head if another connection has committed since. */
  sync(): void {
    const version = this.dataVersion();
    if (version !== this.seenVersion) {
      this.heads.clear();
      this.seenVersion = version;
    }
  }

  /** The stream's last revision (-1n: no stream) if known to be current; call sync() first. */
  get(stream: string): bigint | undefined {
    return this.heads.get(stream);
  }

  /** After a read to the end of the stream, or this connection's own append (which commits nothing elsewhere). */
  set(stream: string, revision: bigint): void {
    this.heads.delete(stream);
    this.heads.set(stream, revision);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }
}
