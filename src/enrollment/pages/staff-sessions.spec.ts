import type { CatalogSession } from '../../catalog/catalog.state';
import { defaultStaffSession, staffSessionOptions } from './staff-sessions';

const session = (sessionCode: string, registrationOpensAt: string): CatalogSession =>
  ({
    sessionCode,
    name: `${sessionCode}年医师资格考试`,
    year: 2027,
    windows: { registrationOpensAt },
  }) as CatalogSession;

describe('the session staff pages show when the URL names none', () => {
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

describe('the session selector', () => {
  const sessions = [session('2027', '2027-01-05T00:00:00Z'), session('2028', '2028-01-05T00:00:00Z')];
  it('lists the sessions newest first', () => {
    expect(staffSessionOptions(sessions, '2027')).toEqual([
      { value: '2028', label: '2028年医师资格考试（2028）' },
      { value: '2027', label: '2027年医师资格考试（2027）' },
    ]);
  });
  it('says so when the URL names a session the catalog lacks, rather than showing another as chosen', () => {
    expect(staffSessionOptions(sessions, '2099')[0]).toEqual({ value: '2099', label: '2099（目录中没有此考试）' });
  });
});
