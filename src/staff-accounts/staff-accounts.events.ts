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

export type StaffAccountEvent = StaffAccountCreated | StaffPasswordChanged;

export const STAFF_ACCOUNT_EVENT_TYPES = [
  'StaffAccountCreated',
  'StaffPasswordChanged',
] as const satisfies ReadonlyArray<StaffAccountEvent['type']>;
