import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { IpWindow } from '../security/ip-window';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Registrations per client IP and hour, counted by every app process. Accepted ones: anyone can
 * compute valid ID numbers, so without a bound one script could occupy thousands of real
 * people's identities (注意 4) before anyone noticed. Refused ones (identity already registered,
 * username taken): the guide's duplicate message tells whether an ID number is registered, so
 * probing numbers is bounded. Both bounds are generous: institutions register from behind one
 * NAT address. A limit of 0 switches a bound off.
 */
@Injectable()
export class RegistrationIpLimit {
  private readonly accepted: IpWindow | undefined;
  private readonly refused: IpWindow | undefined;

  constructor(@Inject(READ_STORE) readStore: ReadStore, @Inject(APP_CONFIG) config: AppConfig) {
    const message = '该网络地址注册过于频繁，请稍后再试';
    const window = (collection: string, max: number) =>
      max === 0
        ? undefined
        : new IpWindow(readStore, { collection, windowMs: HOUR_MS, max, code: 'REGISTRATION_RATE_LIMITED', message });
    this.accepted = window('registrationIpsAccepted', config.registrationsPerIpPerHour);
    this.refused = window('registrationIpsRefused', config.registrationRefusalsPerIpPerHour);
  }

  /** Throws TooManyRequestsError (429, Retry-After) when either bound is reached. */
  async check(ip: string | undefined, now: number): Promise<void> {
    await this.accepted?.check(ip, now);
    await this.refused?.check(ip, now);
  }

  async recordAccepted(ip: string | undefined, now: number): Promise<void> {
    await this.accepted?.add(ip, now);
  }

  async recordRefused(ip: string | undefined, now: number): Promise<void> {
    await this.refused?.add(ip, now);
  }
}
