import { WrongExpectedRevisionError } from '../../../../src/infrastructure/event-store/event-store.errors';
import type { ExpectedRevision } from '../../../../src/infrastructure/event-store/event-store.port';
import { contractEvent, uniqueStream } from '../contract-events';
import type { ContractContext } from './contract-context';

const APPENDERS = 20;
const ATTEMPTS = 10;

export function concurrencyCases({ store }: ContractContext): void {
  it(`lets exactly one of ${APPENDERS} concurrent appenders win each revision of a stream`, async () => {
    const stream = uniqueStream();
    const winners = new Map<bigint, string>();
    const losers: string[] = [];
    const appender = async (worker: number) => {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const [last] = await store().readStream(stream, { direction: 'backwards', maxCount: 1 });
        const expected: ExpectedRevision = last === undefined ? 'no_stream' : last.revision;
        const event = contractEvent({ worker, attempt });
        try {
          const result = await store().append(stream, [event], expected);
          expect(winners.has(result.nextRevision)).toBe(false);
          winners.set(result.nextRevision, event.id);
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          losers.push(event.id);
        }
      }
    };
    await Promise.all(Array.from({ length: APPENDERS }, (_, worker) => appender(worker)));

    expect(winners.size + losers.length).toBe(APPENDERS * ATTEMPTS);
    expect(losers.length).toBeGreaterThan(0);
    const stored = await store().readStream(stream);
    expect(stored.map((event) => event.revision)).toEqual(stored.map((_, index) => BigInt(index)));
    expect(stored.map((event) => [event.revision, event.id])).toEqual([...winners.entries()].sort(byRevision));
    const storedIds = new Set(stored.map((event) => event.id));
    expect(losers.filter((id) => storedIds.has(id))).toEqual([]);
  }, 30_000);
}

const byRevision = (a: [bigint, string], b: [bigint, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
