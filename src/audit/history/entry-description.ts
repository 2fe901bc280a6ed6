import { eventLabel } from './event-labels';
import type { HistoryEntry } from './history-entry';
import { beijingWallClock } from '../../shared/typed-instant';

/** A history entry as an auditor reads it: what happened in Chinese, who did it, and when in Beijing time. */
export interface DescribedEntry extends HistoryEntry {
  /** The event in Chinese (eventLabel); `type` keeps its code name. */
  label: string;
  /** Who, in Chinese: 考生本人, 工作人员 <username>, 系统（…）; `actor` keeps role and id. */
  actorText: string;
  /** recordedAt in Beijing time to the second, as the as-of box reads it (2027-03-01 09:30:05). */
  recordedAtBeijing: string;
}

/** The app's own jobs, by the actor id they write with. */
const SYSTEM_ACTORS: Record<string, string> = {
  'catalog-seeder': '考试目录导入',
  'audit-digest': '日志签名摘要',
  configuration: '初始配置',
  'seat-reconciler': '考位核对',
  'case-follow-up-recovery': '案件后续补写',
};

/**
 * Who did it, for the history of `candidateId`: the candidate themselves or another account, the
 * staff member, admin or auditor by username (their actor id), a visitor not signed in (a login,
 * a registration, 找回密码), or which of the app's jobs.
 */
export function auditActorText(actor: { id?: string; role?: string } | undefined, candidateId: string): string {
  const id = actor?.id ?? '';
  switch (actor?.role) {
    case 'candidate':
      return id === candidateId ? '考生本人' : `另一考生账户 ${id}`;
    case 'staff':
      return `工作人员 ${id}`;
    case 'admin':
      return `管理员 ${id}`;
    case 'auditor':
      return `审计人员 ${id}`;
    case 'anonymous':
      return '未登录的访问者';
    case 'system':
      return `系统（${SYSTEM_ACTORS[id] ?? id}）`;
    default:
      return `未知（${actor?.role ?? '无'}:${id || '无'}）`;
  }
}

/** An instant in Beijing time to the second; an unreadable one as it is. */
export function beijingSecond(iso: string): string {
  return beijingWallClock(iso, 'second');
}

/**
 * An instant as the as-of view was cut at: to the second, and to the millisecond when it has one (an
 * instant copied from the API): events are kept up to it exactly, so a label rounded to the minute
 * would claim events it excludes or exclude ones it shows.
 */
export function beijingInstant(iso: string): string {
  const second = beijingSecond(iso);
  const millis = Date.parse(iso) % 1000;
  return Number.isNaN(millis) || millis === 0 ? second : `${second}.${String(millis).padStart(3, '0')}`;
}

export function describeEntry(entry: HistoryEntry, candidateId: string): DescribedEntry {
  return {
    ...entry,
    label: eventLabel(entry.type, entry.streamId),
    actorText: auditActorText(entry.actor, candidateId),
    recordedAtBeijing: beijingSecond(entry.recordedAt),
  };
}
