import { specFor } from '../decider-spec';
import { RESERVATION_TIMEOUT_MS } from '../reservation';
import {
  IdentityAlreadyRegisteredError,
  identityDecider,
  maskUsername,
  MAX_REGISTRATION_CODE_FAILURES,
} from './identity.decider';
import type { IdentityEvent } from './identity.events';

const given = specFor(identityDecider);
const now = new Date('2026-11-26T03:00:00.000Z');

/** Staff freed the identity (registerAnew), with the 注册码 that keeps it for the person checked. */
const freed = (reservation?: { codeHash: string; expiresAt: string }): IdentityEvent => ({
  type: 'IdentityReassigned',
  data: {
    decisionId: 'd-1',
    fromCandidateId: 'c1',
    fromUsername: 'zhangsan01',
    mode: 'registerAnew',
    ...(reservation ? { reservation } : {}),
    reason: '现场核验',
    staff: { id: 's1', username: 'kaowu' },
    decidedAt: now.toISOString(),
  },
});
const later = new Date(now.getTime() + RESERVATION_TIMEOUT_MS + 1);
const claimed: IdentityEvent = {
  type: 'IdentityClaimed',
  data: { candidateId: 'c1', username: 'zhangsan01', realName: '张三', claimedAt: now.toISOString() },
};
const confirmed: IdentityEvent = { type: 'IdentityClaimConfirmed', data: { candidateId: 'c1' } };
const claim = (candidateId: string, at: Date, holderAbandoned = false, reservationCodeHash: string | null = null) => ({
  type: 'ClaimIdentity' as const,
  candidateId,
  username: 'lisi2000',
  realName: '李四',
  ip: '10.0.0.9',
  holderAbandoned,
  reservationCodeHash,
  now: at,
});

describe('identity claim decider', () => {
  it('claims a free identity, idempotently', () => {
    const events = given([]).when(claim('c2', now)).result();
    expect(events).toEqual([
      {
        type: 'IdentityClaimed',
        data: { candidateId: 'c2', username: 'lisi2000', realName: '李四', claimedAt: now.toISOString() },
      },
    ]);
    given([claimed]).when(claim('c1', now)).then([]);
  });

  it('records a duplicate attempt with when, IP, the name and username typed', () => {
    given([claimed, confirmed])
      .when(claim('c2', now))
      .then([
        {
          type: 'DuplicateRegistrationAttempted',
          data: {
            attemptedAt: now.toISOString(),
            ip: '10.0.0.9',
            realNameTyped: '李四',
            usernameTyped: 'lisi2000',
            holderCandidateId: 'c1',
            holderUsername: 'zhangsan01',
          },
        },
      ]);
  });

  it('takes over only a stale, abandoned, unconfirmed claim', () => {
    expect(
      given([claimed])
        .when(claim('c2', later, true))
        .result()
        .map((e) => e.type),
    ).toEqual(['IdentityClaimExpired', 'IdentityClaimed']);
    expect(
      given([claimed, confirmed])
        .when(claim('c2', later, true))
        .result()[0].type,
    ).toBe('DuplicateRegistrationAttempted');
    expect(
      given([claimed])
        .when(claim('c2', later, false))
        .result()[0].type,
    ).toBe('DuplicateRegistrationAttempted');
  });

  it('keeps an identity staff freed (registerAnew) for the person given the 注册码, until it expires', () => {
    const reserved = freed({ codeHash: 'h-code', expiresAt: '2026-11-29T03:00:00.000Z' });
    given([claimed, confirmed, reserved]).when(claim('c2', now)).thenThrows('IDENTITY_RESERVED');
    // A wrong code is recorded (the handler reports it as IDENTITY_RESERVED), so tries are counted.
    given([claimed, confirmed, reserved])
      .when(claim('c2', now, false, 'h-wrong'))
      .then([{ type: 'RegistrationCodeRefused', data: { at: now.toISOString(), ip: '10.0.0.9' } }]);
    expect(
      given([claimed, confirmed, reserved])
        .when(claim('c2', now, false, 'h-code'))
        .result()[0].type,
    ).toBe('IdentityClaimed');
    const expired = new Date('2026-11-29T03:00:00.000Z');
    expect(given([claimed, confirmed, reserved]).when(claim('c2', expired)).result()[0].type).toBe('IdentityClaimed');
    // A freeing decided before reservations existed leaves it free to claim.
    expect(given([claimed, confirmed, freed()]).when(claim('c2', now)).result()[0].type).toBe('IdentityClaimed');
    // The code is used up by a registration completed with it, not by one that stopped half way.
    const reclaimed: IdentityEvent = { ...claimed, data: { ...claimed.data, candidateId: 'c2' } };
    const released: IdentityEvent = { type: 'IdentityClaimReleased', data: { candidateId: 'c2', reason: 'x' } };
    given([claimed, confirmed, reserved, reclaimed, released]).when(claim('c3', now)).thenThrows('IDENTITY_RESERVED');
    given([claimed, confirmed, reserved, reclaimed])
      .when(claim('c3', later, true))
      .thenThrows('IDENTITY_RESERVED');
    const completed: IdentityEvent = { type: 'IdentityClaimConfirmed', data: { candidateId: 'c2' } };
    expect(
      given([claimed, confirmed, reserved, reclaimed, completed, freed()]).when(claim('c3', now)).result()[0].type,
    ).toBe('IdentityClaimed');
  });

  it('takes only the 注册码 staff issued last: the one before it stops working, the new expiry counts', () => {
    const reserved = freed({ codeHash: 'h-lost', expiresAt: '2026-11-29T03:00:00.000Z' });
    const reissued: IdentityEvent = {
      type: 'RegistrationCodeReissued',
      data: {
        decisionId: 'd-2',
        reservation: { codeHash: 'h-new', expiresAt: '2026-11-30T03:00:00.000Z' },
        reason: '首次发放的注册码未交到本人',
        staff: { id: 's1', username: 'kaowu' },
        decidedAt: now.toISOString(),
      },
    };
    const history = [claimed, confirmed, reserved, reissued];
    given(history)
      .when(claim('c2', now, false, 'h-lost'))
      .then([{ type: 'RegistrationCodeRefused', data: { at: now.toISOString(), ip: '10.0.0.9' } }]);
    expect(
      given(history)
        .when(claim('c2', now, false, 'h-new'))
        .result()[0].type,
    ).toBe('IdentityClaimed');
    const afterFirstExpiry = new Date('2026-11-29T12:00:00.000Z');
    given(history).when(claim('c2', afterFirstExpiry)).thenThrows('IDENTITY_RESERVED');
  });

  it('voids a 注册码 after too many wrong ones, even against the right one, until staff issue another', () => {
    const reserved = freed({ codeHash: 'h-code', expiresAt: '2026-11-29T03:00:00.000Z' });
    const wrong: IdentityEvent = { type: 'RegistrationCodeRefused', data: { at: now.toISOString(), ip: '10.0.0.9' } };
    const check = (codeHash: string | null) =>
      ({ type: 'CheckRegistrationCode', reservationCodeHash: codeHash, ip: '10.0.0.9', now }) as const;
    const almost = [
      claimed,
      confirmed,
      reserved,
      ...Array.from({ length: MAX_REGISTRATION_CODE_FAILURES - 1 }, () => wrong),
    ];
    given(almost).when(check('h-code')).then([]);
    given(almost).when(check('h-wrong')).then([wrong]);
    // Typing none is no guess: refused, not counted.
    given(almost).when(check(null)).thenThrows('IDENTITY_RESERVED');
    const voided = [...almost, wrong];
    given(voided).when(check('h-code')).thenThrows('REGISTRATION_CODE_VOIDED');
    given(voided)
      .when(claim('c2', now, false, 'h-code'))
      .thenThrows('REGISTRATION_CODE_VOIDED');
    // Staff issue another: its tries count from zero; an expired reservation frees the identity as before.
    const reissued: IdentityEvent = {
      type: 'RegistrationCodeReissued',
      data: {
        decisionId: 'd-2',
        reservation: { codeHash: 'h-new', expiresAt: '2026-11-30T03:00:00.000Z' },
        reason: '注册码输错作废，重新发放',
        staff: { id: 's1', username: 'kaowu' },
        decidedAt: now.toISOString(),
      },
    };
    expect(
      given([...voided, reissued])
        .when(claim('c2', now, false, 'h-new'))
        .result()[0].type,
    ).toBe('IdentityClaimed');
    const expired = new Date('2026-11-29T03:00:00.000Z');
    expect(given(voided).when(claim('c2', expired)).result()[0].type).toBe('IdentityClaimed');
  });

  it('confirms and releases only its own claim', () => {
    given([claimed]).when({ type: 'ConfirmIdentityClaim', candidateId: 'c1' }).then([confirmed]);
    given([claimed, confirmed]).when({ type: 'ConfirmIdentityClaim', candidateId: 'c1' }).then([]);
    given([claimed, confirmed])
      .when({ type: 'ConfirmIdentityClaim', candidateId: 'c2' })
      .thenThrows('IDENTITY_ALREADY_REGISTERED');
    given([claimed])
      .when({ type: 'ReleaseIdentityClaim', candidateId: 'c1', reason: 'username taken' })
      .then([{ type: 'IdentityClaimReleased', data: { candidateId: 'c1', reason: 'username taken' } }]);
    given([claimed, confirmed]).when({ type: 'ReleaseIdentityClaim', candidateId: 'c1', reason: 'x' }).then([]);
  });

  it("gives the guide's exact message with the username masked", () => {
    expect(maskUsername('zhangsan01')).toBe('z****1');
    expect(new IdentityAlreadyRegisteredError(maskUsername('zhangsan01')).message).toBe(
      '已经以用户名z****1在网站上完成了注册，请勿重复注册用户信息。(若用户名z****1非您本人注册，请您在资格审核期间，携本人身份证明和相关报名材料到资格审核现场处理。)',
    );
  });
});
