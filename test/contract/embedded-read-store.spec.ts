import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedCollection } from '../../src/infrastructure/read-store/embedded/embedded-collection';
import { EmbeddedReadStore } from '../../src/infrastructure/read-store/embedded/embedded-read-store';
import type { Document } from '../../src/infrastructure/read-store/read-store.port';
import { testReadStore } from './read-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'read-store-contract-'));
const file = join(dir, 'read-models.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

testReadStore('embedded SQLite file', async () => new EmbeddedReadStore({ file }));

describe('EmbeddedReadStore specifics', () => {
  const stores: EmbeddedReadStore[] = [];
  const open = (path = file) => {
    const store = new EmbeddedReadStore({ file: path });
    stores.push(store);
    return store;
  };
  afterEach(async () => Promise.all(stores.splice(0).map((store) => store.close())));

  it('uses the declared expression indexes for filters and sorts', async () => {
    const enrollments = (await open(':memory:').collection<Document>('enrollments', [
      {
        fields: [
          ['session', 1],
          ['submittedAt', -1],
        ],
      },
      { fields: [['candidate.idNumber', 1]] },
    ])) as EmbeddedCollection<Document>;
    for (let i = 0; i < 200; i++) {
      const doc = { session: `s${i % 4}`, submittedAt: `2027-01-${i}`, candidate: { idNumber: `${i}` } };
      await enrollments.put(`e${i}`, doc, BigInt(i + 1));
    }
    const paged = enrollments.explain({ filter: { session: 's1' }, sort: [['submittedAt', -1]], limit: 20 });
    expect(paged.join('\n')).toMatch(/USING INDEX ix_enrollments_\w+ \(<expr>=\?\)/);
    // Only ties are sorted apart (by id): the index gives the order, LIMIT stops the scan early.
    expect(paged.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    const byId = enrollments.explain({ filter: { 'candidate.idNumber': { $in: ['3', '4'] } } });
    expect(byId.join('\n')).toMatch(/USING INDEX/);
    const unindexed = enrollments.explain({ filter: { status: 'submitted' } });
    expect(unindexed.join('\n')).toMatch(/SCAN rm_enrollments/);
  });

  it('keeps documents and checkpoints across a restart', async () => {
    const path = join(dir, 'restart.sqlite');
    const first = open(path);
    await (await first.collection<Document>('views')).put('v1', { title: '报名表' }, 42n);
    await first.saveCheckpoint('views', 42n);
    await first.close();
    const second = open(path);
    expect(await (await second.collection<Document>('views')).get('v1')).toEqual({
      id: 'v1',
      position: 42n,
      doc: { title: '报名表' },
    });
    expect(await second.getCheckpoint('views')).toBe(42n);
  });

  it('opens a collection again without a transaction: a read does not wait for a batch in progress', async () => {
    const store = open(':memory:');
    const views = await store.collection<Document>('views');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batch = store.batch(async (scope) => {
      await scope.collection(views).put('a', { n: 1 }, 1n);
      await held;
    });
    let reopened = false;
    const again = store.collection<Document>('views').then((collection) => {
      reopened = true;
      return collection;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reopened).toBe(true);
    expect(await again).toBe(views);
    // An index not created yet still is, once the batch has committed.
    const indexed = store.collection<Document>('views', [{ fields: [['n', 1]] }]);
    release();
    await batch;
    const plan = ((await indexed) as EmbeddedCollection<Document>).explain({ filter: { n: 1 } });
    expect(plan.join('\n')).toMatch(/USING INDEX/);
  });

  it('refuses reserved field names, unsafe paths and collection names', async () => {
    const store = open(':memory:');
    const views = await store.collection<Document>('views');
    await expect(views.put('v1', { _id: 'x' }, 1n)).rejects.toThrow(/reserved/);
    await expect(views.find({ filter: { "a') OR 1=1 --": 1 } })).rejects.toThrow(/not a valid path/);
    await expect(views.find({ sort: [['x y', 1]] })).rejects.toThrow(/not a valid path/);
    await expect(store.collection('bad"name')).rejects.toThrow(/collection name/);
    await expect(views.put('v1', { ok: true }, -1n)).rejects.toThrow(/non-negative/);
    expect(await views.count()).toBe(0);
  });

  describe('batch', () => {
    it('commits the writes of its work together, visible to other connections only then', async () => {
      const [store, other] = [open(), open()];
      const views = await store.collection<Document>('batch_views');
      const seen = await other.collection<Document>('batch_views');
      await store.batch(async (scope) => {
        await scope.collection(views).put('b1', { n: 1 }, 1n);
        await scope.saveCheckpoint('batch_projection', 1n);
        expect(await views.get('b1')).not.toBeNull();
        expect(await seen.get('b1')).toBeNull();
        expect(await other.getCheckpoint('batch_projection')).toBeNull();
      });
      expect(await seen.get('b1')).toEqual({ id: 'b1', position: 1n, doc: { n: 1 } });
      expect(await other.getCheckpoint('batch_projection')).toBe(1n);
    });

    it('leaves none of its writes when the work throws', async () => {
      const store = open(':memory:');
      const views = await store.collection<Document>('views');
      const failing = store.batch(async (scope) => {
        const inBatch = scope.collection(views);
        await inBatch.put('x', { n: 1 }, 1n);
        await inBatch.put('y', { n: 2 }, 2n);
        expect(await inBatch.count()).toBe(2);
        await scope.saveCheckpoint('p', 2n);
        throw new Error('projection failed');
      });
      await expect(failing).rejects.toThrow('projection failed');
      expect(await views.count()).toBe(0);
      expect(await store.getCheckpoint('p')).toBeNull();
    });

    it('makes writes from outside wait, so they are neither swept into it nor rolled back with it', async () => {
      const store = open(':memory:');
      const views = await store.collection<Document>('views');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const order: string[] = [];
      const batch = store.batch(async (scope) => {
        await scope.collection(views).put('inside', { n: 1 }, 1n);
        await held;
        order.push('batch work done');
        throw new Error('rolled back');
      });
      const outside = views.put('outside', { n: 2 }, 2n).then((written) => {
        order.push('outside written');
        return written;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(order).toEqual([]);
      release();
      await expect(batch).rejects.toThrow('rolled back');
      expect(await outside).toBe(true);
      expect(order).toEqual(['batch work done', 'outside written']);
      expect(await views.get('inside')).toBeNull();
      expect(await views.get('outside')).toEqual({ id: 'outside', position: 2n, doc: { n: 2 } });
    });

    it('refuses a collection of another store', async () => {
      const [store, other] = [open(':memory:'), open(':memory:')];
      const foreign = await other.collection<Document>('views');
      await expect(store.batch(async (scope) => scope.collection(foreign).put('a', { n: 1 }, 1n))).rejects.toThrow(
        TypeError,
      );
      expect(await foreign.count()).toBe(0);
    });
  });
});
