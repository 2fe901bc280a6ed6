import type { RecordedEvent } from '../../src/shared/messages';
import type { Document, ReadCollection, StoredDocument } from '../../src/infrastructure/read-store/read-store.port';
import { examCatalogProjection, EXAM_CATALOG_COLLECTION, type ExamCatalogDocument } from './exam-catalog.projection';

/** A position-guarded in-memory collection with the read store's put semantics. */
function memoryCollection<T extends Document>(name: string): ReadCollection<T> {
  const docs = new Map<string, StoredDocument<T>>();
  return {
    name,
    get: async (id) => docs.get(id) ?? null,
    getMany: async (ids) => ids.flatMap((id) => (docs.has(id) ? [docs.get(id)!] : [])),
    put: async (id, doc, position) => {
      const current = docs.get(id);
      if (current && current.position >= position) return false;
      docs.set(id, { id, doc, position });
      return true;
    },
    delete: async (id) => docs.delete(id),
    find: async () => [...docs.values()].map((d) => d.doc),
    count: async () => docs.size,
  };
}

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
    const collection = memoryCollection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION);
    const store = { collection: <T extends Document>() => collection as unknown as ReadCollection<T> };
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
