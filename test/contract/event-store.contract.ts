import type { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { appendCases } from './support/event-store/append.cases';
import { concurrencyCases } from './support/event-store/concurrency.cases';
import type { ContractContext, EventStoreContractHooks } from './support/event-store/contract-context';
import { corruptCases } from './support/event-store/corrupt.cases';
import { readCases } from './support/event-store/read.cases';
import { subscriptionCases } from './support/event-store/subscription.cases';
import './support/contract-events';

export type { EventStoreContractHooks } from './support/event-store/contract-context';

/**
 * The EventStore contract, run by every adapter's spec (emmett's testEventStore). It also runs
 * against a shared server that is never reset: each test writes to streams of its own and reads
 * the global log from the head position it found, ignoring other writers' events.
 */
export function testEventStore(name: string, open: () => Promise<EventStore>, hooks: EventStoreContractHooks = {}) {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore | undefined;
    const context: ContractContext = {
      store: () => {
        if (!store) throw new Error('The store did not open');
        return store;
      },
      hooks,
    };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('append', () => appendCases(context));
    describe('read', () => readCases(context));
    describe('concurrent appenders', () => concurrencyCases(context));
    describe('subscribeToAll', () => subscriptionCases(context));
    describe('unreadable events', () => corruptCases(context));
  });
}
