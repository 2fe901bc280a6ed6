import { randomUUID } from 'node:crypto';
import { eventRegistry } from '../../../src/infrastructure/event-store/serialization/event-registry';
import type { EventMetadata, NewEvent } from '../../../src/shared/messages';

/** Event types the contract suites write; registered in the app's registry so adapters can read them. */
export const CONTRACT_EVENT = 'ContractTestRecorded';
export const CONTRACT_EVENT_NOTED = 'ContractTestNoted';
/** Never registered: stands for an event written by newer or foreign code. */
export const UNREGISTERED_EVENT = 'ContractTestNeverRegistered';

eventRegistry.registerTypes(CONTRACT_EVENT, CONTRACT_EVENT_NOTED);

/** A stream of its own per test, so the suite can run against a shared server that is never reset. */
export function uniqueStream(category = 'contractTest'): string {
  return `${category}-${randomUUID()}`;
}

/** Metadata with every field DESIGN.md lists, plus optional ones, as the app writes them. */
export function contractMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const messageId = randomUUID();
  return {
    messageId,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: `staff-${randomUUID()}`, role: 'staff' },
    occurredAt: '2027-03-01T08:30:15.123Z',
    ip: '198.51.100.23',
    schemaVersion: 1,
    ...overrides,
  };
}

export function contractEvent(data: Record<string, unknown> = {}, type = CONTRACT_EVENT): NewEvent {
  const metadata = contractMetadata();
  return { id: metadata.messageId, type, data, metadata };
}

export function contractEvents(count: number, label = 'event'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => contractEvent({ label, index }));
}
