import { EmbeddedReadStore } from '../infrastructure/read-store/embedded/embedded-read-store';
import {
  EXAM_CATALOG_COLLECTION,
  type ExamCatalogDocument,
} from '../../projections/exam-catalog/exam-catalog.projection';
import { CatalogQueries } from './catalog-queries';
import { initialCatalogState } from './catalog.state';

describe('CatalogQueries.sessionCodes', () => {
  let store: EmbeddedReadStore;
  beforeEach(() => (store = new EmbeddedReadStore({ file: ':memory:' })));
  afterEach(() => store.close());

  const addSession = async (sessionCode: string, position: bigint) =>
    (await store.collection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION)).put(
      sessionCode,
      { ...initialCatalogState(), sessionCode },
      position,
    );

  it('lists the codes, reads the catalog documents again only when a session was added', async () => {
    const queries = new CatalogQueries(store);
    const collection = await store.collection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION);
    const find = jest.spyOn(collection, 'find');
    expect(await queries.sessionCodes()).toEqual([]);
    await addSession('2027', 1n);
    expect(await queries.sessionCodes()).toEqual(['2027']);
    const codes = await queries.sessionCodes();
    codes.push('mutated by a caller');
    await addSession('2027', 2n); // a change to a session's catalog, not a new session
    expect(await queries.sessionCodes()).toEqual(['2027']);
    expect(find).toHaveBeenCalledTimes(2);

    await addSession('2028', 3n);
    expect(await queries.sessionCodes()).toEqual(['2028', '2027']);
    expect(find).toHaveBeenCalledTimes(3);
  });
});
