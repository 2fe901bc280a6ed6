import type Database from 'better-sqlite3';
import type { NewEvent } from '../../../shared/messages';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import type { EventStatements } from './sqlite-statements';

/** An event serialised before the transaction starts, so the write lock is held only for SQL. */
export type PreparedEvent = [id: string, type: string, data: string, metadata: string];

/** What an append did, and the stream's last revision after it (a retried append leaves it where it was). */
export type SqliteAppendResult = AppendResult & { head: bigint };

/** One append, as queued for a commit (see GroupCommit). */
export interface PreparedAppend {
  stream: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
}

/**
 * Returns the append of one batch entry, to be run inside the batch's IMMEDIATE transaction (the
 * write lock is taken at BEGIN, so the revision read here cannot go stale, also across
 * processes): it checks idempotence, then the expected revision, then inserts. It runs as a
 * savepoint: on any throw SQLite rolls back this append's inserts and nothing else.
 */
export function createAppend(db: Database.Database, statements: EventStatements) {
  return db.transaction(({ stream, events, expected }: PreparedAppend, recordedAt: string): SqliteAppendResult => {
    const current = statements.lastRevision.get(stream) ?? -1n;
    const retried = findRetriedAppend(statements, stream, events, expected, current);
    if (retried) return { ...retried, head: current };
    if (!revisionMatches(expected, current))
      throw new WrongExpectedRevisionError(stream, expected, current < 0n ? 'no_stream' : current);
    let revision = current;
    let position = 0n;
    for (const [id, type, data, metadata] of events) {
      revision += 1n;
      position = statements.insert.run(stream, revision, id, type, data, metadata, recordedAt)
        .lastInsertRowid as bigint;
    }
    return { nextRevision: revision, position, head: revision };
  });
}

/** Checks and serialises an append's events; a malformed one throws before anything is queued. */
export function prepareEvents(stream: string, events: NewEvent[]): PreparedEvent[] {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('append: the stream name is empty');
  if (events.length === 0) throw new TypeError(`append to ${stream}: no events given`);
  return events.map((event): PreparedEvent => {
    if (typeof event.id !== 'string' || event.id.length === 0 || typeof event.type !== 'string' || !event.type)
      throw new TypeError(`append to ${stream}: every event needs an id and a type`);
    if (typeof event.metadata !== 'object' || event.metadata === null)
      throw new TypeError(`append to ${stream}: event ${event.id} has no metadata`);
    return [event.id, event.type, JSON.stringify(event.data ?? null), JSON.stringify(event.metadata)];
  });
}

function revisionMatches(expected: ExpectedRevision, current: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current < 0n;
  if (expected === 'stream_exists') return current >= 0n;
  return expected === current;
}

/**
 * An append retried with event ids already stored in this stream (the first try was written but
 * its answer lost) returns the first try's result, even though the stream has moved since. The
 * batch must match the stored events exactly and, for an exact or 'no_stream' expectation, sit
 * where that expectation put it; a partial or misplaced match is a conflict.
 */
function findRetriedAppend(
  statements: EventStatements,
  stream: string,
  events: PreparedEvent[],
  expected: ExpectedRevision,
  current: bigint,
): AppendResult | undefined {
  const first = statements.findInStream.get(events[0][0], stream);
  if (first === undefined) return undefined;
  const firstRevision = first[0];
  const stored = statements.idsFrom.all(stream, firstRevision, events.length);
  const sameBatch = stored.length === events.length && stored.every((row, index) => row[0] === events[index][0]);
  const expectedFirst = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : firstRevision;
  if (!sameBatch || expectedFirst !== firstRevision)
    throw new WrongExpectedRevisionError(stream, expected, current < 0n ? 'no_stream' : current);
  return { nextRevision: firstRevision + BigInt(events.length - 1), position: stored[stored.length - 1][1] };
}
