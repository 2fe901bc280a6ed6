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
const adminCreated: StaffAccountEvent = {
  type: 'StaffAccountCreated',
  data: data({ staffId: 'root', username: 'root', role: 'admin', scope: null }),
};
const admin = { id: 'root', username: 'root' };
const otherAdmin = { id: 'admin2', username: 'admin2' };
const disable = (overrides: Partial<{ reason: string; by: typeof admin; otherActiveAdmins: number }> = {}) =>
  ({
    type: 'DisableStaffAccount',
    reason: '已调离考务岗位',
    by: admin,
    otherActiveAdmins: 1,
    now,
    ...overrides,
  }) as const;
const enable = (reason = '重新担任考务工作') => ({ type: 'EnableStaffAccount', reason, by: admin, now }) as const;
const disabled: StaffAccountEvent = {
  type: 'StaffAccountDisabled',
  data: { staffId: 'kaowu01', reason: '已调离考务岗位', by: admin, disabledAt: now.toISOString() },
};

describe('staff account decider', () => {
  it('creates a staff account scoped to an area or a site', () => {
    given([]).when({ type: 'CreateStaffAccount', data: data(), ifAbsent: false }).then([created]);
    const site = data({ scope: { siteCode: '110101' } });
    given([])
      .when({ type: 'CreateStaffAccount', data: site, ifAbsent: false })
      .then([{ type: 'StaffAccountCreated', data: site }]);
  });

  it('refuses an area or a site that no scheduled session’s catalog has', () => {
    const catalogPlaces = { areaCodes: ['11', '12'], siteCodes: ['1101', '1201'] };
    const creating = (scope: object) => ({
      type: 'CreateStaffAccount' as const,
      data: data({ scope }),
      ifAbsent: false,
      catalogPlaces,
    });
    given([])
      .when(creating({ siteCode: '9999' }))
      .thenThrows('STAFF_SCOPE_INVALID');
    given([])
      .when(creating({ areaCode: '99' }))
      .thenThrows('STAFF_SCOPE_INVALID');
    given([])
      .when(creating({ areaCode: '11', siteCode: '1199' }))
      .thenThrows('STAFF_SCOPE_INVALID');
    given([])
      .when(creating({ siteCode: '1201' }))
      .then([{ type: 'StaffAccountCreated', data: data({ scope: { siteCode: '1201' } }) }]);
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
    given([])
      .when({
        type: 'CreateStaffAccount',
        data: data({ scope: { areaCode: '12', siteCode: '1101' } }),
        ifAbsent: false,
      })
      .thenThrows('STAFF_SCOPE_INVALID'); // a site outside the area named with it
    const siteInItsArea = data({ scope: { areaCode: '11', siteCode: '1101' } });
    given([])
      .when({ type: 'CreateStaffAccount', data: siteInItsArea, ifAbsent: false })
      .then([{ type: 'StaffAccountCreated', data: siteInItsArea }]);
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

  it('disables an account with a reason, once', () => {
    given([created]).when(disable()).then([disabled]);
    given([created, disabled]).when(disable()).then([]);
    given([created])
      .when(disable({ reason: '  已调离考务岗位 ' }))
      .then([disabled]);
  });

  it('refuses to disable without a reason (4 to 200 characters) or an account that does not exist', () => {
    given([created])
      .when(disable({ reason: '  ' }))
      .thenThrows('REASON_REQUIRED');
    given([created])
      .when(disable({ reason: '调离' }))
      .thenThrows('REASON_REQUIRED');
    given([created])
      .when(disable({ reason: '长'.repeat(201) }))
      .thenThrows('REASON_TOO_LONG');
    given([]).when(disable()).thenThrows('ACCOUNT_NOT_FOUND');
    given([]).when(enable()).thenThrows('ACCOUNT_NOT_FOUND');
  });

  it('never lets an admin disable themselves', () => {
    given([adminCreated])
      .when(disable({ by: admin, otherActiveAdmins: 3 }))
      .thenThrows('CANNOT_DISABLE_SELF');
  });

  it('never disables the last active admin', () => {
    given([adminCreated])
      .when(disable({ by: otherAdmin, otherActiveAdmins: 0 }))
      .thenThrows('LAST_ACTIVE_ADMIN');
    given([adminCreated])
      .when(disable({ by: otherAdmin, otherActiveAdmins: 1 }))
      .then([
        {
          type: 'StaffAccountDisabled',
          data: { staffId: 'root', reason: '已调离考务岗位', by: otherAdmin, disabledAt: now.toISOString() },
        },
      ]);
    // Staff and auditors are not counted against the admins.
    given([created])
      .when(disable({ otherActiveAdmins: 0 }))
      .then([disabled]);
  });

  it('re-enables a disabled account with a reason; an active one is left as it is', () => {
    const enabled: StaffAccountEvent = {
      type: 'StaffAccountEnabled',
      data: { staffId: 'kaowu01', reason: '重新担任考务工作', by: admin, enabledAt: now.toISOString() },
    };
    given([created, disabled]).when(enable()).then([enabled]);
    given([created, disabled, enabled]).when(enable()).then([]);
    given([created]).when(enable()).then([]);
    given([created, disabled]).when(enable('')).thenThrows('REASON_REQUIRED');
    given([created, disabled, enabled]).when(disable()).then([disabled]);
  });

  it('refuses a password change on a disabled account', () => {
    given([created, disabled])
      .when({ type: 'ChangeStaffPassword', currentPasswordValid: true, passwordHash: 'h2', now })
      .thenThrows('ACCOUNT_DISABLED');
  });
});
