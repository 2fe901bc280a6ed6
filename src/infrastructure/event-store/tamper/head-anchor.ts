import { createHmac } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/**
 * A signed record of the log's newest event, kept in a file beside the database and not in it:
 * whoever deletes the newest events from the events table (after the last signed digest, which
 * cannot know them) leaves the anchor pointing past the log's head, or at a different event.
 */
export interface HeadAnchor {
  /** Global position of the newest event anchored. */
  position: string;
  /** Events in the log through `position`. */
  count: number;
  /** That event, as its chain knows it. */
  streamId: string;
  revision: string;
  hash: string;
  writtenAt: string;
  signature: string;
}

export type UnsignedHeadAnchor = Omit<HeadAnchor, 'signature'>;

/** The anchor of an embedded store's database file: a small file beside it. */
export function headAnchorFileOf(databaseFile: string): string {
  return `${databaseFile}.head.json`;
}

export function headAnchorSignature(key: string, anchor: UnsignedHeadAnchor): string {
  const fields = [anchor.position, anchor.count, anchor.streamId, anchor.revision, anchor.hash, anchor.writtenAt];
  return createHmac('sha256', key)
    .update(JSON.stringify(['headAnchor', ...fields]))
    .digest('base64url');
}

export function signHeadAnchor(key: string, anchor: UnsignedHeadAnchor): HeadAnchor {
  return { ...anchor, signature: headAnchorSignature(key, anchor) };
}

/** What the file holds: nothing, an anchor whose signature verifies, or something else. */
export type StoredHeadAnchor = { kind: 'absent' } | { kind: 'valid'; anchor: HeadAnchor } | { kind: 'forged' };

export function readHeadAnchor(file: string, key: string): StoredHeadAnchor {
  if (!existsSync(file)) return { kind: 'absent' };
  try {
    const anchor = JSON.parse(readFileSync(file, 'utf8')) as HeadAnchor;
    const { signature, ...signed } = anchor;
    const fields: unknown[] = [signed.position, signed.count, signed.streamId, signed.revision, signed.hash];
    if (fields.some((field) => field === undefined) || headAnchorSignature(key, signed) !== signature)
      return { kind: 'forged' };
    return { kind: 'valid', anchor };
  } catch {
    return { kind: 'forged' };
  }
}

/**
 * Replaces the file whole (a reader never sees half an anchor), synced before the rename so a
 * power cut leaves the old anchor or the new one, never an empty file read as forged.
 */
export function writeHeadAnchor(file: string, anchor: HeadAnchor): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(anchor)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
