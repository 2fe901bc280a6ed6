import type { IdentityEvent } from '../../accounts/identity/identity.events';
import { registrationCodeStatus } from './registration-code-status';

const staff = { id: 's1', username: 'kaowu_bj' };
const freed = {
  type: 'IdentityReassigned',
  data: {
    decisionId: 'd1',
    fromCandidateId: 'c1',
    fromUsername: 'fake01',
    mode: 'registerAnew',
    reservation: { codeHash: 'h', expiresAt: '2027-03-04T00:00:00Z' },
    reason: '现场核验',
    staff,
    decidedAt: '2027-03-01T00:00:00Z',
  },
} as IdentityEvent;
const refused = { type: 'RegistrationCodeRefused', data: { at: '2027-03-02T00:00:00Z', ip: null } } as IdentityEvent;
const reissued = {
  type: 'RegistrationCodeReissued',
  data: {
    decisionId: 'd2',
    reservation: { codeHash: 'h2', expiresAt: '2027-03-06T00:00:00Z' },
    reason: '注册码已作废',
    staff,
    decidedAt: '2027-03-03T00:00:00Z',
  },
} as IdentityEvent;
const now = new Date('2027-03-03T00:00:00Z');

describe('registrationCodeStatus', () => {
  it('is valid until its time, counting the wrong codes typed', () => {
    expect(registrationCodeStatus([freed, refused], now)).toMatchObject({ status: 'valid', failures: 1 });
    expect(registrationCodeStatus([freed], new Date('2027-03-04T00:00:00Z'))?.status).toBe('expired');
  });

  it('is void after five wrong codes, until staff issue another', () => {
    const voided = [freed, refused, refused, refused, refused, refused];
    expect(registrationCodeStatus(voided, now)).toMatchObject({ status: 'voided', failures: 5, maxFailures: 5 });
    expect(registrationCodeStatus([...voided, reissued], now)).toMatchObject({ status: 'valid', failures: 0 });
    // Voided and then past its time: the number is free to anyone, which is what staff must read.
    expect(registrationCodeStatus(voided, new Date('2027-03-04T00:00:00Z'))?.status).toBe('expired');
  });

  it('is none when no freed identity waits for its person', () => {
    expect(registrationCodeStatus([], now)).toBeNull();
  });
});
