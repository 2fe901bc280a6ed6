import { specFor } from '../../accounts/decider-spec';
import type { CandidateRegistered } from '../../accounts/accounts.events';
import { accountDecisionDecider, MAX_CODE_FAILURES } from './account-decision.decider';

const given = specFor(accountDecisionDecider);
const now = new Date('2027-03-02T09:00:00Z');
const later = new Date('2027-03-02T10:00:00Z');
const staff = { id: 'staff-1', username: 'kaowu_bj' };
const registered = { type: 'CandidateRegistered', data: { candidateId: 'c1' } as CandidateRegistered['data'] } as const;
/** 暂停账户 while the case is examined: its dismissal lifts it. */
const suspended = {
  type: 'AccountSuspended',
  data: {
    decisionId: 'd-1',
    reason: '冒用证件',
    staff,
    caseStream: 'identity-x',
    suspendedAt: now.toISOString(),
    liftedByDismissal: true,
  },
} as const;
/** A hand-over's: only the new owner's code ends it. */
const handedOver = {
  type: 'AccountSuspended',
  data: { ...suspended.data, decisionId: 'd-5', reason: '移交本人', liftedByDismissal: false },
} as const;
const issued = {
  type: 'ResetCodeIssued',
  data: {
    decisionId: 'd-1',
    codeId: 'code-1',
    codeHash: 'h-right',
    expiresAt: '2027-03-03T09:00:00.000Z',
    reason: '现场核验',
    staff,
    issuedAt: now.toISOString(),
    handOverId: 'd-1',
  },
} as const;
const redeem = (codeHash: string, at = later) =>
  ({
    type: 'RedeemResetCode',
    codeHash,
    passwordHash: 'argon2-new',
    securityQuestion: '我的第一位老师',
    securityAnswerHash: 'argon2-answer',
    ip: '10.0.0.9',
    now: at,
  }) as const;

describe('account decision decider', () => {
  it('suspends once per decision, and not an account already suspended on terms as firm', () => {
    const command = {
      type: 'SuspendAccount',
      decisionId: 'd-1',
      reason: '冒用证件',
      staff,
      caseStream: 'identity-x',
      liftedByDismissal: true,
      now,
    } as const;
    given([registered]).when(command).then([suspended]);
    given([registered, suspended])
      .when({ ...command, decisionId: 'd-2' })
      .then([]);
    // A hand-over after 暂停 is recorded: a later dismissal must not give the account back.
    const handOver = { ...command, decisionId: 'd-5', reason: '移交本人', liftedByDismissal: false } as const;
    given([registered, suspended]).when(handOver).then([handedOver]);
    given([registered, handedOver])
      .when({ ...command, decisionId: 'd-6' })
      .then([]);
  });

  it('voids a code issued before a suspension: redeemed, it would end the suspension', () => {
    const at = later.toISOString();
    given([registered, issued, suspended])
      .when(redeem('h-right'))
      .then([{ type: 'ResetCodeRefused', data: { at, ip: '10.0.0.9' } }]);
  });

  it('issues a reset code and a notice for the same decision (idempotent per kind)', () => {
    const code = {
      type: 'IssueResetCode',
      decisionId: 'd-1',
      codeId: 'code-1',
      codeHash: 'h-right',
      expiresAt: new Date('2027-03-03T09:00:00Z'),
      reason: '现场核验',
      staff,
      caseStream: 'identity-x',
      handOverId: 'd-1',
      now,
    } as const;
    given([registered, suspended]).when(code).then([issued]);
    given([registered, suspended, issued]).when(code).then([]);
    const notice = { type: 'NotifyCandidate', decisionId: 'd-1', noticeId: 'n-1', message: '提示', now } as const;
    given([registered, suspended, issued])
      .when(notice)
      .then([
        {
          type: 'CandidateNoticeIssued',
          data: { noticeId: 'n-1', decisionId: 'd-1', message: '提示', issuedAt: now.toISOString() },
        },
      ]);
  });

  it('redeems the right code once: new password and 密码查询问题 (the old answer may be known), account reinstated', () => {
    const at = later.toISOString();
    given([registered, suspended, issued])
      .when(redeem('h-right'))
      .then([
        { type: 'ResetCodeRedeemed', data: { codeId: 'code-1', redeemedAt: at, ip: '10.0.0.9' } },
        { type: 'PasswordChanged', data: { passwordHash: 'argon2-new', changedAt: at } },
        {
          type: 'SecurityQuestionChanged',
          data: { securityQuestion: '我的第一位老师', securityAnswerHash: 'argon2-answer', changedAt: at },
        },
        {
          type: 'AccountReinstated',
          data: { decisionId: 'code-1', reason: '凭工作人员发放的一次性重置码重设密码', staff: null, reinstatedAt: at },
        },
      ]);
    const redeemed = { type: 'ResetCodeRedeemed', data: { codeId: 'code-1', redeemedAt: at, ip: null } } as const;
    given([registered, suspended, issued, redeemed])
      .when(redeem('h-right'))
      .then([{ type: 'ResetCodeRefused', data: { at, ip: '10.0.0.9' } }]);
  });

  it('writes nothing for a code used under two minutes before, when asked to recognise a repeat', () => {
    const redeemed = {
      type: 'ResetCodeRedeemed',
      data: { codeId: 'code-1', redeemedAt: later.toISOString(), ip: null },
    } as const;
    const history = [registered, suspended, issued, redeemed] as const;
    const secondSend = (at: Date, codeHash = 'h-right') => ({ ...redeem(codeHash, at), recognizeRepeat: true });
    given([...history])
      .when(secondSend(new Date(later.getTime() + 90_000)))
      .then([]);
    // A send that overlapped the first: its time was taken on arrival, before the first was written.
    given([...history])
      .when(secondSend(new Date(later.getTime() - 400)))
      .then([]);
    // Later, with another code, or sent again to record the refusal (not the same form): counted.
    for (const command of [
      secondSend(new Date(later.getTime() + 3 * 60_000)),
      secondSend(later, 'h-wrong'),
      { ...secondSend(later), recognizeRepeat: false },
    ])
      expect(
        given([...history])
          .when(command)
          .result()
          .map((e) => e.type),
      ).toEqual(['ResetCodeRefused']);
    // Not yet used: the flag does not stand for a redemption.
    expect(given([registered, suspended, issued]).when(secondSend(later)).result()[0].type).toBe('ResetCodeRedeemed');
  });

  it('issues no code for a hand-over once one of its codes was redeemed: the account is the new owner’s', () => {
    const again = {
      type: 'IssueResetCode',
      decisionId: 'd-3',
      codeId: 'code-3',
      codeHash: 'h-3',
      expiresAt: new Date('2027-03-03T10:00:00Z'),
      reason: '来人称未拿到重置码',
      staff,
      caseStream: 'identity-x',
      handOverId: 'd-1',
      now: later,
    } as const;
    expect(
      given([registered, suspended, issued])
        .when(again)
        .result()
        .map((e) => e.type),
    ).toEqual(['ResetCodeIssued']);
    const redeemed = {
      type: 'ResetCodeRedeemed',
      data: { codeId: 'code-1', redeemedAt: later.toISOString(), ip: null },
    } as const;
    given([registered, suspended, issued, redeemed]).when(again).thenThrows('HANDOVER_COMPLETED');
    // A later hand-over of the same case, or a forgotten password's code, is another matter.
    expect(
      given([registered, issued, redeemed])
        .when({ ...again, handOverId: 'd-9' })
        .result(),
    ).toHaveLength(1);
    expect(
      given([registered, issued, redeemed])
        .when({ ...again, caseStream: null, handOverId: null })
        .result(),
    ).toHaveLength(1);
  });

  it('records wrong and expired codes, and voids a code after too many wrong tries', () => {
    const refused = { type: 'ResetCodeRefused', data: { at: later.toISOString(), ip: '10.0.0.9' } } as const;
    given([registered, issued]).when(redeem('h-wrong')).then([refused]);
    expect(
      given([registered, issued])
        .when(redeem('h-right', new Date('2027-03-04T00:00:00Z')))
        .result()[0].type,
    ).toBe('ResetCodeRefused');
    const tries = Array.from({ length: MAX_CODE_FAILURES }, () => refused);
    expect(
      given([registered, issued, ...tries])
        .when(redeem('h-right'))
        .result()[0].type,
    ).toBe('ResetCodeRefused');
  });

  it('refuses a code for a forgotten password while an identity case keeps the account suspended', () => {
    const forgotten = {
      type: 'IssueResetCode',
      decisionId: 'd-2',
      codeId: 'code-2',
      codeHash: 'h-2',
      expiresAt: new Date('2027-03-03T09:00:00Z'),
      reason: '忘记密码',
      staff,
      caseStream: null,
      handOverId: null,
      now,
    } as const;
    given([registered, suspended]).when(forgotten).thenThrows('SUSPENDED_BY_CASE');
    expect(given([registered]).when(forgotten).result()[0].type).toBe('ResetCodeIssued');
  });

  it('lifts only the suspension the dismissing case made, once', () => {
    const reinstate = (caseStream: string) =>
      ({
        type: 'ReinstateAccount',
        decisionId: 'd-3',
        reason: '核实为本人',
        staff,
        caseStream,
        decidedAt: later.toISOString(),
        now: later,
      }) as const;
    const reinstated = {
      type: 'AccountReinstated',
      data: { decisionId: 'd-3', reason: '核实为本人', staff, reinstatedAt: later.toISOString() },
    } as const;
    given([registered, suspended]).when(reinstate('identity-x')).then([reinstated]);
    given([registered, suspended]).when(reinstate('identity-other')).then([]);
    given([registered, suspended, reinstated]).when(reinstate('identity-x')).then([]);
    given([registered]).when(reinstate('identity-x')).then([]);
    // Run again late (a follow-up recovered after a crash), it lifts no suspension decided after it.
    const newer = {
      ...suspended,
      data: { ...suspended.data, decisionId: 'd-4', suspendedAt: '2027-03-02T11:00:00.000Z' },
    };
    given([registered, suspended, reinstated, newer]).when(reinstate('identity-x')).then([]);
  });

  it('does not lift a hand-over’s suspension on a dismissal (a later attempt dismissed before the code is redeemed)', () => {
    const reinstate = {
      type: 'ReinstateAccount',
      decisionId: 'd-3',
      reason: '核实',
      staff,
      caseStream: 'identity-x',
      decidedAt: later.toISOString(),
      now: later,
    } as const;
    given([registered, handedOver]).when(reinstate).then([]);
    given([registered, suspended, handedOver]).when(reinstate).then([]);
    // Written before the terms were recorded: a 暂停 is lifted, as it was then; a hand-over's is not,
    // as its code, issued while the case kept the account suspended, says what it was.
    const { liftedByDismissal: _unknown, ...older } = suspended.data;
    const olderSuspension = { type: 'AccountSuspended', data: older } as const;
    given([registered, olderSuspension])
      .when(reinstate)
      .then([
        {
          type: 'AccountReinstated',
          data: { decisionId: 'd-3', reason: '核实', staff, reinstatedAt: later.toISOString() },
        },
      ]);
    given([registered, olderSuspension, issued]).when(reinstate).then([]);
  });

  it('suspends for a hand-over carried out late only while none of its codes was redeemed', () => {
    const handOverSuspension = {
      type: 'SuspendAccount',
      decisionId: 'd-1',
      reason: '移交本人',
      staff,
      caseStream: 'identity-x',
      liftedByDismissal: false,
      handOverId: 'd-1',
      now: later,
    } as const;
    const redeemed = {
      type: 'ResetCodeRedeemed',
      data: { codeId: 'code-1', redeemedAt: later.toISOString(), ip: null },
    } as const;
    given([registered, issued, redeemed]).when(handOverSuspension).then([]);
    expect(given([registered, issued]).when(handOverSuspension).result()[0].type).toBe('AccountSuspended');
  });

  it('shows pending notices once', () => {
    const notice = {
      type: 'CandidateNoticeIssued',
      data: { noticeId: 'n-1', decisionId: 'd-1', message: '提示', issuedAt: now.toISOString() },
    } as const;
    const shown = {
      type: 'CandidateNoticesShown' as const,
      data: { noticeIds: ['n-1'], shownAt: later.toISOString() },
    };
    given([registered, notice]).when({ type: 'AcknowledgeNotices', now: later }).then([shown]);
    given([registered, notice, shown]).when({ type: 'AcknowledgeNotices', now: later }).then([]);
  });

  it('refuses staff actions on an account that does not exist', () => {
    given([]).when({ type: 'AcknowledgeNotices', now }).thenThrows('ACCOUNT_NOT_FOUND');
  });
});
