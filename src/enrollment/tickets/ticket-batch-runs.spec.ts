import { Logger } from '@nestjs/common';
import type { Principal } from '../../infrastructure/http/principal';
import { EmbeddedReadStore } from '../../infrastructure/read-store/embedded/embedded-read-store';
import { DomainError } from '../../shared/errors';
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

/** The runs around a batch whose work the test decides. */
function runsOver(issue: (watch: TicketBatchWatch) => Promise<TicketBatchReport>) {
  const store = new EmbeddedReadStore({ file: ':memory:' });
  const logged: string[] = [];
  jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
  const batch = { issue: (_s: string, _scope: unknown, _c: CommandContext, watch: TicketBatchWatch) => issue(watch) };
  const readYourWrites = { waitFor: () => Promise.resolve() };
  const runs = new TicketBatchRuns(
    batch as unknown as TicketBatch,
    readYourWrites as unknown as EnrollmentReadYourWrites,
    store,
  );
  const stored = async (runId: string) =>
    (await (await store.collection<TicketRunDocument>(TICKET_RUNS_COLLECTION)).get(runId))!.doc;
  return { runs, stored, logged, close: () => store.close() };
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
    await Promise.all([refused.close(), crashed.close()]);
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
