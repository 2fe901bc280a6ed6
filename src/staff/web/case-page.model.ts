import type { HistoryEntry } from '../../audit/history/history-entry';
import type { IdentityCaseDocument } from '../../../projections/identity-cases/identity-cases.projection';
import { beijingMinute } from '../../accounts/web/form-page';
import { eventLabel } from '../../audit/history/event-labels';
import { ID_TYPES, type IdType } from '../../accounts/validation/id-number.rules';

const STATUS_LABELS: Record<string, string> = { open: '待处理', resolved: '已处理', quiet: '无争议' };

/** One line of the identity log: what happened, and the details staff compare with the person present. */
export function logLine(entry: HistoryEntry) {
  const data = (entry.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (data.realNameTyped) parts.push(`填写姓名：${String(data.realNameTyped)}`);
  if (data.usernameTyped) parts.push(`填写用户名：${String(data.usernameTyped)}`);
  if (data.username && entry.type === 'IdentityClaimed')
    parts.push(`用户名：${String(data.username)}，姓名：${String(data.realName)}`);
  const staff = data.staff as { username?: string } | undefined;
  if (staff?.username) parts.push(`工作人员：${staff.username}`);
  if (data.reason) parts.push(`理由：${String(data.reason)}`);
  if (data.mode) parts.push(data.mode === 'handOver' ? '方式：移交账户' : '方式：释放证件重新注册');
  // In the case log a reset code is always one issued again (case-log.ts); its first is the hand-over.
  const label = entry.type === 'ResetCodeIssued' ? '工作人员重新发放重置码' : eventLabel(entry.type, entry.streamId);
  return { ...historyLine(entry), label, details: parts.join('；') };
}

/** One event of the holder's history: its Chinese label and Beijing time (the type stays for reports). */
export function historyLine(entry: HistoryEntry) {
  return {
    ...entry,
    label: eventLabel(entry.type, entry.streamId),
    recordedAtText: beijingMinute(entry.recordedAt),
    actorText: actorText(entry.actor),
  };
}

/**
 * Who did it, as the other staff pages name people: staff and admins by their username (their
 * actor id); a candidate, a visitor not signed in and the app's own jobs by what they are.
 */
export function actorText(actor: { id: string; role: string }): string {
  switch (actor.role) {
    case 'staff':
      return `工作人员 ${actor.id}`;
    case 'admin':
      return `管理员 ${actor.id}`;
    case 'auditor':
      return `审计人员 ${actor.id}`;
    case 'candidate':
      return '考生';
    case 'anonymous':
      return '匿名';
    default:
      return '系统';
  }
}

export function queueRow(doc: IdentityCaseDocument) {
  // The masked number staff compare with the document at the desk; rows projected before it was
  // kept show a short mark of the stream's keyed hash until the read model is rebuilt.
  const mark = doc.idNumberMasked ?? doc.identityStream.slice(doc.identityStream.lastIndexOf('-') + 1).slice(0, 8);
  return {
    ...doc,
    shortStream: `${ID_TYPES[doc.idType as IdType] ?? '证件'} ${mark}`,
    statusLabel: STATUS_LABELS[doc.status] ?? doc.status,
    lastAttemptAtText: doc.lastAttemptAt ? beijingMinute(doc.lastAttemptAt) : '',
  };
}

/** The page's single radio (`reassign:handOver`) → the API's action and mode. */
export function decisionFields(decision: string | undefined): { action?: string; mode?: string } {
  const [action, mode] = (decision ?? '').split(':');
  return { action: action || undefined, mode };
}
