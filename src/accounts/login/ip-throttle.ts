import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type ReadCollection, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { TooManyRequestsError } from '../../shared/errors';

const WINDOW_MS = 10 * 60 * 1000;
export const MAX_FAILURES_PER_IP = 50;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

interface IpFailure extends Record<string, unknown> {
  failureId: string;
  ipKey: string;
  at: number;
}

/**
 * Failed logins and recoveries per client IP in a sliding window, refused above the limit. Each
 * failure is its own document in the read store (no write contention), so every app process counts
 * the same failures. The address is stored hashed; old failures are swept.
 */
@Injectable()
export class IpThrottle {
  private collection?: Promise<ReadCollection<IpFailure>>;
  private lastSweep = 0;

  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  private records(): Promise<ReadCollection<IpFailure>> {
    this.collection ??= this.readStore.collection<IpFailure>('accountIpFailures', [
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

  async check(ip: string | undefined, now = Date.now()): Promise<void> {
    const filter = { ipKey: IpThrottle.keyOf(ip), at: { $gt: now - WINDOW_MS } };
    const records = await this.records();
    if ((await records.count(filter)) < MAX_FAILURES_PER_IP) return;
    const [oldest] = await records.find({ filter, sort: [['at', 1]], limit: 1 });
    const retryAfter = Math.max(1, Math.ceil(((oldest?.at ?? now) + WINDOW_MS - now) / 1000));
    throw new TooManyRequestsError('IP_THROTTLED', '尝试次数过多，请稍后再试', retryAfter);
  }

  async fail(ip: string | undefined, now = Date.now()): Promise<void> {
    const records = await this.records();
    const failureId = randomUUID();
    await records.put(failureId, { failureId, ipKey: IpThrottle.keyOf(ip), at: now }, 1n, { expectedPosition: null });
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      const old = await records.find({ filter: { at: { $lt: now - WINDOW_MS } }, limit: 5000 });
      for (const failure of old) await records.delete(failure.failureId, 2n);
    }
  }
}
