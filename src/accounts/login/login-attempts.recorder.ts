import { Inject, Injectable } from '@nestjs/common';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { fold } from '../../shared/decider';
import type { CommandContext } from '../../shared/messages';
import {
  AccountLockedError,
  MAX_FAILURES_PER_HOUR,
  loginAttemptsDecider,
  lockedUntil,
  type LoginAttemptCommand,
  type LoginAttemptsState,
} from './login-attempts.decider';
import type { LoginAttemptEvent } from './login-attempts.events';

/**
 * Attempt streams grow with every login, so only the latest events are read (backwards): the
 * lockout rules look at the last hour and at most 100 failures. They are records, not invariants,
 * so they are appended without an expected revision.
 */
@Injectable()
export class LoginAttemptsRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async state(stream: string): Promise<LoginAttemptsState> {
    const latest = await this.store.readStream(stream, {
      direction: 'backwards',
      maxCount: MAX_FAILURES_PER_HOUR + 20,
    });
    return fold(loginAttemptsDecider, latest.reverse() as unknown as LoginAttemptEvent[]);
  }

  /** Records an attempt refused without checking the password, and throws AccountLockedError if locked. */
  async refuseIfLocked(stream: string, state: LoginAttemptsState, context: CommandContext): Promise<void> {
    const until = lockedUntil(state, context.now);
    if (!until) return;
    await this.recordWrongPassword(stream, state, context);
    throw new AccountLockedError(until, context.now);
  }

  /** A wrong password for a known account (or one refused while locked): counted toward the lockout. */
  recordWrongPassword(stream: string, state: LoginAttemptsState, context: CommandContext): Promise<bigint> {
    return this.record(
      stream,
      state,
      {
        type: 'RecordLoginAttempt',
        credentialsValid: false,
        accountKnown: true,
        sessionRef: '',
        ip: context.ip ?? null,
        now: context.now,
      },
      context,
    );
  }

  async record(
    stream: string,
    state: LoginAttemptsState,
    command: LoginAttemptCommand,
    context: CommandContext,
  ): Promise<bigint> {
    const events = loginAttemptsDecider.decide(command, state);
    const result = await this.store.append(stream, toNewEvents(events, context), 'any');
    return result.position;
  }
}
