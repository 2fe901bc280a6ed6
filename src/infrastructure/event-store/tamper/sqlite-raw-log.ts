import Database from 'better-sqlite3';
import type { ChainRecord } from './event-hash';
import { headAnchorFileOf } from './head-anchor';

/** One stored row as SQLite gives it (a tampered row may hold other types: checked where used). */
export type StoredRow = [
  position: number,
  streamId: string,
  revision: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
];

/** Where the chaining store puts the hash: last in the metadata JSON. */
export const STORED_HASH_KEY = ',"hash":"';

/** The stored metadata JSON without its trailing `"hash"` (the chaining store writes it last). */
export function splitStoredMetadata(metadata: string): { metadataText: string; storedHash: string | undefined } {
  const at = metadata.lastIndexOf(STORED_HASH_KEY);
  if (at < 0 || !metadata.endsWith('"}')) return { metadataText: metadata, storedHash: undefined };
  const hash = metadata.slice(at + STORED_HASH_KEY.length, -2);
  // A hash is base64url; anything else means the key was not the chain's (or was tampered with).
  if (!/^[A-Za-z0-9_-]+$/.test(hash)) return { metadataText: metadata, storedHash: undefined };
  return { metadataText: `${metadata.slice(0, at)}}`, storedHash: hash };
}

/** A stored row as a chain record (the full check, for rows the fast path did not pass). */
export function chainRecordOfRow(row: StoredRow): ChainRecord {
  const [position, streamId, revision, id, type, data, metadata] = row;
  const { metadataText, storedHash } = splitStoredMetadata(metadata);
  return {
    position: BigInt(position),
    streamId,
    revision: BigInt(revision),
    id,
    type,
    storedHash,
    dataText: data,
    metadataText,
  };
}

/**
 * The embedded store's rows read directly, read-only, without parsing JSON: the verifier's fast
 * path over the whole log (the port path parses every event and costs several times more).
 */
export class SqliteRawLog {
  private readonly db: Database.Database;
  private readonly statement: Database.Statement<[number, number], StoredRow>;
  /** The head anchor kept beside the database (see head-anchor.ts). */
  readonly headAnchorFile: string;

  constructor(file: string) {
    this.headAnchorFile = headAnchorFileOf(file);
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.statement = this.db
      .prepare<[number, number], StoredRow>(
        'SELECT position, stream_id, revision, id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(true);
  }

  /** Up to `maxCount` rows after `after`, in global order. */
  readRows(after: number, maxCount: number): StoredRow[] {
    return this.statement.all(after, maxCount);
  }

  /** The row at `position`, if any. */
  rowAt(position: number): StoredRow | undefined {
    return this.db
      .prepare<[number], StoredRow>(
        'SELECT position, stream_id, revision, id, type, data, metadata FROM events WHERE position = ?',
      )
      .raw(true)
      .get(position);
  }

  /** How many events the log holds through `position`. */
  countThrough(position: number): number {
    return (
      this.db.prepare<[number], number>('SELECT COUNT(*) FROM events WHERE position <= ?').pluck().get(position) ?? 0
    );
  }

  close(): void {
    this.db.close();
  }
}
