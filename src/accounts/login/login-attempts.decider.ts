import { assertNever, type Decider } from '../../shared/decider';
import { TooManyRequestsError } from '../../shared/errors';
import type { LoginAttemptEvent } from './login-attempts.events';

/** Consecutive failures that lock the account for LOCKOUT_MS; at most ~20 failures an hour follow. */
export const MAX_CONSECUTIVE_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** ASVS V6.3.1: never more than 100 failed attempts an hour per account. */
export const MAX_FAILURES_PER_HOUR = 100;
const HOUR_MS = 60 * 60 * 1000;

export interface LoginAttemptsState {
  consecutiveFailures: number;
  /** Times of counted failures in the window read (the latest 100 at most). */
  recentFailures: string[];
  lockedUntil: string | null;
}

export type LoginAttemptCommand =
  | {
      type: 'RecordLoginAttempt';
      credentialsValid: boolean;
      accountKnown: boolean;
      /** Suspended by staff (issue 7): the right password still does not sign in. */
      accountSuspended?: boolean;
      sessionRef: string;
      ip: string | null;
      now: Date;
    }
  | { type: 'RecordLogout'; sessionRef: string; now: Date };

export class AccountLockedError extends TooManyRequestsError {
  constructor(until: Date, now: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
    super('ACCOUNT_LOCKED', `密码错误次数过多，账户已暂时锁定，请${minutes}分钟后再试`, Math.ceil(minutes * 60));
  }
}

/** The instant until which attempts are refused without checking the password, or null. */
export function lockedUntil(state: LoginAttemptsState, now: Date): Date | null {
  if (state.lockedUntil && Date.parse(state.lockedUntil) > now.getTime()) return new Date(state.lockedUntil);
  const lastHour = state.recentFailures.filter((at) => now.getTime() - Date.parse(at) < HOUR_MS);
  if (lastHour.length >= MAX_FAILURES_PER_HOUR) return new Date(Date.parse(lastHour[0]) + HOUR_MS);
  return null;
}

function decide(command: LoginAttemptCommand, state: LoginAttemptsState): LoginAttemptEvent[] {
  const at = command.now.toISOString();
  switch (command.type) {
    case 'RecordLoginAttempt': {
      const ip = command.ip;
      if (lockedUntil(state, command.now)) return [{ type: 'LoginFailed', data: { at, ip, reason: 'locked' } }];
      if (command.credentialsValid && command.accountKnown && command.accountSuspended)
        return [{ type: 'LoginFailed', data: { at, ip, reason: 'suspended' } }];
      if (command.credentialsValid && command.accountKnown)
        return [{ type: 'LoginSucceeded', data: { at, ip, sessionRef: command.sessionRef } }];
      const reason = command.accountKnown ? 'wrongCredentials' : 'unknownAccount';
      const failed: LoginAttemptEvent = { type: 'LoginFailed', data: { at, ip, reason } };
      const consecutive = state.consecutiveFailures + 1;
      if (consecutive % MAX_CONSECUTIVE_FAILURES !== 0) return [failed];
      const until = new Date(command.now.getTime() + LOCKOUT_MS).toISOString();
      return [failed, { type: 'LoginLockedOut', data: { at, until, failures: consecutive } }];
    }
    case 'RecordLogout':
      return [{ type: 'LoggedOut', data: { at, sessionRef: command.sessionRef } }];
    default:
      return assertNever(command);
  }
}

function evolve(state: LoginAttemptsState, event: LoginAttemptEvent): LoginAttemptsState {
  switch (event.type) {
    case 'LoginSucceeded':
      return { ...state, consecutiveFailures: 0 };
    case 'LoginFailed':
      // Attempts refused while locked, or with the right password of a suspended account, do not count.
      if (event.data.reason === 'locked' || event.data.reason === 'suspended') return state;
      return {
        ...state,
        consecutiveFailures: state.consecutiveFailures + 1,
        recentFailures: [...state.recentFailures, event.data.at].slice(-MAX_FAILURES_PER_HOUR),
      };
    case 'LoginLockedOut':
      return { ...state, lockedUntil: event.data.until };
    case 'LoggedOut':
      return state;
    default:
      return assertNever(event);
  }
}

/** Throttling and temporary lockout per account (and per unknown username, alike). */
export const loginAttemptsDecider: Decider<LoginAttemptsState, LoginAttemptCommand, LoginAttemptEvent> = {
  initialState: () => ({ consecutiveFailures: 0, recentFailures: [], lockedUntil: null }),
  decide,
  evolve,
};
