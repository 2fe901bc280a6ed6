import { specFor } from '../accounts/decider-spec';
import { staffAccountDecider } from './staff-account.decider';
import type { StaffAccountCreated, StaffAccountEvent } from './staff-accounts.events';

const given = specFor(staffAccountDecider);
const now = new Date('2026-11-26T03:00:00.000Z');
const data = (overrides: Partial<StaffAccountCreated['data']> = {}): StaffAccountCreated['data'] => ({
  staffId: 'kaowu01',
  username: 'kaowu01',
  displayName: '王考务',
  role: 'staff',
  scope: { areaCode: '11' },
  passwordHash: 'h1',
  createdBy: 'admin',
  createdAt: now.toISOString(),
  ...overrides,
});
const created: StaffAccountEvent = { type: 'StaffAccountCreated', data: data() };

describe('staff account decider', () => {
  it('creates a staff account scoped to an area or a site', () => {
    given([]).when({ type: 'CreateStaffAccount', data: data(), ifAbsent: false }).then([created]);
    const site = data({ scope: { siteCode: '110101' } });
    given([])
      .when({ type: 'CreateStaffAccount', data: site, ifAbsent: false })
      .then([{ type: 'StaffAccountCreated', data: site }]);
  });

  it('requires a scope for staff and refuses one for auditors and admins', () => {
    given([])
      .when({ type: 'CreateStaffAccount', data: data({ scope: null }), ifAbsent: false })
      .thenThrows('STAFF_SCOPE_INVALID');
    given([])
      .when({ type: 'CreateStaffAccount', data: data({ scope: {} }), ifAbsent: false })
      .thenThrows('STAFF_SCOPE_INVALID');
    given([])
      .when({ type: 'CreateStaffAccount', data: data({ role: 'auditor', scope: { areaCode: '11' } }), ifAbsent: false })
      .thenThrows('STAFF_SCOPE_INVALID');
    const auditor = data({ role: 'auditor', scope: null });
    given([])
      .when({ type: 'CreateStaffAccount', data: auditor, ifAbsent: false })
      .then([{ type: 'StaffAccountCreated', data: auditor }]);
  });

  it('refuses a taken username, except for the configured first admin which is left alone', () => {
    given([created])
      .when({ type: 'CreateStaffAccount', data: data(), ifAbsent: false })
      .thenThrows('STAFF_USERNAME_TAKEN');
    given([created])
      .when({ type: 'CreateStaffAccount', data: data({ role: 'admin', scope: null }), ifAbsent: true })
      .then([]);
  });

  it('changes the password with the current one only', () => {
    given([created])
      .when({ type: 'ChangeStaffPassword', currentPasswordValid: true, passwordHash: 'h2', now })
      .then([{ type: 'StaffPasswordChanged', data: { passwordHash: 'h2', changedAt: now.toISOString() } }]);
    given([created])
      .when({ type: 'ChangeStaffPassword', currentPasswordValid: false, passwordHash: 'h2', now })
      .thenThrows('WRONG_CURRENT_PASSWORD');
    given([])
      .when({ type: 'ChangeStaffPassword', currentPasswordValid: true, passwordHash: 'h2', now })
      .thenThrows('ACCOUNT_NOT_FOUND');
  });
});
