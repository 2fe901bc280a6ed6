import { assertNever } from '../shared/decider';
import type { CatalogEvent, CategoryLevel, CategoryRequirements, SessionWindows } from './catalog.events';

export interface CatalogCategory {
  code: string;
  name: string;
  level: CategoryLevel;
  requirements: CategoryRequirements;
  offered: boolean;
}

export interface CatalogArea {
  code: string;
  name: string;
}

export interface CatalogSite {
  code: string;
  areaCode: string;
  city: string;
  name: string;
  address: string;
  capacity: number;
  open: boolean;
}

export interface CatalogSession {
  sessionCode: string;
  name: string;
  year: number;
  windows: SessionWindows;
}

/** The catalog of one session as its stream tells it. */
export type CatalogState = {
  session: CatalogSession | null;
  categories: Record<string, CatalogCategory>;
  areas: Record<string, CatalogArea>;
  sites: Record<string, CatalogSite>;
};

export const initialCatalogState = (): CatalogState => ({ session: null, categories: {}, areas: {}, sites: {} });

export function windowsOf(data: SessionWindows): SessionWindows {
  const { registrationOpensAt, registrationClosesAt, withdrawalDeadline, ticketPrintingOpensAt } = data;
  return {
    registrationOpensAt,
    registrationClosesAt,
    withdrawalDeadline,
    ticketPrintingOpensAt,
    ticketPrintingClosesAt: data.ticketPrintingClosesAt,
    examDates: [...data.examDates],
  };
}

export function evolveCatalog(state: CatalogState, event: CatalogEvent): CatalogState {
  switch (event.type) {
    case 'ExamSessionScheduled': {
      const { sessionCode, name, year } = event.data;
      return { ...state, session: { sessionCode, name, year, windows: windowsOf(event.data) } };
    }
    case 'SessionWindowsChanged':
      return state.session ? { ...state, session: { ...state.session, windows: windowsOf(event.data) } } : state;
    case 'CategoryOffered':
    case 'CategoryChanged': {
      const { code, name, level, requirements } = event.data;
      return {
        ...state,
        categories: { ...state.categories, [code]: { code, name, level, requirements, offered: true } },
      };
    }
    case 'CategoryWithdrawn': {
      const category = state.categories[event.data.code];
      if (!category) return state;
      return { ...state, categories: { ...state.categories, [category.code]: { ...category, offered: false } } };
    }
    case 'ExamAreaOpened':
      return {
        ...state,
        areas: { ...state.areas, [event.data.code]: { code: event.data.code, name: event.data.name } },
      };
    case 'ExamSiteOpened': {
      const { code, areaCode, city, name, address, capacity } = event.data;
      const site: CatalogSite = { code, areaCode, city, name, address, capacity, open: true };
      return { ...state, sites: { ...state.sites, [code]: site } };
    }
    case 'SiteCapacityChanged':
      return updateSite(state, event.data.siteCode, { capacity: event.data.capacity });
    case 'ExamSiteClosed':
      return updateSite(state, event.data.siteCode, { open: false });
    case 'ExamSiteReopened':
      return updateSite(state, event.data.siteCode, { open: true });
    default:
      return assertNever(event);
  }
}

function updateSite(state: CatalogState, code: string, change: Partial<CatalogSite>): CatalogState {
  const site = state.sites[code];
  return site ? { ...state, sites: { ...state.sites, [code]: { ...site, ...change } } } : state;
}
