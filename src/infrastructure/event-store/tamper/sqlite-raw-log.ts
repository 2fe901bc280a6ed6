import Database from 'better-sqlite3';
import type { ChainRecord } from './event-hash';

type Row = [
  position: number,
  streamId: string,
  revision: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
];

const HASH_KEY = ',"hash":"';

/** The stored metadata JSON without its trailing `"hash"` (the chaining store writes it last). */
export function splitStoredMetadata(metadata: string): { metadataText: string; storedHash: string | undefined } {
  const at = metadata.lastIndexOf(HASH_KEY);
  if (at < 0 || !metadata.endsWith('"}')) return { metadataText: metadata, storedHash: undefined };
  const hash = metadata.slice(at + HASH_KEY.length, -2);
  // A hash is base64url; anything else means the key was not the chain's (or was tampered with).
  if (!/^[A-Za-z0-9_-]+$/.test(hash)) return { metadataText: metadata, storedHash: undefined };
  return { metadataText: `${metadata.slice(0, at)}}`, storedHash: hash };
}

/**
 * The embedded store's rows read directly, read-only, without parsing JSON: the verifier's fast
 * path over the whole log (the port path parses every event and costs several times more).
 */
export class SqliteRawLog {
  private readonly db: Database.Database;
  private readonly statement: Database.Statement<[number, number], Row>;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.statement = this.db
      .prepare<[number, number], Row>(
        'SELECT position, stream_id, revision, id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(true);
  }

  read(after: bigint, maxCount: number): ChainRecord[] {
    const rows = this.statement.all(Number(after), maxCount);
    const records = new Array<ChainRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, streamId, revision, id, type, data, metadata] = rows[i];
      const { metadataText, storedHash } = splitStoredMetadata(metadata);
      records[i] = {
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
    return records;
  }

  close(): void {
    this.db.close();
  }
}
