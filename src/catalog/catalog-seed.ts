import { readFileSync } from 'node:fs';
import type { SessionWindows } from './catalog.events';
import type { CategoryInput } from './catalog-validation';

/** The shape of seed/catalog-2027.json: the default catalog scheduled at first start. */
export interface CatalogSeed {
  session: { code: string; name: string; year: number; windows: SessionWindows };
  categories: CategoryInput[];
  areas: Array<{
    code: string;
    name: string;
    sites: Array<{ code: string; city: string; name: string; address: string; capacity?: number }>;
  }>;
  /** Capacity of a site that names none. */
  defaultSiteCapacity: number;
}

export function readCatalogSeed(file: string): CatalogSeed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the catalog seed ${file}: ${(error as Error).message}`);
  }
  const seed = parsed as Partial<CatalogSeed>;
  if (!seed.session?.code || !Array.isArray(seed.categories) || !Array.isArray(seed.areas))
    throw new Error(`The catalog seed ${file} needs "session", "categories" and "areas"`);
  return { defaultSiteCapacity: 300, ...seed } as CatalogSeed;
}
