import { randomUUID } from 'node:crypto';
import { MongoClient, MongoNetworkError, MongoServerError } from 'mongodb';
import { MongoReadStore, mongoIndex } from '../../src/infrastructure/read-store/mongo/mongo-read-store';
import { isDuplicateId, mapMongoError } from '../../src/infrastructure/read-store/mongo/mongo-errors';
import { fromStoredPosition, toStoredPosition } from '../../src/infrastructure/read-store/mongo/mongo-position';
import { jsonDocument, toStored } from '../../src/infrastructure/read-store/mongo/mongo-read-collection';
import { checkedPaging, toMongoFilter, toMongoSort } from '../../src/infrastructure/read-store/mongo/mongo-query';
import { testReadStore } from './read-store.contract';

/**
 * The MongoDB read store. The shared contract runs only against a real server, named by
 * READ_STORE=mongodb://… (e.g. `docker compose up -d mongo`); there is no fake server here.
 * The pure parts of the adapter (position encoding, the query subset, error and document
 * mapping) are tested below on every run.
 */
const serverUri = /^mongodb(\+srv)?:\/\//.test(process.env.READ_STORE ?? '') ? process.env.READ_STORE : undefined;

if (serverUri) {
  // A database of its own per run, dropped afterwards; collection names are unique per test anyway.
  const database = `yikao_contract_${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const client = await new MongoClient(serverUri).connect();
    await client.db(database).dropDatabase();
    await client.close();
  });
  testReadStore('MongoDB', () => MongoReadStore.connect(serverUri, database));
} else {
  console.warn(
    'MongoDB read-store contract NOT run: READ_STORE is not a mongodb:// URI. ' +
      'Run it with READ_STORE=mongodb://localhost:27017 (see docs/production.md). Only the adapter unit tests ran.',
  );
}

describe('MongoReadStore adapter parts (no server needed)', () => {
  describe('stored positions', () => {
    it('are 40-digit strings whose string order is the numeric order, also beyond 2^64', () => {
      const positions = [
        0n,
        1n,
        9n,
        10n,
        2n ** 63n,
        2n ** 64n - 1n,
        2n ** 64n,
        2n ** 64n + 5n,
        2n ** 100n,
        2n ** 128n - 1n,
      ];
      const stored = positions.map(toStoredPosition);
      expect(stored.every((text) => /^[0-9]{40}$/.test(text))).toBe(true);
      const shuffled = [...stored].reverse().sort();
      expect(shuffled.map(fromStoredPosition)).toEqual(positions);
      for (let i = 1; i < stored.length; i++) expect(stored[i - 1] < stored[i]).toBe(true);
    });

    it('refuse negative or oversized positions and anything but 40 digits when read', () => {
      expect(() => toStoredPosition(-1n)).toThrow(/non-negative/);
      expect(() => toStoredPosition(10n ** 40n)).toThrow(/40 digits/);
      expect(() => fromStoredPosition('12')).toThrow(TypeError);
      expect(() => fromStoredPosition(12)).toThrow(TypeError);
    });
  });

  describe('the query subset', () => {
    it("passes the port's operators through unchanged", () => {
      const filter = {
        city: 'Beijing',
        'contact.email': null,
        age: { $gte: 25, $lt: 40 },
        score: { $nin: [70] },
        name: { $regex: '^zh', $options: 'i' },
        nickname: { $exists: true },
        $or: [{ active: true }, { tags: ['x', 'y'] }, { status: { $in: ['a', 'b'] } }, { x: { $ne: 1, $eq: 2 } }],
        $and: [{ 'education.0.school': '北京大学' }],
      };
      expect(toMongoFilter(filter)).toEqual(filter);
      expect(toMongoFilter(undefined)).toEqual({});
      expect(toMongoFilter({ gone: undefined })).toEqual({ gone: null });
    });

    it.each([
      [{ age: { $where: 'true' } }, /\$where/],
      [{ $nor: [{ age: 25 }] }, /\$nor/],
      [{ tags: { $elemMatch: { $eq: 'x' } } }, /\$elemMatch/],
      [{ $where: 'this.a' }, /\$where/],
      [{ $or: [] }, /non-empty array/],
      [{ age: { $gt: 1, plain: 2 } }, /mixes operators/],
      [{ name: { $options: 'i' } }, /needs \$regex/],
      [{ name: { $regex: 'a', $options: 'x' } }, /flags i, m and s/],
      [{ name: { $regex: '(' } }, /not a valid pattern/],
      [{ age: { $in: 25 } }, /needs an array/],
      [{ age: { $exists: 1 } }, /true or false/],
      [{ age: { $gt: null } }, /string or a finite number/],
      [{ at: new Date() }, /Date/],
      [{ _pos: '1' }, /not a valid path/],
      [{ 'a..b': 1 }, /not a valid path/],
      [{ '0.a': 1 }, /not a valid path/],
    ])('refuses %j', (filter, message) => {
      expect(() => toMongoFilter(filter as Record<string, unknown>)).toThrow(message);
    });

    it('sorts by the given fields, then by _id so pages are stable', () => {
      expect(
        toMongoSort([
          ['submittedAt', -1],
          ['id', 1],
        ]),
      ).toEqual([
        ['submittedAt', -1],
        ['id', 1],
        ['_id', 1],
      ]);
      expect(toMongoSort(undefined)).toEqual([['_id', 1]]);
      expect(() => toMongoSort([['x', 0 as 1]])).toThrow(/1 or -1/);
      expect(() => toMongoSort([['x y', 1]])).toThrow(/not a valid path/);
    });

    it('pages with non-negative integers; 0 means "none" for the driver', () => {
      expect(checkedPaging('limit', undefined)).toBe(0);
      expect(checkedPaging('skip', 3)).toBe(3);
      expect(() => checkedPaging('skip', -1)).toThrow(/non-negative/);
      expect(() => checkedPaging('limit', 1.5)).toThrow(/non-negative/);
    });
  });

  describe('indexes', () => {
    it('keep the declared field order; unique ones cover only documents that have every field', () => {
      expect(
        mongoIndex('c', {
          fields: [
            ['session', 1],
            ['submittedAt', -1],
          ],
        }),
      ).toEqual({
        key: [
          ['session', 1],
          ['submittedAt', -1],
        ],
        options: {},
      });
      expect(
        mongoIndex('c', {
          fields: [
            ['exam', 1],
            ['ticketNumber', 1],
          ],
          unique: true,
        }),
      ).toEqual({
        key: [
          ['exam', 1],
          ['ticketNumber', 1],
        ],
        options: {
          unique: true,
          partialFilterExpression: { exam: { $exists: true }, ticketNumber: { $exists: true } },
        },
      });
    });

    it('refuse empty specs, bad orders and invalid paths', () => {
      expect(() => mongoIndex('c', { fields: [] })).toThrow(/at least one field/);
      expect(() => mongoIndex('c', { fields: [['a', 2 as 1]] })).toThrow(/1 or -1/);
      expect(() => mongoIndex('c', { fields: [['_pos', 1]] })).toThrow(/not a valid path/);
    });
  });

  describe('documents', () => {
    it('are stored as JSON would carry them, with _id and _pos stripped on the way out', () => {
      const doc = jsonDocument({
        name: '张三',
        at: new Date('2027-01-01T00:00:00Z'),
        gone: undefined,
        n: [1, { a: null }],
      });
      expect(doc).toEqual({ name: '张三', at: '2027-01-01T00:00:00.000Z', n: [1, { a: null }] });
      expect('gone' in doc).toBe(false);
      expect(toStored({ _id: 'p1', _pos: toStoredPosition(2n ** 70n), name: 'x' })).toEqual({
        id: 'p1',
        position: 2n ** 70n,
        doc: { name: 'x' },
      });
    });

    it('refuse reserved fields and values JSON cannot hold', () => {
      expect(() => jsonDocument({ _id: 'x' })).toThrow(/reserved/);
      expect(() => jsonDocument({ big: 1n })).toThrow(TypeError);
      expect(() => jsonDocument([] as unknown as Record<string, unknown>)).toThrow(/plain object/);
    });
  });

  describe('errors', () => {
    const duplicate = (extra: Record<string, unknown>) =>
      new MongoServerError({ message: 'E11000 duplicate key error', code: 11000, ...extra });

    it('reads a duplicate _id as "the guard refused" and any other duplicate key as a violation', () => {
      expect(isDuplicateId(duplicate({ keyPattern: { _id: 1 }, keyValue: { _id: 'p1' } }))).toBe(true);
      expect(isDuplicateId(duplicate({ keyPattern: { username: 1 }, keyValue: { username: 'zs' } }))).toBe(false);
      const described = new MongoServerError({
        message: 'E11000 duplicate key error collection: yikao.rm_people index: _id_ dup key: { _id: "p1" }',
        code: 11000,
      });
      expect(isDuplicateId(described)).toBe(true);
      expect(isDuplicateId(new MongoServerError({ message: 'other', code: 2 }))).toBe(false);
      expect(isDuplicateId(new Error('E11000 index: _id_ '))).toBe(false);
    });

    it('turns connection failures into READ_STORE_UNAVAILABLE (503) and passes others through', () => {
      const network = new MongoNetworkError('connection refused');
      expect(mapMongoError(network)).toMatchObject({ code: 'READ_STORE_UNAVAILABLE', httpStatus: 503, cause: network });
      const other = new Error('bug');
      expect(mapMongoError(other)).toBe(other);
    });

    it('fails to connect to an unreachable server with READ_STORE_UNAVAILABLE', async () => {
      const connecting = MongoReadStore.connect('mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300', 'x');
      await expect(connecting).rejects.toMatchObject({ code: 'READ_STORE_UNAVAILABLE' });
    });
  });
});
