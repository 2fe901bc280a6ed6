import { streamName } from '../shared/ids';
import { normalizeUsername } from '../accounts/username/username.events';

export const staffAccountStream = (username: string) => streamName('staffAccount', normalizeUsername(username));
