import { validateWindows } from '../catalog-validation';
import { windowsAroundNow } from './windows-around-now';

describe('test windows around now', () => {
  it('are accepted by the catalog whenever the tests run, at any hour of the day', () => {
    for (const now of [
      '2026-11-27T16:00:00Z',
      '2027-05-20T23:59:59Z',
      '2028-02-28T16:30:00Z',
      '2031-12-31T15:59:00Z',
    ]) {
      expect(() => validateWindows(windowsAroundNow(Date.parse(now)))).not.toThrow();
      expect(() => validateWindows(windowsAroundNow(Date.parse(now), 'now'))).not.toThrow();
    }
  });

  it('keep registration open now and, when asked, ticket printing too', () => {
    const now = Date.parse('2027-05-20T10:00:00Z');
    const later = windowsAroundNow(now);
    expect(Date.parse(later.registrationOpensAt)).toBeLessThan(now);
    expect(Date.parse(later.registrationClosesAt)).toBeGreaterThan(now);
    expect(Date.parse(later.ticketPrintingOpensAt)).toBeGreaterThan(now);
    expect(Date.parse(windowsAroundNow(now, 'now').ticketPrintingOpensAt)).toBeLessThan(now);
  });
});
