import { createHmac } from 'node:crypto';
import type { EventMetadata } from '../../../shared/messages';
import { ChainChecker } from './chain-checker';
import { eventHash, GENESIS_HASH } from './event-hash';
import { chainRecordOfRow, type StoredRow } from './sqlite-raw-log';
import { StoredRowCheck } from './stored-row-check';
import { TextHmac } from './text-hmac';

const KEY = 'stored-row-check-key-'.repeat(2);

/** The chain hash by its definition: HMAC of the JSON array, built from the parsed values. */
function referenceHash(
  previous: string,
  stream: string,
  revision: number,
  id: string,
  type: string,
  data: unknown,
  metadata: object,
): string {
  const text = JSON.stringify([previous, stream, String(revision), id, type, data, metadata]);
  return createHmac('sha256', KEY).update(text).digest('base64url');
}

const metadata = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  messageId: 'm-1',
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: { id: '考生-001', role: 'candidate' },
  occurredAt: '2027-03-01T08:30:15.123Z',
  schemaVersion: 1,
  ...extra,
});

/** Events whose stored text is hard to get exactly right without parsing. */
const SAMPLES: Array<{ type: string; data: unknown; metadata: EventMetadata }> = [
  {
    type: 'CandidateRegistered',
    data: { realName: '张三', nationality: '中国', note: '报名 ☃ 𠀀😀' },
    metadata: metadata(),
  },
  {
    type: 'Nested',
    data: { a: { b: { c: [1, { d: '深' }, [], {}] } }, z: null, 'key "quoted"': true, 中文键: ['甲', '乙'] },
    metadata: metadata({ actor: { id: 'x', role: 'staff', name: '李四' } } as Partial<EventMetadata>),
  },
  {
    type: 'Numbers',
    data: {
      big: 1e21,
      tiny: 5e-324,
      max: Number.MAX_VALUE,
      sum: 0.1 + 0.2,
      minusZero: -0,
      negative: -12.5e-7,
      int: 2 ** 53 - 1,
    },
    metadata: metadata({ schemaVersion: 3 }),
  },
  {
    type: 'Escapes',
    data: {
      text: 'quote " back \\ slash / tab \t nl \n cr \r nul \u0000 del \u007f ls \u2028 ps \u2029',
      lone: '\ud800x',
    },
    metadata: metadata({ ip: '2001:db8::1' }),
  },
  { type: '类型"引号"', data: {}, metadata: metadata({ hash: 'overwritten' } as Partial<EventMetadata>) },
  { type: 'NullData', data: null, metadata: metadata({ note: 'a ,"hash":"inside" value' } as Partial<EventMetadata>) },
  { type: 'Long', data: { text: '长'.repeat(40_000) }, metadata: metadata() },
];

/** The stream as the chaining store writes it and SQLite returns it: hash last in the metadata. */
function storedStream(stream: string, firstPosition = 1): StoredRow[] {
  let previous = GENESIS_HASH;
  return SAMPLES.map((sample, revision) => {
    const { hash: _ignored, ...withoutHash } = sample.metadata;
    const id = `事件-${revision}-"${stream}"`;
    const hash = eventHash(KEY, previous, {
      streamId: stream,
      revision: BigInt(revision),
      id,
      type: sample.type,
      data: sample.data as never,
      metadata: withoutHash,
    });
    expect(hash).toBe(referenceHash(previous, stream, revision, id, sample.type, sample.data, withoutHash));
    previous = hash;
    const storedMetadata = JSON.stringify({ ...withoutHash, hash });
    return [firstPosition + revision, stream, revision, id, sample.type, JSON.stringify(sample.data), storedMetadata];
  });
}

describe('StoredRowCheck (the fast path over stored rows)', () => {
  it('gives the same hash as the definition for every sample, advancing the stream as check() would', () => {
    const rows = storedStream('identity-居民-"x"');
    const fast = new StoredRowCheck(KEY, new ChainChecker(KEY));
    const full = new ChainChecker(KEY);
    for (const row of rows) {
      const record = chainRecordOfRow(row);
      expect(full.check(record)).toBeNull();
      expect(fast.verify(row)).toBe(record.storedHash);
    }
  });

  it('passes nothing with one changed byte, and leaves the stream where it was', () => {
    const rows = storedStream('candidate-a');
    const checker = new ChainChecker(KEY);
    const fast = new StoredRowCheck(KEY, checker);
    expect(fast.verify(rows[0])).not.toBeNull();
    const changed = (index: number, value: string): StoredRow => {
      const row = [...rows[1]] as StoredRow;
      expect(value).not.toBe(row[index]);
      row[index] = value;
      return row;
    };
    const data = rows[1][5];
    const meta = rows[1][6];
    for (const tampered of [
      changed(5, data.replace('深', '浅')),
      changed(5, data.replace('null', '0')),
      changed(6, meta.replace('李四', '王五')),
      changed(
        6,
        meta.replace(/.(?="}$)/, (last) => (last === 'A' ? 'B' : 'A')),
      ),
      changed(6, meta.replace(/,"hash":"[^"]*"/, '')),
      changed(3, 'another-id'),
      changed(4, 'OtherType'),
      changed(1, 'candidate-b'),
    ]) {
      expect(fast.verify(tampered)).toBeNull();
      expect(checker.lastRevisionOf('candidate-a')).toBe(0n);
    }
    expect(fast.verify([...rows[2]] as StoredRow)).toBeNull(); // revision 1 is still expected
    expect(fast.verify(rows[1])).not.toBeNull();
  });

  it('leaves rows of other shapes to the full check', () => {
    const [row] = storedStream('candidate-c');
    const fast = new StoredRowCheck(KEY, new ChainChecker(KEY));
    expect(fast.verify([row[0], row[1], 1, row[3], row[4], row[5], row[6]])).toBeNull();
    expect(fast.verify([row[0], row[1], 0, row[3], row[4], Buffer.from(row[5]) as never, row[6]])).toBeNull();
    expect(fast.verify([row[0], row[1], 0, row[3], row[4], row[5], `${row[6]} `])).toBeNull();
    expect(fast.verify(row)).not.toBeNull();
  });
});

describe('TextHmac', () => {
  it('equals createHmac for short, long and multi-byte keys and texts written in pieces', () => {
    for (const key of ['k', 'x'.repeat(64), 'y'.repeat(65), '密钥'.repeat(30)]) {
      const hmac = new TextHmac(key);
      for (const pieces of [[], ['abc'], ['张三', ',', '😀'.repeat(30_000)], ['a'.repeat(70_000), 'b']]) {
        const expected = createHmac('sha256', key).update(pieces.join('')).digest('base64url');
        hmac.begin();
        for (const piece of pieces) hmac.text(piece);
        expect(hmac.digest()).toBe(expected);
      }
    }
  });
});
