import type { EventRow } from './sqlite-statements';

export interface RecentRowsOptions {
  /** Reads stored rows after a position, in position order (the database). */
  read: (after: bigint, maxCount: number) => EventRow[];
  /** How many of the newest rows are kept. */
  capacity: number;
  /** A finding that the log has nothing new is reused for this long, unless this process appends. */
  tailReuseMs: number;
  now?: () => number;
}

/**
 * The newest rows of the log, read once for all the live subscriptions of this process: each
 * projection has its own subscription, and without this every append was read (and every empty
 * poll queried) once per projection. The window holds every row with a position in (from, to]:
 * SQLite commits one writer at a time and positions grow with each commit, so a read "after p"
 * returns a gap-free run, and appending the next such run keeps the window gap-free.
 * A subscription behind the window (catching up) reads the database directly.
 */
export class RecentRows {
  private rows: EventRow[] = [];
  private from = -1n;
  private tailCheckedAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly options: RecentRowsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** This process appended: the next read must look at the database. */
  appended(): void {
    this.tailCheckedAt = Number.NEGATIVE_INFINITY;
  }

  after(position: bigint, maxCount: number): EventRow[] {
    if (this.from < 0n || position < this.from) {
      if (this.from >= 0n) return this.options.read(position, maxCount);
      this.from = position;
    }
    if (position > this.to()) this.reset(position);
    const cached = this.slice(position, maxCount);
    if (cached.length === maxCount || this.now() - this.tailCheckedAt < this.options.tailReuseMs) return cached;
    const wanted = maxCount - cached.length;
    const fresh = this.options.read(this.to(), wanted);
    if (fresh.length < wanted) this.tailCheckedAt = this.now();
    if (fresh.length === 0) return cached;
    this.rows.push(...fresh);
    const result = this.slice(position, maxCount);
    this.trim();
    return result;
  }

  private to(): bigint {
    return this.rows.length === 0 ? this.from : BigInt(this.rows[this.rows.length - 1][0]);
  }

  private reset(position: bigint): void {
    this.rows = [];
    this.from = position;
  }

  /** Rows after `position` (inside the window), at most maxCount. */
  private slice(position: bigint, maxCount: number): EventRow[] {
    const target = Number(position);
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.rows[middle][0] <= target) low = middle + 1;
      else high = middle;
    }
    return this.rows.slice(low, low + maxCount);
  }

  private trim(): void {
    const excess = this.rows.length - this.options.capacity;
    if (excess <= 0) return;
    this.from = BigInt(this.rows[excess - 1][0]);
    this.rows = this.rows.slice(excess);
  }
}
