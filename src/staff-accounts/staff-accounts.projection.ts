import type { ProjectionDefinition } from '../infrastructure/projections/projection';
import type { StaffAccountCreated } from './staff-accounts.events';

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
}

/** The admin's list of staff, auditor and admin accounts (never the password hash). */
export const staffAccountsProjection: ProjectionDefinition = {
  name: STAFF_ACCOUNTS_PROJECTION,
  collections: [{ name: STAFF_ACCOUNTS_COLLECTION, indexes: [{ fields: [['createdAt', -1]] }] }],
  eventTypes: ['StaffAccountCreated'],
  async apply(event, store) {
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
    };
    await store.collection<StaffAccountRow>(STAFF_ACCOUNTS_COLLECTION).put(data.staffId, row, event.position);
  },
};
