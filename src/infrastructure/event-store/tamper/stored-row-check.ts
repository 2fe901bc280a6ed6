import type { ChainChecker } from './chain-checker';
import { GENESIS_HASH } from './event-hash';
import { STORED_HASH_KEY, type StoredRow } from './sqlite-raw-log';
import { TextHmac } from './text-hmac';

/** `"}` closing the stored metadata after the hash. */
const HASH_END = 2;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The verifier's fast path over stored rows. The usual event — the next revision of its stream,
 * whose stored hash matches — is checked straight from the stored text: the exact bytes chainHash
 * covers (see there) are written into one reused buffer and HMAC'd, with no record, parsed JSON or
 * joined string per event. Anything else is left to ChainChecker.check on the row's full record,
 * which names the problem; so this can only skip work for rows that check() would pass too.
 */
export class StoredRowCheck {
  private readonly hmac: TextHmac;
  private readonly typeJson = new Map<string, string>();

  constructor(
    key: string,
    private readonly checker: ChainChecker,
  ) {
    this.hmac = new TextHmac(key);
  }

  /** The row's verified hash (its stream's cursor advanced), or null: nothing changed, check it fully. */
  verify(row: StoredRow): string | null {
    const [, streamId, revision, id, type, data, metadata] = row;
    if (typeof data !== 'string' || typeof metadata !== 'string' || typeof type !== 'string') return null;
    const cursor = this.checker.cursorOf(streamId);
    if (revision !== (cursor ? cursor.lastRevision + 1 : 0)) return null;
    const at = metadata.lastIndexOf(STORED_HASH_KEY);
    if (at < 0 || !metadata.endsWith('"}')) return null;
    const previous = cursor ? cursor.lastHash : GENESIS_HASH;
    const streamJson = cursor ? cursor.streamJson : JSON.stringify(streamId);
    // [previous hash, stream, "revision", id, type, data, metadata without hash], as chainHash joins them.
    const head = `[${JSON.stringify(previous)},${streamJson},"${revision}",${JSON.stringify(id)},${this.quotedType(type)},`;
    // The metadata is written whole, then its `,"hash":"…"}` suffix dropped by length in bytes:
    // equal to its length in characters when the hash matches below (base64url is ASCII).
    const hash = this.hmac
      .begin()
      .text(head)
      .text(data)
      .ascii(COMMA)
      .text(metadata)
      .dropLast(metadata.length - at)
      .ascii(CLOSE_BRACE)
      .ascii(CLOSE_BRACKET)
      .digest();
    const hashAt = at + STORED_HASH_KEY.length;
    if (hashAt + hash.length !== metadata.length - HASH_END || !metadata.startsWith(hash, hashAt)) return null;
    this.checker.advance(streamId, cursor, revision, hash);
    return hash;
  }

  /** Event types are few: each quoted once. */
  private quotedType(type: string): string {
    let quoted = this.typeJson.get(type);
    if (quoted === undefined) this.typeJson.set(type, (quoted = JSON.stringify(type)));
    return quoted;
  }
}
