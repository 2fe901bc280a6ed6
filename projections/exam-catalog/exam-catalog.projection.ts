import type { ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import { CATALOG_EVENT_TYPES, type CatalogEvent } from '../../src/catalog/catalog.events';
import { evolveCatalog, initialCatalogState, type CatalogState } from '../../src/catalog/catalog.state';

export const EXAM_CATALOG_COLLECTION = 'exam-catalog';

/** One document per session: the catalog as the exam stream tells it. */
export type ExamCatalogDocument = CatalogState & { sessionCode: string };

/** The catalog read model: the same evolve as the decider, so both tell the same story. */
export const examCatalogProjection: ProjectionDefinition = {
  name: 'exam-catalog',
  collections: [{ name: EXAM_CATALOG_COLLECTION }],
  eventTypes: CATALOG_EVENT_TYPES,
  async apply(event, store) {
    const collection = store.collection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION);
    const catalogEvent = event as unknown as CatalogEvent;
    const sessionCode = catalogEvent.data.sessionCode;
    const stored = await collection.get(sessionCode);
    if (stored && stored.position >= event.position) return;
    const state = evolveCatalog(stored?.doc ?? initialCatalogState(), catalogEvent);
    await collection.put(sessionCode, { ...state, sessionCode }, event.position);
  },
};
