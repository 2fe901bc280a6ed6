import type { RecordedEvent } from '../../shared/messages';
import { EventBatches } from './event-batches';

const event = (position: number) => ({ position: BigInt(position) }) as RecordedEvent;
const positions = (batch: RecordedEvent[]) => batch.map((e) => Number(e.position));

async function* buffered(count: number) {
  for (let i = 1; i <= count; i++) yield event(i);
}

async function* live(gapsMs: number[]) {
  for (let i = 0; i < gapsMs.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, gapsMs[i]));
    yield event(i + 1);
  }
}

describe('EventBatches', () => {
  it('takes the events already at hand together, up to the maximum size', async () => {
    const batches = new EventBatches(buffered(5), 2);
    expect(positions(await batches.next())).toEqual([1, 2]);
    expect(positions(await batches.next())).toEqual([3, 4]);
    expect(positions(await batches.next())).toEqual([5]);
    expect(await batches.next()).toEqual([]);
    expect(await batches.next()).toEqual([]);
  });

  it('hands over a live event at once instead of waiting for the next one', async () => {
    const batches = new EventBatches(live([0, 200]), 10);
    const started = Date.now();
    expect(positions(await batches.next())).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(150);
    expect(positions(await batches.next())).toEqual([2]);
    expect(await batches.next()).toEqual([]);
  });

  it('closes a batch after maxGatherMs even while events keep arriving', async () => {
    async function* trickling() {
      for (let i = 1; i <= 50; i++) {
        const until = performance.now() + 1; // busy producer: each event costs 1 ms of this turn
        while (performance.now() < until);
        yield event(i);
      }
    }
    const batches = new EventBatches(trickling(), 500, 10);
    const sizes: number[] = [];
    for (let batch = await batches.next(); batch.length > 0; batch = await batches.next()) sizes.push(batch.length);
    // All 50 arrive within one turn: without the time cap they would form a single batch.
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(50);
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThan(25);
  });

  it('hands over the events received before a failure, then passes the failure on', async () => {
    async function* failing() {
      yield event(1);
      throw new Error('corrupt event at position 2');
    }
    const batches = new EventBatches(failing(), 10);
    expect(positions(await batches.next())).toEqual([1]);
    await expect(batches.next()).rejects.toThrow('corrupt event at position 2');
  });
});
