/** A claim on a unique value (username, identity) by one registration. */
export type Holder =
  { status: 'free' } | { status: 'pending' | 'confirmed'; candidateId: string; username: string; since: string };

/** A pending claim older than this whose candidate stream never appeared may be taken over. */
export const RESERVATION_TIMEOUT_MS = 5 * 60 * 1000;

export function isStale(holder: Holder, now: Date): boolean {
  return holder.status === 'pending' && now.getTime() - Date.parse(holder.since) > RESERVATION_TIMEOUT_MS;
}
