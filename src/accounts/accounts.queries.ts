import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { fold } from '../shared/decider';
import { accountDecider, type AccountState } from './accounts.decider';
import type { AccountEvent } from './accounts.events';
import { candidateStream, usernameStream } from './accounts.streams';
import type { LoginAccount } from './login/login.service';
import { usernameDecider } from './username/username.decider';
import type { UsernameEvent } from './username/username.events';

export type RegisteredAccount = Extract<AccountState, { status: 'registered' }>;

/**
 * Reads accounts from their streams (not from a read model): a login right after registration
 * must succeed in any process, with no projection lag.
 */
@Injectable()
export class AccountQueries {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async byId(candidateId: string): Promise<RegisteredAccount | null> {
    const events = (await this.store.readStream(candidateStream(candidateId))) as unknown as AccountEvent[];
    const state = fold(accountDecider, events);
    return state.status === 'registered' ? state : null;
  }

  /**
   * The full 证件号码 the candidate registered with (null: no such account). Only for what needs it
   * whole, after its caller's access check; never to be logged.
   */
  async idNumberOf(candidateId: string): Promise<string | null> {
    return (await this.byId(candidateId))?.idNumber ?? null;
  }

  async byUsername(username: string): Promise<RegisteredAccount | null> {
    const events = (await this.store.readStream(usernameStream(username))) as unknown as UsernameEvent[];
    const holder = fold(usernameDecider, events).holder;
    return holder.status === 'free' ? null : this.byId(holder.candidateId);
  }

  async loginAccount(username: string): Promise<LoginAccount | null> {
    const account = await this.byUsername(username);
    return account
      ? {
          id: account.candidateId,
          role: 'candidate',
          username: account.username,
          passwordHash: account.passwordHash,
          suspended: account.suspended === true,
        }
      : null;
  }
}
