import { join } from 'node:path';
import { catalogDecider } from './catalog.decider';
import type { CatalogEvent, SessionWindows } from './catalog.events';
import { readCatalogSeed } from './catalog-seed';
import { deciderSpecification } from './decider-specification';
import { validateWindows } from './catalog-validation';
import type { ValidationError } from '../shared/errors';
import { sessionWindowsFixture } from './testing/session-windows.fixture';

const spec = deciderSpecification(catalogDecider);
const windows: SessionWindows = sessionWindowsFixture;
const scheduled: CatalogEvent = {
  type: 'ExamSessionScheduled',
  data: { sessionCode: '2027', name: '2027年医师资格考试', year: 2027, ...windows },
};
const areaOpened: CatalogEvent = { type: 'ExamAreaOpened', data: { sessionCode: '2027', code: '11', name: '北京市' } };
const site = { code: '1101', areaCode: '11', city: '东城区', name: '东城区考点', address: '示例地址', capacity: 300 };
const siteOpened: CatalogEvent = { type: 'ExamSiteOpened', data: { sessionCode: '2027', ...site } };
const clinical = {
  code: '110',
  name: '临床执业医师',
  level: '执业医师' as const,
  requirements: { minimumEducation: '本科' as const, trainingRequired: true, certificatesRequired: false },
};

describe('catalog decider', () => {
  describe('seeding', () => {
    const seed = readCatalogSeed(join(__dirname, '../../seed/catalog-2027.json'));

    it('schedules the session with every category, area and site of the seed file', () =>
      spec([])
        .when({ type: 'SeedCatalog', seed })
        .thenMatches((events) => {
          expect(events[0]).toMatchObject({ type: 'ExamSessionScheduled', data: { sessionCode: '2027', year: 2027 } });
          const codes = events
            .filter((e) => e.type === 'CategoryOffered')
            .map((e) => (e.data as { code: string }).code);
          expect(codes).toEqual(expect.arrayContaining(['110', '210', '120', '220', '130', '230', '141', '241']));
          expect(codes).toEqual(expect.arrayContaining(['142', '242', '143', '243', '144', '244', '145', '245']));
          expect(events.filter((e) => e.type === 'ExamAreaOpened')).toHaveLength(31);
          expect(events.filter((e) => e.type === 'ExamSiteOpened').length).toBeGreaterThanOrEqual(62);
        }));

    it('appends nothing when the session is already scheduled', () =>
      spec([scheduled]).when({ type: 'SeedCatalog', seed }).thenNothingHappens());

    it('refuses a seed whose windows are out of order', () =>
      spec([])
        .when({
          type: 'SeedCatalog',
          seed: {
            ...seed,
            session: { ...seed.session, windows: { ...windows, registrationClosesAt: '2027-01-01T00:00:00+08:00' } },
          },
        })
        .thenThrows('VALIDATION_FAILED'));
  });

  describe('session windows', () => {
    it('records changed windows', () => {
      const changed = { ...windows, withdrawalDeadline: '2027-02-05T17:00:00+08:00' };
      spec([scheduled])
        .when({ type: 'ChangeSessionWindows', windows: changed })
        .then([{ type: 'SessionWindowsChanged', data: { sessionCode: '2027', ...changed } }]);
    });
    it('changes nothing when the windows are the same', () =>
      spec([scheduled]).when({ type: 'ChangeSessionWindows', windows }).thenNothingHappens());
    it('refuses a withdrawal deadline before registration opens', () =>
      spec([scheduled])
        .when({
          type: 'ChangeSessionWindows',
          windows: { ...windows, withdrawalDeadline: '2026-12-01T00:00:00+08:00' },
        })
        .thenThrows('VALIDATION_FAILED'));
    it('refuses a malformed date', () =>
      spec([scheduled])
        .when({ type: 'ChangeSessionWindows', windows: { ...windows, registrationOpensAt: '2027-13-45' } })
        .thenThrows('VALIDATION_FAILED'));
    const refusal = (changed: Partial<SessionWindows>) => {
      try {
        validateWindows({ ...windows, ...changed });
      } catch (error) {
        return (error as ValidationError).fields.map(({ field, code }) => `${field} ${code}`);
      }
      return [];
    };
    it('refuses days that do not exist, rather than rolling them over into the next month', () => {
      expect(refusal({ registrationClosesAt: '2027-02-31T17:00:00+08:00' })).toEqual([
        'registrationClosesAt INVALID_DATE',
      ]);
      expect(refusal({ withdrawalDeadline: '2027-01-31T24:30:00+08:00' })).toEqual(['withdrawalDeadline INVALID_DATE']);
      expect(refusal({ examDates: ['2027-02-30'] })).toEqual(['examDates INVALID_DATE']);
      expect(refusal({ examDates: ['2027-06-08', '2027-06-08'] })).toEqual(['examDates DUPLICATE_DATE']);
      const leapDay = { examDates: ['2028-02-29'], ticketPrintingClosesAt: '2028-02-29T12:00:00+08:00' };
      expect(refusal(leapDay)).toEqual([]); // a leap day is a day
    });
    it('keeps the exam days after registration, 放弃报考 before them and ticket printing around them', () => {
      expect(refusal({ examDates: ['2027-01-31'] })).toContain('examDates WINDOW_ORDER');
      expect(refusal({ withdrawalDeadline: '2027-06-08T00:00:00+08:00' })).toEqual(['withdrawalDeadline WINDOW_ORDER']);
      expect(refusal({ ticketPrintingOpensAt: '2027-06-08T08:00:00+08:00' })).toEqual([
        'ticketPrintingOpensAt WINDOW_ORDER',
      ]);
      expect(refusal({ ticketPrintingClosesAt: '2027-06-09T00:00:01+08:00' })).toEqual([
        'ticketPrintingClosesAt WINDOW_ORDER',
      ]);
      // The end of the last exam day (Beijing) is still in time; ticket printing may overlap registration.
      expect(refusal({ ticketPrintingClosesAt: '2027-06-09T00:00:00+08:00' })).toEqual([]);
      expect(refusal({ ticketPrintingOpensAt: '2027-01-10T08:00:00+08:00' })).toEqual([]);
      expect(refusal({ examDates: ['2027-08-21', '2027-06-08'] })).toEqual([]);
    });
    it('refuses to schedule a session twice', () =>
      spec([scheduled])
        .when({ type: 'ScheduleExamSession', sessionCode: '2027', name: 'x', year: 2027, windows })
        .thenThrows('SESSION_EXISTS'));
    it('refuses changes to a session that does not exist', () =>
      spec([]).when({ type: 'ChangeSessionWindows', windows }).thenThrows('SESSION_NOT_FOUND'));
  });

  describe('categories', () => {
    const offered: CatalogEvent = { type: 'CategoryOffered', data: { sessionCode: '2027', ...clinical } };
    it('offers a category', () =>
      spec([scheduled]).when({ type: 'OfferCategory', category: clinical }).then([offered]));
    it('refuses a duplicate category code', () =>
      spec([scheduled, offered]).when({ type: 'OfferCategory', category: clinical }).thenThrows('CATEGORY_EXISTS'));
    it('refuses a code that is not three digits', () =>
      spec([scheduled])
        .when({ type: 'OfferCategory', category: { ...clinical, code: '11' } })
        .thenThrows('VALIDATION_FAILED'));
    it('changes requirements of an offered category', () => {
      const changed = { ...clinical, requirements: { ...clinical.requirements, certificatesRequired: true } };
      spec([scheduled, offered])
        .when({ type: 'ChangeCategory', category: changed })
        .then([{ type: 'CategoryChanged', data: { sessionCode: '2027', ...changed } }]);
    });
    it('changes nothing when the requirements are the same', () =>
      spec([scheduled, offered]).when({ type: 'ChangeCategory', category: clinical }).thenNothingHappens());
    it('refuses to change a stopped category (that would open it again)', () => {
      const withdrawn: CatalogEvent = { type: 'CategoryWithdrawn', data: { sessionCode: '2027', code: '110' } };
      spec([scheduled, offered, withdrawn])
        .when({ type: 'ChangeCategory', category: clinical })
        .thenThrows('CATEGORY_WITHDRAWN');
    });
    it('withdraws a category once', () => {
      const withdrawn: CatalogEvent = { type: 'CategoryWithdrawn', data: { sessionCode: '2027', code: '110' } };
      spec([scheduled, offered]).when({ type: 'WithdrawCategory', code: '110' }).then([withdrawn]);
      spec([scheduled, offered, withdrawn]).when({ type: 'WithdrawCategory', code: '110' }).thenNothingHappens();
    });
  });

  describe('areas and sites', () => {
    it('opens an area with a province code', () =>
      spec([scheduled]).when({ type: 'OpenExamArea', code: '11', name: '北京市' }).then([areaOpened]));
    it('refuses an area code that is not a province code', () =>
      spec([scheduled]).when({ type: 'OpenExamArea', code: '110', name: '北京市' }).thenThrows('VALIDATION_FAILED'));
    it('opens a site in an existing area', () =>
      spec([scheduled, areaOpened]).when({ type: 'OpenExamSite', site }).then([siteOpened]));
    it('refuses a site in an unknown area', () =>
      spec([scheduled]).when({ type: 'OpenExamSite', site }).thenThrows('AREA_NOT_FOUND'));
    it('refuses a site code outside its area', () =>
      spec([scheduled, areaOpened])
        .when({ type: 'OpenExamSite', site: { ...site, code: '1201' } })
        .thenThrows('VALIDATION_FAILED'));
    it('refuses a negative capacity', () =>
      spec([scheduled, areaOpened, siteOpened])
        .when({ type: 'ChangeSiteCapacity', siteCode: '1101', capacity: -1 })
        .thenThrows('VALIDATION_FAILED'));
    it('changes a capacity, and nothing when it is the same', () => {
      spec([scheduled, areaOpened, siteOpened])
        .when({ type: 'ChangeSiteCapacity', siteCode: '1101', capacity: 400 })
        .then([{ type: 'SiteCapacityChanged', data: { sessionCode: '2027', siteCode: '1101', capacity: 400 } }]);
      spec([scheduled, areaOpened, siteOpened])
        .when({ type: 'ChangeSiteCapacity', siteCode: '1101', capacity: 300 })
        .thenNothingHappens();
    });
    it('closes a site once', () => {
      const closed: CatalogEvent = { type: 'ExamSiteClosed', data: { sessionCode: '2027', siteCode: '1101' } };
      spec([scheduled, areaOpened, siteOpened]).when({ type: 'CloseExamSite', siteCode: '1101' }).then([closed]);
      spec([scheduled, areaOpened, siteOpened, closed])
        .when({ type: 'CloseExamSite', siteCode: '1101' })
        .thenNothingHappens();
    });
    it('opens a stopped site again, and leaves an open one as it is', () => {
      const closed: CatalogEvent = { type: 'ExamSiteClosed', data: { sessionCode: '2027', siteCode: '1101' } };
      const reopened: CatalogEvent = { type: 'ExamSiteReopened', data: { sessionCode: '2027', siteCode: '1101' } };
      spec([scheduled, areaOpened, siteOpened, closed])
        .when({ type: 'ReopenExamSite', siteCode: '1101' })
        .then([reopened]);
      spec([scheduled, areaOpened, siteOpened, closed, reopened])
        .when({ type: 'ReopenExamSite', siteCode: '1101' })
        .thenNothingHappens();
      spec([scheduled, areaOpened, siteOpened, closed, reopened])
        .when({ type: 'CloseExamSite', siteCode: '1101' })
        .then([closed]);
    });
    it('refuses to change an unknown site', () => {
      spec([scheduled]).when({ type: 'CloseExamSite', siteCode: '9999' }).thenThrows('SITE_NOT_FOUND');
      spec([scheduled]).when({ type: 'ReopenExamSite', siteCode: '9999' }).thenThrows('SITE_NOT_FOUND');
    });
  });
});
