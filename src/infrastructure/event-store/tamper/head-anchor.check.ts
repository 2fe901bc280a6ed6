import type { ChainProblem } from './chain-problem';
import { readHeadAnchor } from './head-anchor';
import { chainRecordOfRow, type SqliteRawLog } from './sqlite-raw-log';

/**
 * The log's head against its signed anchor (kept outside the database): the anchored event must
 * still be there, unchanged, with as many events up to it as when it was anchored. No anchor
 * file proves nothing either way (logs from before anchors, a fresh install): it is not reported.
 */
export function checkHeadAnchor(raw: SqliteRawLog, key: string): ChainProblem | null {
  const stored = readHeadAnchor(raw.headAnchorFile, key);
  if (stored.kind === 'absent') return null;
  if (stored.kind === 'forged')
    return {
      kind: 'digestForged',
      streamId: '',
      revision: null,
      position: null,
      eventId: null,
      eventType: null,
      message: '日志头部锚点的签名无效（锚点文件被伪造或修改）',
    };
  const { anchor } = stored;
  const position = Number(anchor.position);
  const row = raw.rowAt(position);
  const record = row && chainRecordOfRow(row);
  const count = raw.countThrough(position);
  const same =
    record !== undefined &&
    record.streamId === anchor.streamId &&
    record.revision.toString() === anchor.revision &&
    (record.storedHash ?? '') === anchor.hash;
  if (same && count === anchor.count) return null;
  return {
    kind: same && count > anchor.count ? 'digestMismatch' : 'removed',
    streamId: anchor.streamId,
    revision: anchor.revision,
    position: anchor.position,
    eventId: null,
    eventType: null,
    message: same
      ? `头部锚点记录位置 ${anchor.position} 之前共有 ${anchor.count} 个事件，现有 ${count} 个（事件被删除或插入）`
      : `头部锚点记录的最新事件（位置 ${anchor.position}，${anchor.streamId} 第 ${anchor.revision} 号）已不在日志中（最新的事件被删除或替换）`,
  };
}
