import type { HistoryEntry } from '../../audit/history/history-entry';

/** Names compared as people write them: full-width and half-width forms alike, spaces and a Latin name's case left out. */
const comparable = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLocaleLowerCase('en');

/**
 * The names typed in the attempts not yet resolved (the last `openAttempts` of the log) that differ
 * from the holding account's registered name: a hand-over would give the person present an account
 * whose 姓名 and registration data are someone else's and cannot be changed.
 */
export function attemptNamesDifferingFrom(holderName: string, log: HistoryEntry[], openAttempts: number): string[] {
  if (openAttempts <= 0) return [];
  const attempts = log.filter((entry) => entry.type === 'DuplicateRegistrationAttempted').slice(-openAttempts);
  const typed = attempts.map((entry) => String((entry.data as { realNameTyped?: unknown }).realNameTyped ?? '').trim());
  const differing = typed.filter((name) => name !== '' && comparable(name) !== comparable(holderName));
  return [...new Set(differing)];
}
