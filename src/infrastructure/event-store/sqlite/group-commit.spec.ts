import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommit, type GroupCommitHooks } from './group-commit';
import type { PreparedAppend, SqliteAppendResult } from './sqlite-append';

/** A table of (stream, n) rows; appending 'refuse' inserts its row and then throws. */
function setUp(overrides: Partial<GroupCommitHooks> = {}, folder?: string) {
  const db = new Database(folder ? join(folder, 'rows.sqlite') : ':memory:');
  db.pragma('busy_timeout = 0');
  db.exec('CREATE TABLE rows (position INTEGER PRIMARY KEY, stream TEXT NOT NULL)');
  const insert = db.prepare<[string]>('INSERT INTO rows (stream) VALUES (?)');
  const batches: string[][] = [];
  const committed: string[][] = [];
  const commits = new GroupCommit(db, {
    appendOne: db.transaction(({ stream }: PreparedAppend): SqliteAppendResult => {
      const position = BigInt(insert.run(stream).lastInsertRowid);
      if (stream === 'refuse') throw new Error('refused');
      return { nextRevision: 0n, position, head: 0n };
    }),
    beforeBatch: () => batches.push([]),
    afterCommit: (appends) => committed.push(appends.map(({ append }) => append.stream)),
    mapError: (error) => error,
    ...overrides,
  });
  const append = (stream: string) => commits.append({ stream, events: [], expected: 'any' });
  const streams = () => db.prepare('SELECT stream FROM rows ORDER BY position').pluck().all();
  return { db, commits, append, batches, committed, streams };
}

describe('GroupCommit', () => {
  it('commits the appends asked for in one turn in one transaction, in the order asked', async () => {
    const { append, batches, committed, streams } = setUp();
    const results = await Promise.all([append('a'), append('b'), append('c')]);
    expect(results.map((result) => result.position)).toEqual([1n, 2n, 3n]);
    expect(batches).toHaveLength(1);
    expect(committed).toEqual([['a', 'b', 'c']]);
    expect(streams()).toEqual(['a', 'b', 'c']);
  });

  it('commits appends asked for in later turns in later transactions', async () => {
    const { append, batches } = setUp();
    await append('a');
    await append('b');
    expect(batches).toHaveLength(2);
  });

  it('rolls back a refused append alone: the others of its batch are written and answered', async () => {
    const { append, committed, streams } = setUp();
    const outcomes = await Promise.allSettled([append('a'), append('refuse'), append('b')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(committed).toEqual([['a', 'b']]);
    expect(streams()).toEqual(['a', 'b']);
  });

  it('fails every append of a batch whose transaction fails, and writes none of them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'group-commit-'));
    try {
      const { db, append, streams } = setUp({ mapError: (error) => new Error(`mapped: ${String(error)}`) }, folder);
      const other = new Database(join(folder, 'rows.sqlite'));
      other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
      const outcomes = await Promise.allSettled([append('a'), append('b')]);
      other.exec('ROLLBACK');
      other.close();
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/mapped: .*locked/);
      }
      expect(streams()).toEqual([]);
      db.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('fails the whole batch when an append ends the transaction itself (as a full disk does)', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE rows (position INTEGER PRIMARY KEY, stream TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO rows (stream) VALUES (?)');
    const commits = new GroupCommit(db, {
      appendOne: db.transaction(({ stream }: PreparedAppend): SqliteAppendResult => {
        const position = BigInt(insert.run(stream).lastInsertRowid);
        if (stream === 'fatal') {
          db.exec('ROLLBACK'); // what SQLite does on SQLITE_FULL or SQLITE_IOERR
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        }
        return { nextRevision: 0n, position, head: 0n };
      }),
      beforeBatch: () => undefined,
      afterCommit: () => undefined,
      mapError: (error) => error,
    });
    const append = (stream: string) => commits.append({ stream, events: [], expected: 'any' });
    const outcomes = await Promise.allSettled([append('a'), append('fatal'), append('b')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(db.prepare('SELECT stream FROM rows').pluck().all()).toEqual([]);
    db.close();
  });

  it('commits at once what is queued when flushed (as the store does when it closes)', () => {
    const { commits, append, streams } = setUp();
    void append('a');
    void append('b');
    commits.flush();
    expect(streams()).toEqual(['a', 'b']);
  });
});
