import { fold } from '../../shared/decider';
import { specFor } from '../decider-spec';
import { LOCKOUT_MS, MAX_FAILURES_PER_HOUR, loginAttemptsDecider, lockedUntil } from './login-attempts.decider';
import type { LoginAttemptEvent } from './login-attempts.events';

const given = specFor(loginAttemptsDecider);
const t0 = new Date('2026-11-26T03:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const failed = (ms: number): LoginAttemptEvent => ({
  type: 'LoginFailed',
  data: { at: at(ms).toISOString(), ip: '1.2.3.4', reason: 'wrongCredentials' },
});
const attempt = (credentialsValid: boolean, now: Date, accountKnown = true) => ({
  type: 'RecordLoginAttempt' as const,
  credentialsValid,
  accountKnown,
  sessionRef: 's1',
  ip: '1.2.3.4',
  now,
});

describe('login attempts decider', () => {
  it('records a success and a failure', () => {
    given([])
      .when(attempt(true, t0))
      .then([{ type: 'LoginSucceeded', data: { at: t0.toISOString(), ip: '1.2.3.4', sessionRef: 's1' } }]);
    given([])
      .when(attempt(false, t0))
      .then([failed(0)]);
    given([])
      .when(attempt(false, t0, false))
      .then([{ type: 'LoginFailed', data: { at: t0.toISOString(), ip: '1.2.3.4', reason: 'unknownAccount' } }]);
  });

  it('locks after five consecutive failures', () => {
    const four = [failed(0), failed(1), failed(2), failed(3)];
    given(four)
      .when(attempt(false, at(4)))
      .then([
        failed(4),
        {
          type: 'LoginLockedOut',
          data: { at: at(4).toISOString(), until: at(4 + LOCKOUT_MS).toISOString(), failures: 5 },
        },
      ]);
  });

  it('refuses even the right password while locked, without extending the lock', () => {
    const lock: LoginAttemptEvent = {
      type: 'LoginLockedOut',
      data: { at: t0.toISOString(), until: at(LOCKOUT_MS).toISOString(), failures: 5 },
    };
    given([lock])
      .when(attempt(true, at(1000)))
      .then([{ type: 'LoginFailed', data: { at: at(1000).toISOString(), ip: '1.2.3.4', reason: 'locked' } }]);
    expect(lockedUntil(fold(loginAttemptsDecider, [lock]), at(1000))).toEqual(at(LOCKOUT_MS));
    expect(lockedUntil(fold(loginAttemptsDecider, [lock]), at(LOCKOUT_MS + 1))).toBeNull();
  });

  it('a success resets the consecutive count', () => {
    const success: LoginAttemptEvent = {
      type: 'LoginSucceeded',
      data: { at: t0.toISOString(), ip: null, sessionRef: 's' },
    };
    given([failed(0), failed(1), failed(2), failed(3), success])
      .when(attempt(false, at(5)))
      .then([failed(5)]);
  });

  it('never allows more than 100 failures an hour', () => {
    const many = Array.from({ length: MAX_FAILURES_PER_HOUR }, (_, i) => failed(i * 1000));
    const state = fold(loginAttemptsDecider, many);
    expect(lockedUntil(state, at(MAX_FAILURES_PER_HOUR * 1000))).toEqual(at(60 * 60 * 1000));
    expect(lockedUntil(state, at(60 * 60 * 1000 + 1001))).toBeNull();
  });

  it("refuses a suspended account's right password without counting it toward the lockout", () => {
    given([])
      .when({ ...attempt(true, t0), accountSuspended: true })
      .then([{ type: 'LoginFailed', data: { at: t0.toISOString(), ip: '1.2.3.4', reason: 'suspended' } }]);
    const suspendedTries = Array.from({ length: 4 }, (_, i): LoginAttemptEvent => ({
      type: 'LoginFailed',
      data: { at: at(i).toISOString(), ip: null, reason: 'suspended' },
    }));
    given([...suspendedTries, failed(5), failed(6), failed(7)])
      .when(attempt(false, at(8)))
      .then([failed(8)]);
  });

  it('records a logout', () => {
    given([])
      .when({ type: 'RecordLogout', sessionRef: 's1', now: t0 })
      .then([{ type: 'LoggedOut', data: { at: t0.toISOString(), sessionRef: 's1' } }]);
  });
});
