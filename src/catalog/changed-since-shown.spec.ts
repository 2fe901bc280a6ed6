import { catalogDecider } from './catalog.decider';
import type { CatalogEvent, SessionWindows } from './catalog.events';
import { deciderSpecification } from './decider-specification';
import { categoryVersionOf, windowsVersionOf } from './changed-since-shown';
import { sessionWindowsFixture } from './testing/session-windows.fixture';
import type { CategoryInput } from './catalog-validation';

const spec = deciderSpecification(catalogDecider);
const windows: SessionWindows = sessionWindowsFixture;
const scheduled = (current: SessionWindows): CatalogEvent => ({
  type: 'ExamSessionScheduled',
  data: { sessionCode: '2027', name: '2027年医师资格考试', year: 2027, ...current },
});
const clinical: CategoryInput = {
  code: '110',
  name: '临床执业医师',
  level: '执业医师',
  requirements: { minimumEducation: '本科', trainingRequired: true, certificatesRequired: false },
};
const offered = (category = clinical): CatalogEvent => ({
  type: 'CategoryOffered',
  data: { sessionCode: '2027', ...category },
});

describe('a catalog change pinned to what the admin was shown (page form, If-Match)', () => {
  describe('the session windows', () => {
    const shown = windowsVersionOf(windows);
    const otherAdmin = { ...windows, withdrawalDeadline: '2027-02-05T17:00:00+08:00' };
    const mine = { ...windows, registrationClosesAt: '2027-02-01T17:00:00+08:00' };
    const change = (sent: SessionWindows, version?: string) => ({
      type: 'ChangeSessionWindows' as const,
      windows: sent,
      shown: version,
    });

    it('saves when nothing changed since they were shown', () =>
      spec([scheduled(windows)])
        .when(change(mine, shown))
        .then([{ type: 'SessionWindowsChanged', data: { sessionCode: '2027', ...mine } }]));

    it('refuses to undo another admin’s change made since, saying what is saved now', () =>
      spec([scheduled(otherAdmin)])
        .when(change(mine, shown))
        .thenThrows('CATALOG_CHANGED', '现在保存的是：报名开始'));

    it('takes a double click and a change without a version as they are', () => {
      spec([scheduled(mine)])
        .when(change(mine, shown))
        .thenNothingHappens();
      spec([scheduled(otherAdmin)])
        .when(change(mine))
        .then([{ type: 'SessionWindowsChanged', data: { sessionCode: '2027', ...mine } }]);
    });

    it('does not depend on the order the fields were sent in', () => {
      const reversed = Object.fromEntries(Object.entries(windows).reverse()) as unknown as SessionWindows;
      expect(windowsVersionOf(reversed)).toBe(shown);
      spec([scheduled(windows)])
        .when(change(reversed))
        .thenNothingHappens();
    });
  });

  describe('a category', () => {
    const shown = categoryVersionOf(clinical);
    const mine = { ...clinical, requirements: { ...clinical.requirements, minimumEducation: '硕士研究生' as const } };
    const change = (category: CategoryInput, version?: string) => ({
      type: 'ChangeCategory' as const,
      category,
      shown: version,
    });

    it('saves when nothing changed since it was shown', () =>
      spec([scheduled(windows), offered()])
        .when(change(mine, shown))
        .then([{ type: 'CategoryChanged', data: { sessionCode: '2027', ...mine } }]));

    it('refuses to undo another admin’s requirements or rename made since', () => {
      const certificates = { ...clinical, requirements: { ...clinical.requirements, certificatesRequired: true } };
      spec([scheduled(windows), offered(certificates)])
        .when(change(mine, shown))
        .thenThrows('CATALOG_CHANGED', '现在保存的是：临床执业医师（执业医师），本科及以上，需培训经历，需证书');
      const renamed = { ...clinical, name: '临床类别执业医师' };
      spec([scheduled(windows), offered(renamed)])
        .when(change(mine, shown))
        .thenThrows('CATALOG_CHANGED', '临床类别执业医师');
    });

    it('takes a double click in any key order as no change', () => {
      const { requirements, ...rest } = mine;
      const reordered = {
        requirements: Object.fromEntries(Object.entries(requirements).reverse()),
        ...rest,
      } as unknown as CategoryInput;
      spec([scheduled(windows), offered(mine)])
        .when(change(reordered, shown))
        .thenNothingHappens();
    });
  });
});
