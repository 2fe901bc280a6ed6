import type { AppConfig } from '../../config/app-config';
import type { ReadStore } from './read-store.port';

/** Chooses the adapter from configuration; the MongoDB driver is loaded only when used. */
export async function createReadStore(config: AppConfig['readStore']): Promise<ReadStore> {
  if (config.kind === 'mongodb') {
    const { MongoReadStore } = await import('./mongo/mongo-read-store');
    return MongoReadStore.connect(config.uri, config.database);
  }
  const { EmbeddedReadStore } = await import('./embedded/embedded-read-store');
  return new EmbeddedReadStore({ file: config.file });
}
