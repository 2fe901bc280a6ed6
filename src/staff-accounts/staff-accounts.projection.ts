import type { ProjectionDefinition } from '../infrastructure/projections/projection';
import type { StaffAccountCreated, StaffAccountDisabled, StaffAccountEnabled } from './staff-accounts.events';

export const STAFF_ACCOUNTS_PROJECTION = 'staff-accounts';
export const STAFF_ACCOUNTS_COLLECTION = 'staffAccounts';

export interface StaffAccountRow extends Record<string, unknown> {
  staffId: string;
  username: string;
  displayName: string;
  role: string;
  areaCode: string | null;
  siteCode: string | null;
  createdBy: string;
  createdAt: string;
  /** Rows written before accounts could be disabled have no status: they are active. */
  status?: 'active' | 'disabled';
  /** The last disable or re-enable decision: its reason, admin and time. */
  statusReason?: string | null;
  statusChangedBy?: string | null;
  statusChangedAt?: string | null;
}

/** The admin's list of staff, auditor and admin accounts (never the password hash). */
export const staffAccountsProjection: ProjectionDefinition = {
  name: STAFF_ACCOUNTS_PROJECTION,
  collections: [{ name: STAFF_ACCOUNTS_COLLECTION, indexes: [{ fields: [['createdAt', -1]] }] }],
  eventTypes: ['StaffAccountCreated', 'StaffAccountDisabled', 'StaffAccountEnabled'],
  async apply(event, store) {
    const rows = store.collection<StaffAccountRow>(STAFF_ACCOUNTS_COLLECTION);
    if (event.type === 'StaffAccountCreated') {
      const data = event.data as StaffAccountCreated['data'];
      const row: StaffAccountRow = {
        staffId: data.staffId,
        username: data.username,
        displayName: data.displayName,
        role: data.role,
        areaCode: data.scope?.areaCode ?? null,
        siteCode: data.scope?.siteCode ?? null,
        createdBy: data.createdBy,
        createdAt: data.createdAt,
        status: 'active',
      };
      await rows.put(data.staffId, row, event.position);
      return;
    }
    const disabled = event.type === 'StaffAccountDisabled';
    const data = event.data as StaffAccountDisabled['data'] | StaffAccountEnabled['data'];
    const current = await rows.get(data.staffId);
    if (!current) return;
    await rows.put(
      data.staffId,
      {
        ...current.doc,
        status: disabled ? 'disabled' : 'active',
        statusReason: data.reason,
        statusChangedBy: data.by.username,
        statusChangedAt: 'disabledAt' in data ? data.disabledAt : data.enabledAt,
      },
      event.position,
    );
  },
};
