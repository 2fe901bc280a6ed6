import type { CatalogSession } from '../catalog/catalog.state';
import type { CatalogQueries, CatalogView } from '../catalog/catalog-queries';
import { defaultStaffSession, StaffDefaultSession } from './staff-default-session';
import { catalogSession as session } from './testing/catalog-session.fixture';

describe('the session staff work on when they name none', () => {
  const sessions = [
    session('2027', '2027-01-05T00:00:00Z'),
    session('2028', '2028-01-05T00:00:00Z'),
    session('2026', '2026-01-05T00:00:00Z'),
  ];
  it('is the one whose registration opened last', () => {
    expect(defaultStaffSession(sessions, new Date('2027-06-01T00:00:00Z'))).toBe('2027');
    expect(defaultStaffSession(sessions, new Date('2028-01-05T00:00:00Z'))).toBe('2028');
  });
  it('compares the openings as instants, whatever offset they are written with', () => {
    const offsets = [session('2027', '2027-01-05T07:00:00+08:00'), session('2027b', '2027-01-04T23:30:00Z')];
    // 07:00 in Beijing is 23:00 UTC the day before: 2027b opened last, though its text sorts first.
    expect(defaultStaffSession(offsets, new Date('2027-01-06T00:00:00Z'))).toBe('2027b');
  });
  it('is the next to open when none has opened yet', () => {
    expect(defaultStaffSession(sessions, new Date('2025-12-01T00:00:00Z'))).toBe('2026');
  });
  it('is the seeded session when the catalog has none', () => {
    expect(defaultStaffSession([], new Date())).toBe('2027');
  });
});

describe('StaffDefaultSession', () => {
  const catalogs = (sessions: CatalogSession[]) =>
    ({ listSessions: async () => sessions.map((s) => ({ session: s }) as CatalogView) }) as unknown as CatalogQueries;
  it('keeps the session asked for', async () => {
    await expect(new StaffDefaultSession(catalogs([])).or('2026')).resolves.toBe('2026');
  });
  it('picks the opened session from the catalog when none is asked for', async () => {
    const sessions = [session('2025', '2025-01-05T00:00:00Z'), session('2099', '2099-01-05T00:00:00Z')];
    await expect(new StaffDefaultSession(catalogs(sessions)).or(undefined)).resolves.toBe('2025');
    await expect(new StaffDefaultSession(catalogs(sessions)).or('')).resolves.toBe('2025');
  });
});
