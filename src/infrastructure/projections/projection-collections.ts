import type { Document, ReadCollection, ReadStore, WriteScope } from '../read-store/read-store.port';
import type { ProjectionCollections, ProjectionDefinition } from './projection';

/**
 * Opens the collections a projection declared (creating their indexes) and hands out only
 * those: a projection writing elsewhere would escape its rebuild.
 */
export async function openProjectionCollections(
  definition: ProjectionDefinition,
  readStore: ReadStore,
): Promise<ProjectionCollections> {
  const opened = new Map<string, ReadCollection<Document>>();
  for (const { name, indexes } of definition.collections) {
    opened.set(name, await readStore.collection<Document>(name, indexes));
  }
  return {
    collection<T extends Document>(name: string): ReadCollection<T> {
      const collection = opened.get(name);
      if (!collection) {
        throw new Error(`Projection ${definition.name} did not declare the collection "${name}" it uses`);
      }
      return collection as unknown as ReadCollection<T>;
    },
  };
}

/** The same collections, their writes joining a read-store batch. */
export function collectionsWithin(collections: ProjectionCollections, scope: WriteScope): ProjectionCollections {
  return {
    collection: <T extends Document>(name: string) => scope.collection(collections.collection<T>(name)),
  };
}
