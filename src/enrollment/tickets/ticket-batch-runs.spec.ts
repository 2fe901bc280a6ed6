import { Logger } from '@nestjs/common';
import type { Principal } from '../../infrastructure/http/principal';
import { EmbeddedReadStore } from '../../infrastructure/read-store/embedded/embedded-read-store';
import type { ReadCollection, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { AppError, DomainError, UnavailableError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import type { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { TicketBatchRuns } from './ticket-batch-runs.service';
import type { TicketBatch, TicketBatchReport, TicketBatchWatch } from './ticket-batch.service';
import { SKIPPED_SHOWN, TICKET_RUNS_COLLECTION, type TicketRunDocument } from './ticket-run';

const AREA_STAFF: Principal = {
  role: 'staff',
  id: 'staff-11',
  username: 'kaowu11',
  scope: { areaCode: '11' },
  sessionId: 's',
};
const context = (): CommandContext => ({
  actor: { id: 'staff-11', role: 'staff' },
  correlationId: 'c',
  now: new Date(),
});
const report = (extra: Partial<TicketBatchReport> = {}): TicketBatchReport => ({
  allocated: 0,
  issued: 0,
  skipped: [],
  lastPosition: null,
  interrupted: false,
  ...extra,
});

type Put = ReadCollection<TicketRunDocument>['put'];

/** The runs around a batch whose work the test decides, over a store whose writes it may hold or refuse. */
function runsOver(
  issue: (watch: TicketBatchWatch) => Promise<TicketBatchReport>,
  put: (write: Put, ...args: Parameters<Put>) => ReturnType<Put> = (write, ...args) => write(...args),
) {
  const store = new EmbeddedReadStore({ file: ':memory:' });
  const logged: string[] = [];
  const warned: string[] = [];
  jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
  jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
  const readStore = {
    collection: async (name: string) => {
      const collection = await store.collection<TicketRunDocument>(name);
      const wrapped = Object.create(collection) as ReadCollection<TicketRunDocument>;
      wrapped.put = (...args) => put((...again) => collection.put(...again), ...args);
      return wrapped;
    },
  } as unknown as ReadStore;
  const batch = { issue: (_s: string, _scope: unknown, _c: CommandContext, watch: TicketBatchWatch) => issue(watch) };
  const readYourWrites = { waitFor: () => Promise.resolve() };
  const runs = new TicketBatchRuns(
    batch as unknown as TicketBatch,
    readYourWrites as unknown as EnrollmentReadYourWrites,
    readStore,
  );
  const stored = async (runId: string) =>
    (await (await store.collection<TicketRunDocument>(TICKET_RUNS_COLLECTION)).get(runId))!.doc;
  return { runs, stored, logged, warned, close: () => store.close() };
}

describe('TicketBatchRuns', () => {
  afterEach(() => jest.restoreAllMocks());

  it('records a refused batch as failed with its code, and a crash as an internal error, logged', async () => {
    const refused = runsOver(() => Promise.reject(new DomainError('SESSION_CLOSED', '考试已结束')));
    const first = await refused.runs.start('2027', AREA_STAFF, context());
    await first.finished;
    expect(await refused.stored(first.run.runId)).toMatchObject({
      status: 'failed',
      phase: 'finished',
      error: { code: 'SESSION_CLOSED', message: '考试已结束' },
    });
    expect(refused.logged).toEqual([]);

    const crashed = runsOver(() => Promise.reject(new Error('disk I/O error')));
    const second = await crashed.runs.start('2027', AREA_STAFF, context());
    await second.finished;
    expect((await crashed.stored(second.run.runId)).error).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(crashed.logged).toEqual([`Ticket batch run ${second.run.runId} failed: disk I/O error`]);

    // A store that cannot be reached is ours (503), yet still the operator's to know of.
    const unreachable = runsOver(() =>
      Promise.reject(new UnavailableError('EVENT_STORE_UNAVAILABLE', '事件存储不可用')),
    );
    const third = await unreachable.runs.start('2027', AREA_STAFF, context());
    await third.finished;
    expect((await unreachable.stored(third.run.runId)).error).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(unreachable.logged).toEqual([`Ticket batch run ${third.run.runId} failed: 事件存储不可用`]);
    await Promise.all([refused.close(), crashed.close(), unreachable.close()]);
  });

  it('stops a run at shutdown through its signal and records it interrupted with what it did', async () => {
    let signal: AbortSignal | undefined;
    const { runs, stored, close } = runsOver(async (watch) => {
      signal = watch.signal;
      watch.onProgress?.({ phase: 'recording', approved: 10, allocated: 10, processed: 3, issued: 3, skipped: [] });
      await new Promise<void>((resolve) => watch.signal?.addEventListener('abort', () => resolve()));
      return report({ allocated: 10, issued: 3, interrupted: true });
    });
    const { run } = await runs.start('2027', AREA_STAFF, context());
    expect((await runs.find(run.runId, AREA_STAFF, new Date()))?.processed).toBe(3);
    await runs.beforeApplicationShutdown();
    expect(signal?.aborted).toBe(true);
    expect(await stored(run.runId)).toMatchObject({
      status: 'interrupted',
      processed: 3,
      issued: 3,
      phase: 'finished',
    });
    await close();
  });

  it('waits at shutdown for a run registering meanwhile, which stops before its work; none starts after', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const abortedAtStart: boolean[] = [];
    const { runs, stored, close } = runsOver(
      async (watch) => {
        abortedAtStart.push(watch.signal?.aborted === true);
        return report({ interrupted: watch.signal?.aborted === true });
      },
      // The run's first write is held until the shutdown has begun.
      async (write, ...args) => {
        if (args[2] === 1n) await held;
        return write(...args);
      },
    );
    const starting = runs.start('2027', AREA_STAFF, context());
    await new Promise((resolve) => setImmediate(resolve));
    let stopped = false;
    const stopping = runs.beforeApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    const { run, started } = await starting;
    await stopping;
    expect(started).toBe(true);
    expect(abortedAtStart).toEqual([true]);
    expect(await stored(run.runId)).toMatchObject({ status: 'interrupted', phase: 'finished' });

    const refused = await runs.start('2027', AREA_STAFF, context()).catch((error: AppError) => error);
    expect(refused).toMatchObject({ code: 'SHUTTING_DOWN', httpStatus: 503 });
    expect(abortedAtStart).toHaveLength(1);
    await close();
  });

  it('writes the outcome again when the store refuses it once, so the run does not read as interrupted', async () => {
    let refusals = 0;
    const { runs, stored, warned, logged, close } = runsOver(
      async (watch) => {
        watch.onProgress?.({ phase: 'recording', approved: 2, allocated: 2, processed: 2, issued: 2, skipped: [] });
        return report({ allocated: 2, issued: 2 });
      },
      async (write, ...args) => {
        if (args[1].status === 'done' && refusals++ === 0) throw new Error('database is locked');
        return write(...args);
      },
    );
    const { run, finished } = await runs.start('2027', AREA_STAFF, context());
    await finished;
    expect(await stored(run.runId)).toMatchObject({ status: 'done', issued: 2 });
    expect(warned).toEqual([`Ticket batch run ${run.runId}: not saved (1/3): database is locked`]);
    expect(logged).toEqual([]);
    await close();
  });

  it('joins its own run still going, whatever the store says, and starts anew once it ended', async () => {
    const waiting: Array<() => void> = [];
    const finish = () => waiting.splice(0).forEach((resolve) => resolve());
    const { runs, close } = runsOver(
      () => new Promise((resolve) => waiting.push(() => resolve(report({ allocated: 1, issued: 1 })))),
    );
    const [first, second] = await Promise.all([
      runs.start('2027', AREA_STAFF, context()),
      runs.start('2027', AREA_STAFF, context()),
    ]);
    expect(first.started).toBe(true);
    expect(second).toMatchObject({ started: false, run: { runId: first.run.runId } });
    // Another scope or session is another run.
    const site = await runs.start('2027', { ...AREA_STAFF, scope: { siteCode: '1101' } }, context());
    expect(site.started).toBe(true);
    finish();
    await Promise.all([first.finished, second.finished, site.finished]);
    const third = await runs.start('2027', AREA_STAFF, context());
    expect(third.started).toBe(true);
    finish();
    await third.finished;
    await close();
  });

  it('keeps the first skipped enrollments to show and counts them all', async () => {
    const skipped = Array.from({ length: SKIPPED_SHOWN + 5 }, (_, n) => ({
      enrollmentId: `2027_${n}`,
      code: 'TICKET_SEQUENCE_EXHAUSTED',
      message: '已用完',
    }));
    const { runs, stored, close } = runsOver(async (watch) => {
      watch.onProgress?.({ phase: 'recording', approved: 205, allocated: 0, processed: 205, issued: 0, skipped });
      return report({ skipped });
    });
    const { run, finished } = await runs.start('2027', AREA_STAFF, context());
    await finished;
    const doc = await stored(run.runId);
    expect(doc.skippedCount).toBe(SKIPPED_SHOWN + 5);
    expect(doc.skipped).toHaveLength(SKIPPED_SHOWN);
    expect(doc.skipped[0].enrollmentId).toBe('2027_0');
    await close();
  });
});
