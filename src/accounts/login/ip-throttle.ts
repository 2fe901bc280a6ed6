import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { IpWindow } from '../security/ip-window';

export const MAX_FAILURES_PER_IP = 50;

/**
 * Failed logins, recoveries, reset codes and refused registrations per client IP in a sliding
 * window of ten minutes, refused above the limit, counted alike by every app process.
 */
@Injectable()
export class IpThrottle {
  private readonly window: IpWindow;

  constructor(@Inject(READ_STORE) readStore: ReadStore) {
    this.window = new IpWindow(readStore, {
      // Not the former 'accountIpFailures', whose documents had another id field (failureId).
      collection: 'ipFailures',
      windowMs: 10 * 60 * 1000,
      max: MAX_FAILURES_PER_IP,
      code: 'IP_THROTTLED',
      message: '尝试次数过多，请稍后再试',
    });
  }

  check(ip: string | undefined, now = Date.now()): Promise<void> {
    return this.window.check(ip, now);
  }

  fail(ip: string | undefined, now = Date.now()): Promise<void> {
    return this.window.add(ip, now);
  }
}
