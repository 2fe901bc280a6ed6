import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../../shared/errors';

const WINDOW_MS = 10 * 60 * 1000;
const MAX_FAILURES_PER_WINDOW = 50;

/**
 * Failed logins and recoveries per client IP in a sliding window, refused above the limit. Per
 * process: with N processes an address gets at most N times the limit; the per-account lockout
 * (in the event store) is the one every process shares.
 */
@Injectable()
export class IpThrottle {
  private readonly failures = new Map<string, number[]>();

  check(ip: string | undefined, now = Date.now()): void {
    const recent = this.recent(ip ?? 'unknown', now);
    if (recent.length >= MAX_FAILURES_PER_WINDOW) {
      const retryAfter = Math.ceil((recent[0] + WINDOW_MS - now) / 1000);
      throw new TooManyRequestsError('IP_THROTTLED', '尝试次数过多，请稍后再试', retryAfter);
    }
  }

  fail(ip: string | undefined, now = Date.now()): void {
    const key = ip ?? 'unknown';
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 100000) this.failures.clear();
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  }
}
