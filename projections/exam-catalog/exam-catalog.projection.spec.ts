import type { RecordedEvent } from '../../src/shared/messages';
import { memoryCollections } from '../testing/memory-collections';
import { examCatalogProjection, EXAM_CATALOG_COLLECTION, type ExamCatalogDocument } from './exam-catalog.projection';

let position = 0n;
const recorded = (type: string, data: object): RecordedEvent => {
  position += 1n;
  return {
    id: `e${position}`,
    streamId: 'exam-2027',
    type,
    data,
    metadata: {} as RecordedEvent['metadata'],
    revision: position - 1n,
    position,
    recordedAt: new Date().toISOString(),
  };
};

describe('exam-catalog projection', () => {
  it('builds the catalog document and ignores a redelivered event', async () => {
    const store = memoryCollections();
    const collection = store.collection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION);
    const windows = {
      registrationOpensAt: '2027-01-05T08:00:00+08:00',
      registrationClosesAt: '2027-01-31T17:00:00+08:00',
      withdrawalDeadline: '2027-01-31T17:00:00+08:00',
      ticketPrintingOpensAt: '2027-05-25T08:00:00+08:00',
      ticketPrintingClosesAt: '2027-06-12T17:00:00+08:00',
      examDates: ['2027-06-08'],
    };
    const site = { code: '1101', areaCode: '11', city: '东城区', name: 'A', address: 'B', capacity: 300 };
    const events = [
      recorded('ExamSessionScheduled', { sessionCode: '2027', name: '2027年医师资格考试', year: 2027, ...windows }),
      recorded('ExamAreaOpened', { sessionCode: '2027', code: '11', name: '北京市' }),
      recorded('ExamSiteOpened', { sessionCode: '2027', ...site }),
      recorded('SiteCapacityChanged', { sessionCode: '2027', siteCode: '1101', capacity: 10 }),
    ];
    const siteOpenedAgain = events[2];
    for (const event of events) await examCatalogProjection.apply(event, store);
    await examCatalogProjection.apply(siteOpenedAgain, store);

    const doc = (await collection.get('2027'))!.doc;
    expect(doc.session?.name).toBe('2027年医师资格考试');
    expect(doc.areas['11'].name).toBe('北京市');
    expect(doc.sites['1101']).toMatchObject({ capacity: 10, open: true });
  });
});
