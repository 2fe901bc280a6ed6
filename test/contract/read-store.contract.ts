import { randomUUID } from 'node:crypto';
import type {
  Document,
  FindOptions,
  ReadCollection,
  ReadStore,
} from '../../src/infrastructure/read-store/read-store.port';

/**
 * The read-store contract: every adapter passes it (embedded SQLite file, MongoDB).
 * `open` must return a store on the same underlying storage each time it is called (a second
 * call stands for a second app process). Collection and checkpoint names are unique per test,
 * so the suite can run against a shared MongoDB server.
 */
export function testReadStore(name: string, open: () => Promise<ReadStore>): void {
  describe(`ReadStore contract: ${name}`, () => {
    const opened: ReadStore[] = [];
    const openStore = async (): Promise<ReadStore> => {
      const store = await open();
      opened.push(store);
      return store;
    };
    const unique = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('documents and the position guard', () => {
      let people: ReadCollection<Person>;
      beforeEach(async () => {
        people = await (await openStore()).collection<Person>(unique('people'));
      });

      it('puts a document and gets it back with its position', async () => {
        expect(await people.put('p1', { id: 'p1', name: '张三' }, 5n)).toBe(true);
        expect(await people.get('p1')).toEqual({ id: 'p1', position: 5n, doc: { id: 'p1', name: '张三' } });
        expect(await people.get('missing')).toBeNull();
      });

      it('refuses an older or equal position, so a redelivered event is harmless', async () => {
        await people.put('p1', { id: 'p1', name: 'v5' }, 5n);
        expect(await people.put('p1', { id: 'p1', name: 'v3' }, 3n)).toBe(false);
        expect(await people.put('p1', { id: 'p1', name: 'again' }, 5n)).toBe(false);
        expect((await people.get('p1'))?.doc.name).toBe('v5');
        expect(await people.put('p1', { id: 'p1', name: 'v7' }, 7n)).toBe(true);
        expect(await people.get('p1')).toEqual({ id: 'p1', position: 7n, doc: { id: 'p1', name: 'v7' } });
      });

      it('orders positions beyond 2^64 correctly', async () => {
        const big = 2n ** 64n + 5n;
        await people.put('p1', { id: 'p1', name: 'big' }, big);
        expect(await people.put('p1', { id: 'p1', name: 'smaller' }, 2n ** 63n)).toBe(false);
        expect(await people.put('p1', { id: 'p1', name: 'bigger' }, 2n ** 100n)).toBe(true);
        expect((await people.get('p1'))?.position).toBe(2n ** 100n);
      });

      it('compare-and-set: expectedPosition null creates only, a position must match exactly', async () => {
        expect(await people.put('p1', { id: 'p1', name: 'first' }, 1n, { expectedPosition: null })).toBe(true);
        expect(await people.put('p1', { id: 'p1', name: 'second' }, 2n, { expectedPosition: null })).toBe(false);
        expect(await people.put('p1', { id: 'p1', name: 'wrong' }, 3n, { expectedPosition: 2n })).toBe(false);
        expect(await people.put('p1', { id: 'p1', name: 'cas' }, 3n, { expectedPosition: 1n })).toBe(true);
        expect(await people.put('p2', { id: 'p2', name: 'absent' }, 3n, { expectedPosition: 1n })).toBe(false);
        expect(await people.get('p1')).toEqual({ id: 'p1', position: 3n, doc: { id: 'p1', name: 'cas' } });
        expect(await people.get('p2')).toBeNull();
      });

      it('concurrent compare-and-set writers: exactly one wins, also across two stores', async () => {
        const other = await (await openStore()).collection<Person>(people.name);
        const creates = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : people).put('p1', { id: 'p1', name: `c${i}` }, 1n, { expectedPosition: null }),
          ),
        );
        expect(creates.filter(Boolean)).toHaveLength(1);
        const updates = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : people).put('p1', { id: 'p1', name: `u${i}` }, BigInt(2 + i), { expectedPosition: 1n }),
          ),
        );
        expect(updates.filter(Boolean)).toHaveLength(1);
        const winner = updates.indexOf(true);
        expect(await other.get('p1')).toEqual({
          id: 'p1',
          position: BigInt(2 + winner),
          doc: { id: 'p1', name: `u${winner}` },
        });
      });

      it('deletes only with a higher position', async () => {
        await people.put('p1', { id: 'p1', name: 'x' }, 5n);
        expect(await people.delete('p1', 4n)).toBe(false);
        expect(await people.delete('p1', 5n)).toBe(false);
        expect(await people.get('p1')).not.toBeNull();
        expect(await people.delete('p1', 6n)).toBe(true);
        expect(await people.get('p1')).toBeNull();
        expect(await people.delete('p1', 7n)).toBe(false);
      });

      it('gets many by id, skipping the missing ones', async () => {
        await people.put('p1', { id: 'p1', name: 'a' }, 1n);
        await people.put('p2', { id: 'p2', name: 'b' }, 2n);
        await people.put('p3', { id: 'p3', name: 'c' }, 3n);
        const found = await people.getMany(['p3', 'nope', 'p1']);
        expect(found.map((stored) => stored.id).sort()).toEqual(['p1', 'p3']);
        expect(found.find((stored) => stored.id === 'p3')).toEqual({
          id: 'p3',
          position: 3n,
          doc: { id: 'p3', name: 'c' },
        });
        expect(await people.getMany([])).toEqual([]);
      });
    });

    describe('queries', () => {
      let candidates: ReadCollection<Document>;
      const ids = async (options: FindOptions) => (await candidates.find(options)).map((doc) => doc.id);
      const matching = async (filter: FindOptions['filter']) => (await ids({ filter })).sort();

      beforeEach(async () => {
        candidates = await (await openStore()).collection(unique('candidates'));
        let position = 10n;
        for (const doc of SAMPLE) await candidates.put(doc.id as string, doc, position++);
      });

      it('matches equality, also on dotted paths, by JSON type', async () => {
        expect(await matching({ city: 'Beijing' })).toEqual(['a', 'c']);
        expect(await matching({ 'contact.phone': '139' })).toEqual(['b']);
        expect(await matching({ age: 25 })).toEqual(['b', 'd']);
        expect(await matching({ age: '25' })).toEqual(['e']);
        expect(await matching({ active: true })).toEqual(['a', 'c', 'e']);
        expect(await matching({ active: false })).toEqual(['b', 'd']);
        expect(await matching({ tags: ['x', 'y'] })).toEqual(['a']);
        expect(await matching({ city: 'Beijing', active: true })).toEqual(['a', 'c']);
        expect(await matching({})).toEqual(['a', 'b', 'c', 'd', 'e']);
      });

      it('treats null as "null or missing"', async () => {
        expect(await matching({ 'contact.email': null })).toEqual(['b', 'c', 'e']);
        expect(await matching({ 'contact.email': { $ne: null } })).toEqual(['a', 'd']);
      });

      it('supports $eq $ne $in $nin', async () => {
        expect(await matching({ age: { $eq: 25 } })).toEqual(['b', 'd']);
        expect(await matching({ city: { $ne: 'Beijing' } })).toEqual(['b', 'd', 'e']);
        expect(await matching({ city: { $in: ['Shanghai', 'Guangzhou'] } })).toEqual(['b', 'd']);
        expect(await matching({ age: { $in: [30, 40] } })).toEqual(['a', 'c']);
        expect(await matching({ city: { $in: [] } })).toEqual([]);
        expect(await matching({ city: { $nin: ['Beijing', '北京'] } })).toEqual(['b', 'd']);
        expect(await matching({ score: { $nin: [70] } })).toEqual(['a', 'c', 'd', 'e']);
      });

      it('supports $gt $gte $lt $lte on numbers and strings, never across types', async () => {
        expect(await matching({ age: { $gt: 25 } })).toEqual(['a', 'c']);
        expect(await matching({ age: { $gte: 25 } })).toEqual(['a', 'b', 'c', 'd']);
        expect(await matching({ age: { $lt: 30 } })).toEqual(['b', 'd']);
        expect(await matching({ age: { $lte: 30 } })).toEqual(['a', 'b', 'd']);
        expect(await matching({ age: { $gte: 25, $lt: 40 } })).toEqual(['a', 'b', 'd']);
        expect(await matching({ score: { $gt: 88 } })).toEqual(['a', 'd']);
        expect(await matching({ name: { $gte: 'Wang', $lt: 'Zz' } })).toEqual(['a', 'c', 'd']);
        expect(await matching({ submittedAt: { $gte: '2027-01-02' } })).toEqual(['b', 'c']);
      });

      it('supports $exists', async () => {
        expect(await matching({ nickname: { $exists: true } })).toEqual(['c']);
        expect(await matching({ score: { $exists: false } })).toEqual(['c', 'e']);
        expect(await matching({ 'contact.email': { $exists: true } })).toEqual(['a', 'c', 'd']);
      });

      it('supports $regex, case-insensitive with $options i', async () => {
        expect(await matching({ name: { $regex: '^zh', $options: 'i' } })).toEqual(['a', 'd']);
        expect(await matching({ name: { $regex: '^zh' } })).toEqual([]);
        expect(await matching({ name: { $regex: 'Wu$' } })).toEqual(['c']);
        expect(await matching({ 'contact.email': { $regex: '@X\\.CN$', $options: 'i' } })).toEqual(['a', 'd']);
      });

      it('combines with $and and $or, nested', async () => {
        expect(await matching({ $and: [{ city: 'Beijing' }, { age: { $gt: 35 } }] })).toEqual(['c']);
        expect(await matching({ $or: [{ city: 'Shanghai' }, { 'contact.phone': '136' }] })).toEqual(['b', 'd']);
        const nested = {
          $or: [{ $and: [{ city: 'Beijing' }, { active: true }] }, { age: 25 }],
          name: { $ne: 'Zhao Liu' },
        };
        expect(await matching(nested)).toEqual(['a', 'b', 'c']);
      });

      it('refuses operators outside the subset', async () => {
        await expect(candidates.find({ filter: { age: { $where: 'true' } } })).rejects.toThrow(/\$where/);
        await expect(candidates.find({ filter: { $nor: [{ age: 25 }] } })).rejects.toThrow(/\$nor/);
        await expect(candidates.count({ tags: { $elemMatch: { $eq: 'x' } } })).rejects.toThrow(/\$elemMatch/);
      });

      it('sorts on several fields', async () => {
        expect(
          await ids({
            sort: [
              ['city', 1],
              ['age', -1],
            ],
          }),
        ).toEqual(['c', 'a', 'd', 'b', 'e']);
        expect(
          await ids({
            filter: { age: { $gte: 0 } },
            sort: [
              ['age', 1],
              ['id', -1],
            ],
          }),
        ).toEqual(['d', 'b', 'a', 'c']);
        expect(await ids({ sort: [['submittedAt', -1]], limit: 2 })).toEqual(['c', 'b']);
        // Ties are broken by id, ascending, whatever the direction of the sort.
        expect(await ids({ sort: [['active', -1]] })).toEqual(['a', 'c', 'e', 'b', 'd']);
        expect(await ids({ sort: [['active', 1]], skip: 1, limit: 3 })).toEqual(['d', 'a', 'c']);
      });

      it('pages with skip and limit', async () => {
        expect(await ids({ sort: [['id', 1]], skip: 1, limit: 2 })).toEqual(['b', 'c']);
        expect(await ids({ sort: [['id', 1]], skip: 4, limit: 10 })).toEqual(['e']);
        expect(await ids({ sort: [['id', 1]], limit: 3 })).toEqual(['a', 'b', 'c']);
        expect(await ids({ sort: [['id', 1]], skip: 3 })).toEqual(['d', 'e']);
        expect(await ids({ sort: [['id', 1]], skip: 9 })).toEqual([]);
      });

      it('counts, with and without a filter', async () => {
        expect(await candidates.count()).toBe(5);
        expect(await candidates.count({ active: true })).toBe(3);
        expect(await candidates.count({ city: { $in: ['Nowhere'] } })).toBe(0);
      });
    });

    describe('indexes', () => {
      it('declaring the same indexes twice is harmless', async () => {
        const store = await openStore();
        const name = unique('indexed');
        const indexes = [
          {
            fields: [
              ['city', 1],
              ['age', -1],
            ] as Array<[string, 1 | -1]>,
          },
          { fields: [['id', 1]] as Array<[string, 1 | -1]>, unique: true },
        ];
        const first = await store.collection<Document>(name, indexes);
        await first.put('a', SAMPLE[0], 1n);
        const second = await store.collection<Document>(name, indexes);
        expect(await second.find({ filter: { city: 'Beijing' } })).toEqual([SAMPLE[0]]);
        await (await openStore()).collection(name, indexes);
      });

      it('a unique index refuses a second document with the same key', async () => {
        const accounts = await (
          await openStore()
        ).collection<Document>(unique('accounts'), [{ fields: [['username', 1]], unique: true }]);
        await accounts.put('u1', { username: 'zhangsan' }, 1n);
        await expect(accounts.put('u2', { username: 'zhangsan' }, 2n)).rejects.toThrow(/duplicate/i);
        expect(await accounts.put('u1', { username: 'zhangsan', renamed: false }, 3n)).toBe(true);
        expect(await accounts.count({ username: 'zhangsan' })).toBe(1);
      });
    });

    describe('checkpoints', () => {
      it('start empty, move forward only, and reset', async () => {
        const store = await openStore();
        const projection = unique('projection');
        expect(await store.getCheckpoint(projection)).toBeNull();
        expect(await store.saveCheckpoint(projection, 10n)).toBe(true);
        expect(await store.saveCheckpoint(projection, 5n)).toBe(false);
        expect(await store.getCheckpoint(projection)).toBe(10n);
        expect(await store.saveCheckpoint(projection, 2n ** 64n)).toBe(true);
        expect(await store.saveCheckpoint(projection, 2n ** 63n)).toBe(false);
        expect(await (await openStore()).getCheckpoint(projection)).toBe(2n ** 64n);
        await store.resetCheckpoint(projection);
        expect(await store.getCheckpoint(projection)).toBeNull();
        expect(await store.saveCheckpoint(projection, 3n)).toBe(true);
        expect(await store.getCheckpoint(projection)).toBe(3n);
      });

      it('are kept per projection', async () => {
        const store = await openStore();
        const [one, two] = [unique('one'), unique('two')];
        await store.saveCheckpoint(one, 7n);
        expect(await store.getCheckpoint(two)).toBeNull();
        await store.resetCheckpoint(two);
        expect(await store.getCheckpoint(one)).toBe(7n);
      });
    });

    describe('dropCollections', () => {
      it('empties the named collections only, which stay usable', async () => {
        const store = await openStore();
        const [dropped, kept] = [
          await store.collection<Document>(unique('dropped')),
          await store.collection<Document>(unique('kept')),
        ];
        await dropped.put('x', { v: 1 }, 5n);
        await kept.put('y', { v: 2 }, 5n);
        await store.dropCollections([dropped.name, unique('never_created')]);
        expect(await dropped.count()).toBe(0);
        expect(await dropped.get('x')).toBeNull();
        expect(await kept.get('y')).toEqual({ id: 'y', position: 5n, doc: { v: 2 } });
        expect(await dropped.put('x', { v: 3 }, 1n)).toBe(true);
        expect(await dropped.get('x')).toEqual({ id: 'x', position: 1n, doc: { v: 3 } });
      });
    });
  });
}

interface Person extends Document {
  id: string;
  name: string;
}

/** Mixed types on purpose: age '25' is a string, some fields are null or missing. */
const SAMPLE: Document[] = [
  {
    id: 'a',
    name: 'Zhang San',
    age: 30,
    city: 'Beijing',
    active: true,
    tags: ['x', 'y'],
    score: 88.5,
    submittedAt: '2027-01-01T08:00:00Z',
    contact: { phone: '138', email: 'a@x.cn' },
  },
  {
    id: 'b',
    name: 'li si',
    age: 25,
    city: 'Shanghai',
    active: false,
    score: 70,
    submittedAt: '2027-01-02T09:30:00Z',
    contact: { phone: '139' },
  },
  {
    id: 'c',
    name: 'Wang Wu',
    age: 40,
    city: 'Beijing',
    active: true,
    nickname: null,
    submittedAt: '2027-01-03T10:00:00Z',
    contact: { phone: '137', email: null },
  },
  {
    id: 'd',
    name: 'Zhao Liu',
    age: 25,
    city: 'Guangzhou',
    active: false,
    score: 95,
    contact: { phone: '136', email: 'd@x.cn' },
  },
  { id: 'e', name: '考生', age: '25', city: '北京', active: true, contact: {} },
];
