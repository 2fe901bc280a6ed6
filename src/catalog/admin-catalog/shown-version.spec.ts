import { initialCatalogState, type CatalogState } from '../catalog.state';
import type { SessionWindows } from '../catalog.events';
import { shownVersion } from '../../shared/shown-version';
import { refuseIfChangedSinceShown } from './shown-version';
import { sessionWindowsFixture } from '../testing/session-windows.fixture';

const windows: SessionWindows = sessionWindowsFixture;
const state = (current: SessionWindows): CatalogState => ({
  ...initialCatalogState(),
  session: { sessionCode: '2027', name: '2027', year: 2027, windows: current },
});
const change = (sent: SessionWindows) => ({ type: 'ChangeSessionWindows' as const, windows: sent });

describe('a catalog form pinned to what it showed', () => {
  const shown = shownVersion(windows);
  const otherAdmin = { ...windows, withdrawalDeadline: '2027-02-05T17:00:00+08:00' };
  const mine = { ...windows, registrationClosesAt: '2027-02-01T17:00:00+08:00' };

  it('saves when nothing changed since the page was shown', () =>
    expect(() => refuseIfChangedSinceShown(state(windows), change(mine), shown)).not.toThrow());

  it('refuses to undo another admin’s change made since', () =>
    expect(() => refuseIfChangedSinceShown(state(otherAdmin), change(mine), shown)).toThrow(
      expect.objectContaining({ code: 'CATALOG_CHANGED', httpStatus: 409 }),
    ));

  it('takes a double click, a form without a version, and other commands as they are', () => {
    expect(() => refuseIfChangedSinceShown(state(mine), change(mine), shown)).not.toThrow();
    expect(() => refuseIfChangedSinceShown(state(otherAdmin), change(mine))).not.toThrow();
    expect(() =>
      refuseIfChangedSinceShown(state(otherAdmin), { type: 'CloseExamSite', siteCode: '1101' }, shown),
    ).not.toThrow();
  });
});
