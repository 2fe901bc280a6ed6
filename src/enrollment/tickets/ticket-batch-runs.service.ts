import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Principal } from '../../infrastructure/http/principal';
import { READ_STORE, type ReadCollection, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { AppError, UnavailableError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { CommandContext } from '../../shared/messages';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { TicketBatch, type TicketBatchProgress } from './ticket-batch.service';
import {
  mayFollow,
  runView,
  scopeKeyOf,
  SKIPPED_SHOWN,
  statusAt,
  TICKET_RUNS_COLLECTION,
  type SkippedTicket,
  type TicketRunDocument,
  type TicketRunView,
} from './ticket-run';

/** How often a running run's progress and heartbeat reach the store, at most and at least. */
const SAVE_EVERY_MS = 1_000;
const HEARTBEAT_EVERY_MS = 5_000;
/** The last write (the run's outcome) is tried again this often before it is given up and logged. */
const FINAL_SAVE_ATTEMPTS = 3;
const FINAL_SAVE_RETRY_MS = 1_000;

const SHUTTING_DOWN = () =>
  new UnavailableError('SHUTTING_DOWN', '服务器正在停止运行（如重启、更新），请稍后再发放准考证号');

interface ActiveRun {
  doc: TicketRunDocument;
  /** The document's write count: its position in the store, so a late write never undoes a newer one. */
  writes: bigint;
  /** Every enrollment skipped so far (the document keeps the first SKIPPED_SHOWN). */
  skipped: SkippedTicket[];
  lastSavedAt: number;
  saving: Promise<void>;
  abort: AbortController;
  finished: Promise<void>;
}

export interface StartedRun {
  run: TicketRunView;
  /** False when a run of the same session and scope was already going: this is that run. */
  started: boolean;
  /** Settles when the run ends (never rejects); for a joined run of this process, that one's end. */
  finished: Promise<void>;
}

/**
 * Ticket batches run in the background: a national batch takes minutes (120,000 enrollments:
 * 74 s here), longer than a proxy lets a request wait. Staff follow the run on a page that
 * outlives the click; a second click while it runs joins it rather than starting a second batch.
 */
@Injectable()
export class TicketBatchRuns implements BeforeApplicationShutdown {
  private readonly active = new Map<string, ActiveRun>();
  /**
   * Set once the HTTP server has drained (graceful-shutdown.ts): a request cut off past its grace
   * may still be running here, and a run it started would be stopped at once, so none starts.
   */
  private stopping = false;
  private readonly logger = new Logger('TicketBatchRuns');

  constructor(
    private readonly batch: TicketBatch,
    private readonly readYourWrites: EnrollmentReadYourWrites,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async start(sessionCode: string, principal: Principal, context: CommandContext): Promise<StartedRun> {
    const runs = await this.collection();
    const scopeKey = scopeKeyOf(principal.scope);
    const stored = (await runs.find({ filter: { sessionCode, scopeKey, status: 'running' } })).find(
      (run) => statusAt(run, context.now) === 'running',
    );
    // This process's own runs are checked after the read, with nothing awaited before the new one
    // is registered, so two clicks here never start two; another process's run is seen by its heartbeat.
    const going =
      [...this.active.values()].find((run) => run.doc.sessionCode === sessionCode && run.doc.scopeKey === scopeKey) ??
      (stored && { doc: stored, finished: Promise.resolve() });
    if (going) return { run: runView(going.doc, context.now), started: false, finished: going.finished };
    if (this.stopping) throw SHUTTING_DOWN();
    const now = context.now.toISOString();
    const doc: TicketRunDocument = {
      runId: newId(),
      sessionCode,
      scopeKey,
      scope: principal.scope ?? null,
      startedBy: { id: principal.id, username: principal.username, role: principal.role },
      startedAt: now,
      heartbeatAt: now,
      finishedAt: null,
      status: 'running',
      phase: 'reading',
      approved: null,
      allocated: 0,
      processed: 0,
      issued: 0,
      skippedCount: 0,
      skipped: [],
      error: null,
    };
    // `finished` exists from the moment the run is registered, so a shutdown meanwhile waits for it.
    let settle!: (ended: Promise<void>) => void;
    const run: ActiveRun = {
      doc,
      writes: 1n,
      skipped: [],
      lastSavedAt: Date.now(),
      saving: Promise.resolve(),
      abort: new AbortController(),
      finished: new Promise<void>((resolve) => (settle = (ended) => void ended.then(resolve, resolve))),
    };
    this.active.set(doc.runId, run);
    try {
      await runs.put(doc.runId, doc, run.writes, { expectedPosition: null });
    } catch (error) {
      this.active.delete(doc.runId);
      settle(Promise.resolve());
      throw error;
    }
    settle(this.execute(run, principal, context));
    return { run: runView(doc, context.now), started: true, finished: run.finished };
  }

  /** The run, if this principal may follow it (others are told it does not exist). */
  async find(runId: string, principal: Principal, now: Date): Promise<TicketRunView | null> {
    const stored = this.active.get(runId)?.doc ?? (await (await this.collection()).get(runId))?.doc;
    return stored && mayFollow(principal, stored) ? runView(stored, now) : null;
  }

  /** The newest run of a session within this principal's own scope. */
  async latest(sessionCode: string, principal: Principal, now: Date): Promise<TicketRunView | null> {
    const [newest] = await (
      await this.collection()
    ).find({
      filter: { sessionCode, scopeKey: scopeKeyOf(principal.scope) },
      sort: [['startedAt', -1]],
      limit: 1,
    });
    return newest ? runView(this.active.get(newest.runId)?.doc ?? newest, now) : null;
  }

  /** Stops the runs at their next enrollment (what they recorded stays) and records them interrupted. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const runs = [...this.active.values()];
    for (const run of runs) run.abort.abort();
    await Promise.all(runs.map((run) => run.finished));
  }

  private async execute(run: ActiveRun, principal: Principal, context: CommandContext): Promise<void> {
    const heartbeat = setInterval(() => this.save(run), HEARTBEAT_EVERY_MS);
    heartbeat.unref();
    try {
      const report = await this.batch.issue(run.doc.sessionCode, principal.scope, context, {
        signal: run.abort.signal,
        onProgress: (progress) => {
          this.apply(run, progress);
          if (Date.now() - run.lastSavedAt >= SAVE_EVERY_MS) this.save(run);
        },
      });
      if (!report.interrupted) await this.readYourWrites.waitFor(report.lastPosition);
      run.doc.status = report.interrupted ? 'interrupted' : 'done';
    } catch (error) {
      run.doc.status = 'failed';
      run.doc.error =
        error instanceof AppError && error.httpStatus < 500
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL_ERROR', message: '服务器处理出错，已记入的准考证号保留；请稍后再次发放以完成其余' };
      if (!(error instanceof AppError) || error.httpStatus >= 500)
        this.logger.error(
          `Ticket batch run ${run.doc.runId} failed: ${(error as Error).message}`,
          (error as Error).stack,
        );
    } finally {
      clearInterval(heartbeat);
      run.doc.phase = 'finished';
      run.doc.finishedAt = new Date().toISOString();
      this.save(run, FINAL_SAVE_ATTEMPTS);
      await run.saving;
      this.active.delete(run.doc.runId);
    }
  }

  private apply(run: ActiveRun, progress: TicketBatchProgress): void {
    Object.assign(run.doc, {
      phase: progress.phase,
      approved: progress.approved,
      allocated: progress.allocated,
      processed: progress.processed,
      issued: progress.issued,
      skippedCount: progress.skipped.length,
    });
    run.skipped = progress.skipped;
  }

  /**
   * Writes one after another; progress the store refuses is logged and the batch goes on. The
   * outcome is tried again: left unwritten, the run would show 已中断 once its heartbeat is old.
   */
  private save(run: ActiveRun, attempts = 1): void {
    run.lastSavedAt = Date.now();
    run.saving = run.saving.then(async () => {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        run.writes += 1n;
        run.doc.heartbeatAt = new Date().toISOString();
        run.doc.skipped = run.skipped.slice(0, SKIPPED_SHOWN);
        const doc = { ...run.doc };
        try {
          await (await this.collection()).put(doc.runId, doc, run.writes);
          return;
        } catch (error) {
          const message = `Ticket batch run ${doc.runId}: not saved (${attempt}/${attempts}): ${(error as Error).message}`;
          if (attempts > 1 && attempt === attempts) this.logger.error(message);
          else this.logger.warn(message);
        }
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, FINAL_SAVE_RETRY_MS));
      }
    });
  }

  private collection(): Promise<ReadCollection<TicketRunDocument>> {
    return this.readStore.collection<TicketRunDocument>(TICKET_RUNS_COLLECTION);
  }
}
