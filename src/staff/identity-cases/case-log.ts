import { type HistoryEntry, toHistoryEntry } from '../../audit/history/history-entry';
import type { RecordedEvent } from '../../shared/messages';

/**
 * The case log (证件记录): the identity stream's events, with the hand-over codes issued again from
 * the case page (重新发放重置码), which are written to the holder's account stream. Each names the
 * staff member and the reason, as 重新发放注册码 does on the identity stream. A hand-over's first
 * code is the hand-over decision itself and is not listed twice.
 */
export function caseLog(identityEvents: RecordedEvent[], holderEvents: RecordedEvent[]): HistoryEntry[] {
  const handOvers = new Set(
    identityEvents
      .filter((event) => event.type === 'IdentityReassigned' && (event.data as { mode?: string }).mode === 'handOver')
      .map((event) => (event.data as { decisionId: string }).decisionId),
  );
  const reissuedCodes = holderEvents.filter((event) => {
    if (event.type !== 'ResetCodeIssued') return false;
    const data = event.data as { decisionId: string; handOverId?: string };
    return data.handOverId !== undefined && handOvers.has(data.handOverId) && data.decisionId !== data.handOverId;
  });
  return [...identityEvents, ...reissuedCodes]
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
    .map(toHistoryEntry);
}
