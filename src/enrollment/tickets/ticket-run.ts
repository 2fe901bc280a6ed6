import type { Principal, StaffScope } from '../../infrastructure/http/principal';

/**
 * A ticket batch run started from a page or the API, as staff follow it. The numbers and their
 * records are events (`TicketsAllocated`, `AdmissionTicketIssued`); a run's progress is not a
 * fact of the exam, so it is kept in the read store, where every app process sharing it can show it.
 */
export const TICKET_RUNS_COLLECTION = 'ticket-batch-runs';

/** A run whose process has not written for this long has stopped with it (crash, kill, power). */
export const STALE_RUN_AFTER_MS = 30_000;

/** The skipped enrollments a run keeps to show (the count is always whole). */
export const SKIPPED_SHOWN = 200;

export type TicketRunPhase = 'reading' | 'numbering' | 'recording' | 'finished';
export type TicketRunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface SkippedTicket {
  enrollmentId: string;
  code: string;
  message: string;
}

// A type, not an interface: the read store takes documents as records.
export type TicketRunDocument = {
  runId: string;
  sessionCode: string;
  scopeKey: string;
  scope: StaffScope | null;
  startedBy: { id: string; username: string; role: string };
  startedAt: string;
  /** Written at least every few seconds while the run's process works on it. */
  heartbeatAt: string;
  finishedAt: string | null;
  /** As last written; a `running` run with an old heartbeat is shown as interrupted. */
  status: TicketRunStatus;
  phase: TicketRunPhase;
  /** Approved enrollments found without a number (known once read). */
  approved: number | null;
  allocated: number;
  processed: number;
  issued: number;
  skippedCount: number;
  skipped: SkippedTicket[];
  error: { code: string; message: string } | null;
};

export type TicketRunView = Omit<TicketRunDocument, 'scopeKey' | 'heartbeatAt' | 'startedBy'> & {
  startedBy: string;
};

export function scopeKeyOf(scope: StaffScope | undefined | null): string {
  if (scope?.siteCode) return `site:${scope.siteCode}`;
  if (scope?.areaCode) return `area:${scope.areaCode}`;
  return 'all';
}

/** Admins follow every run; staff the runs of exactly their scope (whose numbers they issued). */
export function mayFollow(principal: Principal, run: TicketRunDocument): boolean {
  return principal.role === 'admin' || scopeKeyOf(principal.scope) === run.scopeKey;
}

export function statusAt(run: TicketRunDocument, now: Date): TicketRunStatus {
  if (run.status !== 'running') return run.status;
  return now.getTime() - Date.parse(run.heartbeatAt) > STALE_RUN_AFTER_MS ? 'interrupted' : 'running';
}

export function runView(run: TicketRunDocument, now: Date): TicketRunView {
  const { scopeKey: _scopeKey, heartbeatAt: _heartbeatAt, startedBy, ...shown } = run;
  return { ...shown, startedBy: startedBy.username, status: statusAt(run, now) };
}

export const PHASE_LABELS: Record<TicketRunPhase, string> = {
  reading: '正在查找审核通过的报名',
  numbering: '正在分配准考证号',
  recording: '正在将准考证号记入报名',
  finished: '已结束',
};

export const STATUS_LABELS: Record<TicketRunStatus, string> = {
  running: '进行中',
  done: '已完成',
  failed: '失败',
  interrupted: '已中断',
};
