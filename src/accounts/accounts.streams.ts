import { streamName } from '../shared/ids';
import { normalizeUsername } from './username/username.events';

export const candidateStream = (candidateId: string) => streamName('candidate', candidateId);
export const usernameStream = (username: string) => streamName('username', normalizeUsername(username));
export const loginAttemptsStream = (key: string) => streamName('loginAttempts', key);
export const recoveryAttemptsStream = (key: string) => streamName('recoveryAttempts', key);

/** Today in China (UTC+8) as YYYY-MM-DD, for the date rules. */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
