import { createHash, randomUUID } from 'node:crypto';
import type { ReadCollection, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { TooManyRequestsError } from '../../shared/errors';

const SWEEP_EVERY_MS = 10 * 60 * 1000;

interface IpEntry extends Record<string, unknown> {
  entryId: string;
  ipKey: string;
  at: number;
}

export interface IpWindowOptions {
  /** Read-store collection holding the entries. */
  collection: string;
  windowMs: number;
  /** Entries allowed per address within the window; more are refused with `code`. */
  max: number;
  code: string;
  message: string;
}

/**
 * Counts things done from one client IP in a sliding window (failed logins, registrations),
 * refusing above a limit. Each entry is its own document in the read store (no write
 * contention), so every app process counts the same entries. Addresses are stored hashed; old
 * entries are swept.
 */
export class IpWindow {
  private collection?: Promise<ReadCollection<IpEntry>>;
  private lastSweep = 0;

  constructor(
    private readonly readStore: ReadStore,
    readonly options: IpWindowOptions,
  ) {}

  private entries(): Promise<ReadCollection<IpEntry>> {
    this.collection ??= this.readStore.collection<IpEntry>(this.options.collection, [
      {
        fields: [
          ['ipKey', 1],
          ['at', 1],
        ],
      },
      { fields: [['at', 1]] },
    ]);
    return this.collection;
  }

  private static keyOf(ip: string | undefined): string {
    return createHash('sha256')
      .update(`ip:${ip ?? 'unknown'}`)
      .digest('base64url');
  }

  /** Throws TooManyRequestsError (with Retry-After) when the address has reached the limit. */
  async check(ip: string | undefined, now = Date.now()): Promise<void> {
    const { windowMs, max, code, message } = this.options;
    const filter = { ipKey: IpWindow.keyOf(ip), at: { $gt: now - windowMs } };
    const entries = await this.entries();
    if ((await entries.count(filter)) < max) return;
    const [oldest] = await entries.find({ filter, sort: [['at', 1]], limit: 1 });
    const retryAfter = Math.max(1, Math.ceil(((oldest?.at ?? now) + windowMs - now) / 1000));
    throw new TooManyRequestsError(code, message, retryAfter);
  }

  async add(ip: string | undefined, now = Date.now()): Promise<void> {
    const entries = await this.entries();
    const entryId = randomUUID();
    await entries.put(entryId, { entryId, ipKey: IpWindow.keyOf(ip), at: now }, 1n, { expectedPosition: null });
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      const old = await entries.find({ filter: { at: { $lt: now - this.options.windowMs } }, limit: 5000 });
      for (const entry of old) await entries.delete(entry.entryId, 2n);
    }
  }
}
