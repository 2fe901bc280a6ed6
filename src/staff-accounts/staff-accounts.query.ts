import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../infrastructure/read-store/read-store.port';
import { STAFF_ACCOUNTS_COLLECTION, type StaffAccountRow } from './staff-accounts.projection';

@Injectable()
export class StaffAccountsQuery {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async list(limit = 500): Promise<StaffAccountRow[]> {
    const collection = await this.readStore.collection<StaffAccountRow>(STAFF_ACCOUNTS_COLLECTION);
    return collection.find({ sort: [['createdAt', -1]], limit });
  }

  async admins(): Promise<StaffAccountRow[]> {
    const collection = await this.readStore.collection<StaffAccountRow>(STAFF_ACCOUNTS_COLLECTION);
    return collection.find({ filter: { role: 'admin' }, limit: 1000 });
  }
}
