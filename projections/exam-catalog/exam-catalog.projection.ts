import type { ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import { CATALOG_EVENT_TYPES, type CatalogEvent } from '../../src/catalog/catalog.events';
import { updateGuarded } from '../site-occupancy/guarded-update';
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
    const catalogEvent = event as unknown as CatalogEvent;
    const sessionCode = catalogEvent.data.sessionCode;
    await updateGuarded(
      store.collection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION),
      sessionCode,
      event.position,
      (doc) => ({
        ...evolveCatalog(doc ?? initialCatalogState(), catalogEvent),
        sessionCode,
      }),
    );
  },
};
