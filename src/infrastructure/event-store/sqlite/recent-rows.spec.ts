import { RecentRows } from './recent-rows';
import type { EventRow } from './sqlite-statements';

const row = (position: number): EventRow => [position, 's', 0, `id-${position}`, 'T', '{}', '{}', ''] as EventRow;

/** A log of `count` rows in a fake database that counts its reads. */
function log(count: number) {
  const rows = Array.from({ length: count }, (_, i) => row(i + 1));
  const reads: Array<[bigint, number]> = [];
  return {
    rows,
    reads,
    read: (after: bigint, maxCount: number) => {
      reads.push([after, maxCount]);
      return rows.filter((r) => r[0] > Number(after)).slice(0, maxCount);
    },
  };
}

const positions = (rows: EventRow[]) => rows.map((r) => r[0]);

describe('RecentRows (the newest rows, read once for every live subscription)', () => {
  let clock = 0;
  const now = () => clock;

  it('serves a second subscription at the same position from memory', () => {
    const db = log(5);
    const recent = new RecentRows({ read: db.read, capacity: 100, tailReuseMs: 10, now });
    expect(positions(recent.after(0n, 500))).toEqual([1, 2, 3, 4, 5]);
    expect(positions(recent.after(0n, 500))).toEqual([1, 2, 3, 4, 5]);
    expect(positions(recent.after(3n, 500))).toEqual([4, 5]);
    expect(db.reads).toHaveLength(1);
  });

  it('sees an append of this process at once, and one of another process after the reuse bound', () => {
    const db = log(2);
    const recent = new RecentRows({ read: db.read, capacity: 100, tailReuseMs: 10, now });
    recent.after(0n, 500);
    db.rows.push(row(3));
    expect(positions(recent.after(2n, 500))).toEqual([]); // another process's append, within the bound
    clock += 10;
    expect(positions(recent.after(2n, 500))).toEqual([3]);
    db.rows.push(row(4));
    recent.appended(); // this process's append
    expect(positions(recent.after(3n, 500))).toEqual([4]);
  });

  it('honours maxCount and fills the rest from the database without gaps', () => {
    const db = log(10);
    const recent = new RecentRows({ read: db.read, capacity: 100, tailReuseMs: 0, now });
    expect(positions(recent.after(0n, 4))).toEqual([1, 2, 3, 4]);
    expect(positions(recent.after(2n, 4))).toEqual([3, 4, 5, 6]);
    expect(positions(recent.after(6n, 100))).toEqual([7, 8, 9, 10]);
    expect(positions(recent.after(0n, 100))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps only the newest rows; a subscription behind them reads the database itself', () => {
    const db = log(10);
    const recent = new RecentRows({ read: db.read, capacity: 3, tailReuseMs: 0, now });
    expect(positions(recent.after(0n, 100))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const before = db.reads.length;
    expect(positions(recent.after(1n, 2))).toEqual([2, 3]);
    expect(db.reads.length).toBe(before + 1);
    expect(positions(recent.after(8n, 100))).toEqual([9, 10]);
  });

  it('restarts the window after a position beyond it', () => {
    const db = log(10);
    const recent = new RecentRows({ read: db.read, capacity: 100, tailReuseMs: 0, now });
    expect(positions(recent.after(0n, 2))).toEqual([1, 2]);
    expect(positions(recent.after(7n, 100))).toEqual([8, 9, 10]);
    expect(positions(recent.after(8n, 100))).toEqual([9, 10]);
  });
});
