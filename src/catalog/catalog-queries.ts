import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../infrastructure/read-store/read-store.port';
import { NotFoundError } from '../shared/errors';
import {
  EXAM_CATALOG_COLLECTION,
  type ExamCatalogDocument,
} from '../../projections/exam-catalog/exam-catalog.projection';
import type { CatalogArea, CatalogCategory, CatalogSession, CatalogSite } from './catalog.state';
import { placeNamesOf, type PlaceNames } from './catalog-place-names';

/** A catalog for pages and the API: lists in code order. */
export interface CatalogView {
  session: CatalogSession;
  categories: CatalogCategory[];
  areas: Array<CatalogArea & { sites: CatalogSite[] }>;
}

export function toCatalogView(doc: ExamCatalogDocument): CatalogView | null {
  if (!doc.session) return null;
  const byCode = <T extends { code: string }>(a: T, b: T) => a.code.localeCompare(b.code);
  const sites = Object.values(doc.sites).sort(byCode);
  return {
    session: doc.session,
    categories: Object.values(doc.categories).sort(byCode),
    areas: Object.values(doc.areas)
      .sort(byCode)
      .map((area) => ({ ...area, sites: sites.filter((site) => site.areaCode === area.code) })),
  };
}

/** Reads the exam-catalog read model. */
@Injectable()
export class CatalogQueries {
  private knownCodes: { count: number; codes: string[] } | undefined;

  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  private collection() {
    return this.readStore.collection<ExamCatalogDocument>(EXAM_CATALOG_COLLECTION);
  }

  async listSessions(): Promise<CatalogView[]> {
    const docs = await (await this.collection()).find({ sort: [['sessionCode', -1]] });
    return docs.map(toCatalogView).filter((view): view is CatalogView => view !== null);
  }

  /** The areas and sites of every scheduled session, by code. */
  async placeNames(): Promise<PlaceNames> {
    return placeNamesOf(await this.listSessions());
  }

  /**
   * The codes of every session, for work that needs only them (a read-your-writes check on each
   * list read). Session documents are never deleted, only added (a rebuild refills them in log
   * order), so an unchanged count means an unchanged set: only a new session makes this read the
   * documents, which carry whole catalogs, again.
   */
  async sessionCodes(): Promise<string[]> {
    const collection = await this.collection();
    const count = await collection.count();
    if (this.knownCodes?.count !== count) {
      const docs = await collection.find({ sort: [['sessionCode', -1]] });
      this.knownCodes = { count, codes: docs.map((doc) => doc.sessionCode) };
    }
    return [...this.knownCodes.codes];
  }

  async getSession(sessionCode: string): Promise<CatalogView> {
    const stored = await (await this.collection()).get(sessionCode);
    const view = stored ? toCatalogView(stored.doc) : null;
    if (!view) throw new NotFoundError('SESSION_NOT_FOUND', '考试不存在');
    return view;
  }
}
