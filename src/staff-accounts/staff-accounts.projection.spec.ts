import { memoryCollections } from '../../projections/testing/memory-collections';
import type { RecordedEvent } from '../shared/messages';
import { STAFF_ACCOUNTS_COLLECTION, staffAccountsProjection, type StaffAccountRow } from './staff-accounts.projection';

let position = 0n;
function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  const at = ++position;
  return {
    id: `e${at}`,
    streamId: 'staffAccount-kaowu01',
    type,
    data,
    revision: at - 1n,
    position: at,
    recordedAt: '2026-11-26T03:00:00Z',
    metadata: {
      messageId: 'm',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'root', role: 'admin' },
      occurredAt: '',
      schemaVersion: 1,
    },
  };
}

describe('staff accounts projection', () => {
  it('shows whether an account is in use, with the last decision, and ignores a redelivered event', async () => {
    const store = memoryCollections();
    const row = async () => (await store.collection<StaffAccountRow>(STAFF_ACCOUNTS_COLLECTION).get('kaowu01'))?.doc;
    const by = { id: 'root', username: 'root' };
    const created = recorded('StaffAccountCreated', {
      staffId: 'kaowu01',
      username: 'kaowu01',
      displayName: '王考务',
      role: 'staff',
      scope: { areaCode: '11' },
      passwordHash: 'never shown',
      createdBy: 'root',
      createdAt: '2026-11-26T03:00:00Z',
    });
    await staffAccountsProjection.apply(created, store);
    expect(await row()).toMatchObject({ status: 'active', areaCode: '11' });
    expect(JSON.stringify(await row())).not.toContain('never shown');

    const disabled = recorded('StaffAccountDisabled', {
      staffId: 'kaowu01',
      reason: '已调离考务岗位',
      by,
      disabledAt: '2026-11-26T04:00:00Z',
    });
    await staffAccountsProjection.apply(disabled, store);
    expect(await row()).toMatchObject({
      status: 'disabled',
      statusReason: '已调离考务岗位',
      statusChangedBy: 'root',
      statusChangedAt: '2026-11-26T04:00:00Z',
      displayName: '王考务',
    });

    await staffAccountsProjection.apply(
      recorded('StaffAccountEnabled', {
        staffId: 'kaowu01',
        reason: '重新担任考务工作',
        by,
        enabledAt: '2026-11-26T05:00:00Z',
      }),
      store,
    );
    await staffAccountsProjection.apply(disabled, store);
    expect(await row()).toMatchObject({ status: 'active', statusReason: '重新担任考务工作' });
  });
});
