import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../../../shared/messages';
import type { ProjectionCollections, ProjectionDefinition } from '../projection';

/** A tiny projection for the runner's tests: running totals of counters. */
export interface CounterView extends Record<string, unknown> {
  id: string;
  total: number;
}

export const COUNTER_EVENT_TYPES = ['CounterIncremented', 'CounterReset', 'SomethingElse'];

export interface CounterProjectionHooks {
  /** Called before each apply; throwing makes the projection fail on that event. */
  beforeApply?: (event: RecordedEvent) => void | Promise<void>;
  applied?: RecordedEvent[];
}

export function counterProjection(name: string, hooks: CounterProjectionHooks = {}): ProjectionDefinition {
  return {
    name,
    collections: [{ name: `${name}_counters`, indexes: [{ fields: [['total', -1]] }] }],
    eventTypes: ['CounterIncremented', 'CounterReset'],
    async apply(event: RecordedEvent, store: ProjectionCollections) {
      await hooks.beforeApply?.(event);
      hooks.applied?.push(event);
      const counters = store.collection<CounterView>(`${name}_counters`);
      const data = event.data as { counterId: string; by?: number };
      if (event.type === 'CounterReset') {
        await counters.delete(data.counterId, event.position);
        return;
      }
      const current = await counters.get(data.counterId);
      const total = (current?.doc.total ?? 0) + (data.by ?? 1);
      await counters.put(data.counterId, { id: data.counterId, total }, event.position);
    },
  };
}

export function counterEvent(type: string, counterId: string, by = 1): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { counterId, by },
    metadata: {
      messageId: randomUUID(),
      correlationId: 'test',
      causationId: 'test',
      actor: { id: 'test', role: 'system' },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}
