import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/shared/messages';

export const BENCH_EVENT_TYPE = 'BenchContactDetailsChanged';

const PROVINCES = ['北京', '上海', '广东', '四川'];

/**
 * A realistic event of about 370 bytes (data + metadata JSON): a candidate's contact details,
 * with the metadata every event carries (actor, correlation, causation, time, ip, schema).
 */
export function benchEvent(sequence: number, correlationId = randomUUID()): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: BENCH_EVENT_TYPE,
    data: {
      phone: `138${String(sequence % 1e8).padStart(8, '0')}`,
      email: `c${sequence}@example.cn`,
      province: PROVINCES[sequence % PROVINCES.length],
    },
    metadata: {
      messageId: id,
      correlationId,
      causationId: correlationId,
      actor: { id: randomUUID(), role: 'candidate' },
      occurredAt: new Date(1_790_000_000_000 + sequence * 1000).toISOString(),
      ip: '203.0.113.27',
      schemaVersion: 1,
    },
  };
}

export function benchBatch(size: number, firstSequence: number): NewEvent[] {
  const correlationId = randomUUID();
  return Array.from({ length: size }, (_, index) => benchEvent(firstSequence + index, correlationId));
}

/** Bytes of data + metadata as stored (UTF-8 JSON). */
export function storedSize(event: NewEvent): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
}
