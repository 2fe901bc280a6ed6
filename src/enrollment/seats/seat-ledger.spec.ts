import { CommandMetrics } from '../../infrastructure/command-handling/command-metrics';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqlite-event-store';
import type { CommandContext } from '../../shared/messages';
import { SeatLedger } from './seat-ledger.service';
import { SiteFullError, type SeatCommand } from './seat.decider';
import { siteStream } from './seat.events';

const context = (id: string): CommandContext => ({
  actor: { id, role: 'candidate' },
  correlationId: `corr-${id}`,
  now: new Date('2027-01-10T08:00:00Z'),
});
const hold = (enrollmentId: string, catalogCapacity = 5): SeatCommand => ({
  type: 'HoldSeat',
  sessionCode: '2027',
  siteCode: '1101',
  enrollmentId,
  holdId: `hold-${enrollmentId}`,
  catalogCapacity,
  siteOpen: true,
});

describe('SeatLedger', () => {
  let store: SqliteEventStore;
  let ledger: SeatLedger;
  let appends: jest.SpyInstance;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:', serializer: new EventSerializer(eventRegistry) });
    appends = jest.spyOn(store, 'append');
    ledger = new SeatLedger(store, new CommandMetrics());
  });
  afterEach(() => store.close());

  it('takes the seats of the candidates waiting on a site in one append, and tells the rest 名额已满', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `e${i}`);
    const outcomes = await Promise.allSettled(ids.map((id) => ledger.execute(hold(id), context(id))));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected'))
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(SiteFullError);
    // The first command is written alone; the eleven that arrived meanwhile share the next append.
    expect(appends).toHaveBeenCalledTimes(2);
    const events = await store.readStream(siteStream('2027', '1101'));
    expect(events).toHaveLength(5);
    // Each event names the command that caused it.
    for (const event of events)
      expect(event.metadata.actor.id).toBe((event.data as { enrollmentId: string }).enrollmentId);
    expect((await ledger.held('2027', '1101')).held).toBe(5);
  });

  it('decides a batch again on the new state when another process took a seat first', async () => {
    const otherProcess = new SeatLedger(store, new CommandMetrics());
    for (const id of ['e1', 'e2', 'e3', 'e4']) await ledger.execute(hold(id), context(id));

    // Both decide on four of five seats held; one append wins, the other meets a wrong expected
    // revision, catches up and is decided again: the site is full by then.
    const outcomes = await Promise.allSettled([
      ledger.execute(hold('mine'), context('mine')),
      otherProcess.execute(hold('theirs'), context('theirs')),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SiteFullError);
    // Four holds, then both first tries: the loser's second decision writes nothing.
    expect(appends).toHaveBeenCalledTimes(4 + 2);
    expect((await otherProcess.held('2027', '1101')).held).toBe(5);
    expect((await ledger.held('2027', '1101')).held).toBe(5);
  });

  it('keeps one seat for an enrollment that asks twice in one batch', async () => {
    await ledger.execute(hold('first'), context('first'));
    const results = await Promise.all([
      ledger.execute(hold('twice'), context('twice')),
      ledger.execute(hold('twice'), context('twice')),
    ]);
    expect(results.map((events) => events.length)).toEqual([1, 0]);
    expect((await ledger.held('2027', '1101')).held).toBe(2);
  });
});
