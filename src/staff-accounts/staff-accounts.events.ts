import type { StaffScope } from '../infrastructure/http/principal';
import type { DomainEvent } from '../shared/messages';

export type StaffRole = 'staff' | 'auditor' | 'admin';

/** Events of `staffAccount-<normalized username>`: accounts separate from candidates. */
export type StaffAccountCreated = DomainEvent<
  'StaffAccountCreated',
  {
    staffId: string;
    username: string;
    displayName: string;
    role: StaffRole;
    /** Staff act within an exam area or one site; auditors and admins have no scope. */
    scope: StaffScope | null;
    passwordHash: string;
    /** The admin who created it, or 'configuration' for the first admin. */
    createdBy: string;
    createdAt: string;
  }
>;
export type StaffPasswordChanged = DomainEvent<'StaffPasswordChanged', { passwordHash: string; changedAt: string }>;

/** The admin behind a disable or re-enable decision. */
export interface AdminRef {
  id: string;
  username: string;
}
/** An admin took the account out of use: it cannot sign in and its sessions are ended. */
export type StaffAccountDisabled = DomainEvent<
  'StaffAccountDisabled',
  { staffId: string; reason: string; by: AdminRef; disabledAt: string }
>;
export type StaffAccountEnabled = DomainEvent<
  'StaffAccountEnabled',
  { staffId: string; reason: string; by: AdminRef; enabledAt: string }
>;

export type StaffAccountEvent = StaffAccountCreated | StaffPasswordChanged | StaffAccountDisabled | StaffAccountEnabled;

export const STAFF_ACCOUNT_EVENT_TYPES = [
  'StaffAccountCreated',
  'StaffPasswordChanged',
  'StaffAccountDisabled',
  'StaffAccountEnabled',
] as const satisfies ReadonlyArray<StaffAccountEvent['type']>;
