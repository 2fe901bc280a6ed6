import type { EventStore } from '../infrastructure/event-store/event-store.port';
import { ConflictError } from '../shared/errors';
import type { RecordedEvent } from '../shared/messages';

/**
 * Whether the only event written to a stream since the revision a staff member saw is one that
 * `isRepeat` accepts: the first request of a double click, which the second would repeat. Any
 * other change, even one ending the same way, is a conflict for them to look at.
 */
export async function onlyRepeatSince(
  store: EventStore,
  stream: string,
  seenRevision: bigint,
  isRepeat: (event: RecordedEvent) => boolean,
): Promise<boolean> {
  const since = await store.readStream(stream, { fromRevision: seenRevision + 1n });
  return since.length === 1 && isRepeat(since[0]);
}

/** The answer when the enrollment changed after the staff member looked at it. */
export function changedSinceSeen(then: string): ConflictError {
  return new ConflictError('ENROLLMENT_CHANGED', `该报名在您查看之后已有变化，请查看最新信息后${then}`);
}

/**
 * The revision a request names (a JSON number or a form's digits); absent: the request is not pinned.
 * `null` is absent too, as on every optional field the API takes (`@IsOptional()` lets it through).
 */
export function seenRevisionOf(revision: number | string | null | undefined): bigint | undefined {
  return revision === undefined || revision === null ? undefined : BigInt(revision);
}
