import type { HistoryEntry } from '../../audit/history/history-entry';
import { attemptNamesDifferingFrom } from './attempt-names';

const attempt = (realNameTyped: string) =>
  ({ type: 'DuplicateRegistrationAttempted', data: { realNameTyped } }) as unknown as HistoryEntry;
const decision = { type: 'IdentityCaseDismissed', data: {} } as unknown as HistoryEntry;

describe('attemptNamesDifferingFrom', () => {
  it('names each differing name typed in the open attempts once', () => {
    const log = [attempt('真人'), attempt('真人'), attempt('冒名者')];
    expect(attemptNamesDifferingFrom('冒名者', log, 3)).toEqual(['真人']);
  });

  it('reads spaces and full-width letters as the same name', () => {
    expect(attemptNamesDifferingFrom('张 三', [attempt('张三')], 1)).toEqual([]);
    expect(attemptNamesDifferingFrom('ＬＩ Ｌｅｉ', [attempt('LI Lei')], 1)).toEqual([]);
    expect(attemptNamesDifferingFrom('Jose Garcia', [attempt('JOSE GARCIA')], 1)).toEqual([]);
  });

  it('leaves out attempts a decision already resolved', () => {
    const log = [attempt('别人'), decision, attempt('冒名者')];
    expect(attemptNamesDifferingFrom('冒名者', log, 1)).toEqual([]);
    expect(attemptNamesDifferingFrom('冒名者', log, 0)).toEqual([]);
  });
});
