import { specFor } from '../decider-spec';
import { RESERVATION_TIMEOUT_MS } from '../reservation';
import { usernameDecider } from './username.decider';
import { normalizeUsername, type UsernameEvent } from './username.events';

const given = specFor(usernameDecider);
const now = new Date('2026-11-26T03:00:00.000Z');
const later = new Date(now.getTime() + RESERVATION_TIMEOUT_MS + 1);
const reserved: UsernameEvent = {
  type: 'UsernameReserved',
  data: { username: 'ZhangSan', candidateId: 'c1', identityStream: 'identity-x', reservedAt: now.toISOString() },
};
const reserve = (candidateId: string, at: Date, holderAbandoned = false) => ({
  type: 'ReserveUsername' as const,
  username: 'zhangsan',
  candidateId,
  identityStream: 'identity-y',
  realName: '李四',
  ip: '10.0.0.2',
  holderAbandoned,
  now: at,
});

describe('username reservation decider', () => {
  it('reserves a free name', () => {
    given([])
      .when({ ...reserve('c1', now), username: 'ZhangSan', identityStream: 'identity-x' })
      .then([reserved]);
  });

  it('is idempotent for the same registration', () => {
    given([reserved]).when(reserve('c1', now)).then([]);
  });

  it('records a refusal when another registration holds the name', () => {
    given([reserved])
      .when(reserve('c2', now))
      .then([
        {
          type: 'UsernameRequestRefused',
          data: { usernameTyped: 'zhangsan', realName: '李四', attemptedAt: now.toISOString(), ip: '10.0.0.2' },
        },
      ]);
  });

  it('takes over a stale reservation whose candidate never appeared', () => {
    const events = given([reserved])
      .when(reserve('c2', later, true))
      .result();
    expect(events.map((e) => e.type)).toEqual(['UsernameReservationExpired', 'UsernameReserved']);
  });

  it('does not take over a stale reservation whose candidate exists, nor a fresh one', () => {
    expect(
      given([reserved])
        .when(reserve('c2', later, false))
        .result()[0].type,
    ).toBe('UsernameRequestRefused');
    expect(
      given([reserved])
        .when(reserve('c2', now, true))
        .result()[0].type,
    ).toBe('UsernameRequestRefused');
  });

  it('never takes over a confirmed name', () => {
    const confirmed: UsernameEvent = { type: 'UsernameConfirmed', data: { candidateId: 'c1' } };
    expect(
      given([reserved, confirmed])
        .when(reserve('c2', later, true))
        .result()[0].type,
    ).toBe('UsernameRequestRefused');
  });

  it('confirms its own reservation, idempotently, and refuses to confirm another', () => {
    const confirmed: UsernameEvent = { type: 'UsernameConfirmed', data: { candidateId: 'c1' } };
    given([reserved]).when({ type: 'ConfirmUsername', candidateId: 'c1' }).then([confirmed]);
    given([reserved, confirmed]).when({ type: 'ConfirmUsername', candidateId: 'c1' }).then([]);
    given([reserved]).when({ type: 'ConfirmUsername', candidateId: 'c2' }).thenThrows('USERNAME_TAKEN');
  });

  it('releases a pending reservation of the failed registration only', () => {
    const released: UsernameEvent = { type: 'UsernameReleased', data: { candidateId: 'c1', reason: 'identity' } };
    given([reserved]).when({ type: 'ReleaseUsername', candidateId: 'c1', reason: 'identity' }).then([released]);
    given([reserved]).when({ type: 'ReleaseUsername', candidateId: 'c2', reason: 'identity' }).then([]);
    expect(given([reserved, released]).when(reserve('c2', now)).result()[0].type).toBe('UsernameReserved');
  });

  it('compares names case-insensitively', () => {
    expect(normalizeUsername(' ZhangSan ')).toBe(normalizeUsername('zhangsan'));
  });
});
