import type { CandidateRegistered } from '../../accounts/accounts.events';
import { candidateStream } from '../../accounts/accounts.streams';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import type { EventStore } from '../../infrastructure/event-store/event-store.port';
import { EventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqlite-event-store';
import type { CommandContext } from '../../shared/messages';
import { CANDIDATE_STREAM_EVENT_TYPES, type ContactDetailsChanged } from '../../profile/profile.events';
import { CandidateStreamProfiles } from './candidate-stream-profiles';

const context: CommandContext = {
  actor: { id: 'spec', role: 'system' },
  correlationId: 'correlation',
  now: new Date('2026-01-01T00:00:00Z'),
};
const CANDIDATE = 'c-1';
const STREAM = candidateStream(CANDIDATE);

const registered: CandidateRegistered = {
  type: 'CandidateRegistered',
  data: {
    candidateId: CANDIDATE,
    username: 'zhangsan',
    realName: '张三',
    gender: 'M',
    birthDate: '1949-12-31',
    idType: 'resident',
    idNumber: '11010519491231002X',
    identityStream: 'identity-resident-x',
    nationality: 'CN',
    mobile: '13800001111',
    email: 'old@example.com',
    securityQuestion: 'q',
    securityAnswerHash: 'h',
    passwordHash: 'p',
    registeredAt: '2026-01-01T00:00:00Z',
  },
};
const contact = (email: string): ContactDetailsChanged => ({
  type: 'ContactDetailsChanged',
  data: { phone: '13900002222', email, address: '北京', postcode: '100000' },
});

describe('CandidateStreamProfiles', () => {
  let store: SqliteEventStore;
  let rowsRead: number;
  let profiles: CandidateStreamProfiles;

  beforeEach(() => {
    store = new SqliteEventStore({
      file: ':memory:',
      serializer: new EventSerializer(new EventRegistry().registerTypes(...CANDIDATE_STREAM_EVENT_TYPES)),
    });
    rowsRead = 0;
    const counting = Object.assign(Object.create(store) as EventStore, {
      readStream: async (...args: Parameters<EventStore['readStream']>) => {
        const events = await store.readStream(...args);
        rowsRead += events.length;
        return events;
      },
    });
    profiles = new CandidateStreamProfiles(counting);
  });
  afterEach(() => store.close());

  it('finds a candidate registered by another process after an earlier miss', async () => {
    const before = await profiles.get(CANDIDATE);

    await store.append(STREAM, toNewEvents([registered], context), 'no_stream');
    const after = await profiles.get(CANDIDATE);

    expect(before).toBeNull();
    expect(after?.basicInfo).toMatchObject({ fullName: '张三', email: 'old@example.com', phoneMasked: '138****1111' });
  });

  it("shows another writer's change on the next read, reading only that event", async () => {
    await store.append(STREAM, toNewEvents([registered, contact('first@example.com')], context), 'no_stream');
    await profiles.get(CANDIDATE);
    rowsRead = 0;

    await store.append(STREAM, toNewEvents([contact('second@example.com')], context), 1n);
    const profile = await profiles.get(CANDIDATE);

    expect(profile?.basicInfo).toMatchObject({
      email: 'second@example.com',
      phoneMasked: '139****2222',
      address: '北京',
      postcode: '100000', // step 2 copies it, and the printed 报名表 shows it
    });
    expect(rowsRead).toBe(1);
  });

  it('reads nothing when the stream has not moved, and hands out profiles callers may change', async () => {
    await store.append(STREAM, toNewEvents([registered, contact('first@example.com')], context), 'no_stream');
    const first = await profiles.get(CANDIDATE);
    rowsRead = 0;

    if (first) first.basicInfo.email = 'changed by a caller';
    const again = await profiles.get(CANDIDATE);

    expect(rowsRead).toBe(0);
    expect(again?.basicInfo.email).toBe('first@example.com');
  });
});
