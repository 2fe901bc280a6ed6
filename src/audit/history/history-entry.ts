import type { RecordedEvent } from '../../shared/messages';
import { streamCategory } from '../../shared/ids';
import { maskIdNumber } from '../../accounts/security/identity-key';

/** Kinds an auditor filters by: which part of the candidate's life an event belongs to. */
export const HISTORY_KINDS = [
  'account',
  'username',
  'identity',
  'login',
  'enrollment',
  'seat',
  'staff',
  'audit',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const KIND_LABELS: Record<HistoryKind, string> = {
  account: '账户',
  username: '用户名',
  identity: '证件',
  login: '登录与找回密码',
  enrollment: '报名',
  seat: '考位',
  staff: '工作人员决定',
  audit: '查阅记录',
};

/** One event of a candidate's history as auditors see it: who, when, from where, in which request. */
export interface HistoryEntry {
  position: string;
  streamId: string;
  revision: string;
  eventId: string;
  type: string;
  kind: HistoryKind;
  actor: { id: string; role: string };
  occurredAt: string;
  recordedAt: string;
  ip: string | null;
  correlationId: string;
  causationId: string;
  data: unknown;
}

const CATEGORY_KINDS: Record<string, HistoryKind> = {
  candidate: 'account',
  username: 'username',
  identity: 'identity',
  loginAttempts: 'login',
  recoveryAttempts: 'login',
  enrollment: 'enrollment',
  site: 'seat',
  auditAccess: 'audit',
};

/**
 * Look-ups of the candidate's records (auditors' and staff's) form one kind; staff and admin
 * decisions another, whatever stream they were written to.
 */
export function kindOf(event: RecordedEvent): HistoryKind {
  const category = streamCategory(event.streamId);
  if (category === 'auditAccess') return 'audit';
  const role = event.metadata?.actor?.role;
  if (role === 'staff' || role === 'admin') return 'staff';
  return CATEGORY_KINDS[category] ?? 'account';
}

const SECRET_KEYS = /Hash$|^hash$|^password$|^securityAnswer$|^resetCode$/;
const ID_KEYS = /^idNumber$/;
const PHONE_KEYS = /^(mobile|phone)$/;

/** Personal data an auditor does not need in full: hashes and secrets hidden, ID numbers and phones masked. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== 'object') return value;
  const masked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (typeof field === 'string' && SECRET_KEYS.test(key)) masked[key] = '［已隐藏］';
    else if (typeof field === 'string' && ID_KEYS.test(key)) masked[key] = maskIdNumber(field);
    else if (typeof field === 'string' && PHONE_KEYS.test(key) && field.length >= 7)
      masked[key] = `${field.slice(0, 3)}****${field.slice(-4)}`;
    else masked[key] = maskPersonalData(field);
  }
  return masked;
}

export function toHistoryEntry(event: RecordedEvent): HistoryEntry {
  const metadata = event.metadata;
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    eventId: event.id,
    type: event.type,
    kind: kindOf(event),
    actor: { id: metadata.actor?.id ?? 'unknown', role: metadata.actor?.role ?? 'unknown' },
    occurredAt: metadata.occurredAt,
    recordedAt: event.recordedAt,
    ip: metadata.ip ?? null,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    data: maskPersonalData(event.data),
  };
}
