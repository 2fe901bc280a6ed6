import type { AllStreamResolvedEvent, KurrentDBClient, Position, ReadAllOptions } from '@kurrent/kurrentdb-client';
import { EventRegistry } from '../serialization/event-registry';
import { EventSerializer } from '../serialization/event-serializer';
import { EsdbAllReader } from './esdb-all-reader';
import { encodePosition } from './esdb-position';

/**
 * The paging logic of EsdbAllReader over an in-memory log that reads like $all does (ordered by
 * position, `fromPosition` inclusive, at most `maxCount` per read). What a real server returns is
 * checked by the contract suite against EventStoreDB (test/contract/esdb-event-store.spec.ts).
 */
type Entry = { type: string; streamId: string; position: Position };

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

class LogReads implements Pick<KurrentDBClient, 'readAll'> {
  readonly requests: ReadAllOptions[] = [];
  constructor(private readonly entries: Entry[]) {}

  readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    this.requests.push(options);
    const from = options.fromPosition;
    const backwards = options.direction === 'backwards';
    let selected = this.entries.filter((entry) => {
      if (from === undefined || from === 'start' || from === 'end') return true;
      return backwards ? !before(from, entry.position) : !before(entry.position, from);
    });
    if (backwards) selected = selected.reverse();
    const page = selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return (async function* () {
      for (const entry of page) yield { event: recorded(entry) };
    })();
  }
}

function recorded(entry: Entry): NonNullable<AllStreamResolvedEvent['event']> {
  return {
    ...entry,
    id: `00000000-0000-4000-8000-${entry.position.prepare.toString().padStart(12, '0')}`,
    revision: 0n,
    isJson: true,
    created: new Date('2027-01-01T00:00:00Z'),
    data: { at: Number(entry.position.prepare) },
    metadata: {
      messageId: 'm',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'a', role: 'system' },
      occurredAt: '2027-01-01T00:00:00Z',
      schemaVersion: 1,
    },
  };
}

/** Our events at the listed prepare positions, system events everywhere else from 1 to `length`. */
function log(length: number, ours: number[]): Entry[] {
  return Array.from({ length }, (_, index) => {
    const at = BigInt(index + 1);
    const system = !ours.includes(index + 1);
    return {
      type: system ? '$>' : 'Happened',
      streamId: system ? '$ce-thing' : 'thing-1',
      position: { commit: at * 10n, prepare: at },
    };
  });
}

const serializer = new EventSerializer(new EventRegistry().registerTypes('Happened'));
const positionOf = (at: number) => encodePosition({ commit: BigInt(at) * 10n, prepare: BigInt(at) });
const prepares = (events: Array<{ data: unknown }>) => events.map((event) => (event.data as { at: number }).at);

describe('EsdbAllReader', () => {
  it('returns batches of our events strictly after the position, skipping system events', async () => {
    const reads = new LogReads(log(12, [2, 3, 5, 8, 9, 12]));
    const reader = new EsdbAllReader(reads, serializer);
    expect(prepares(await reader.batch(0n, 3))).toEqual([2, 3, 5]);
    expect(prepares(await reader.batch(positionOf(5), 3))).toEqual([8, 9, 12]);
    expect(prepares(await reader.batch(positionOf(9), 10))).toEqual([12]);
    expect(await reader.batch(positionOf(12), 10)).toEqual([]);
    expect(reads.requests.every((request) => typeof request.maxCount === 'number' && request.maxCount > 0)).toBe(true);
  });

  it('keeps reading past a run of system events longer than a page, so [] only means the end', async () => {
    const reads = new LogReads(log(50, [1, 47]));
    const reader = new EsdbAllReader(reads, serializer);
    const batch = await reader.batch(positionOf(1), 2);
    expect(prepares(batch)).toEqual([47]);
    expect(batch[0].position).toBe(positionOf(47));
    expect(reads.requests.length).toBeGreaterThan(1);
  });

  it('finds the head behind trailing system events, and 0n when the log holds none of ours', async () => {
    expect(await new EsdbAllReader(new LogReads(log(100, [3, 40])), serializer).head()).toBe(positionOf(40));
    expect(await new EsdbAllReader(new LogReads(log(70, [])), serializer).head()).toBe(0n);
    expect(await new EsdbAllReader(new LogReads([]), serializer).head()).toBe(0n);
  });
});
