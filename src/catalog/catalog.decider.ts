import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { DomainError, NotFoundError } from '../shared/errors';
import type { CatalogEvent, SessionWindows } from './catalog.events';
import type { CatalogSeed } from './catalog-seed';
import { evolveCatalog, initialCatalogState, windowsOf, type CatalogState } from './catalog.state';
import {
  categoryContent,
  refuseIfCategoryChangedSinceShown,
  refuseIfWindowsChangedSinceShown,
} from './changed-since-shown';
import {
  validateArea,
  validateCapacity,
  validateCategory,
  validateSite,
  validateWindows,
  type CategoryInput,
  type SiteInput,
} from './catalog-validation';

export type CatalogCommand =
  | { type: 'SeedCatalog'; seed: CatalogSeed }
  | { type: 'ScheduleExamSession'; sessionCode: string; name: string; year: number; windows: SessionWindows }
  /** `shown`: the version of the windows the admin saw (page form, If-Match); see changed-since-shown.ts. */
  | { type: 'ChangeSessionWindows'; windows: SessionWindows; shown?: string }
  | { type: 'OfferCategory'; category: CategoryInput }
  | { type: 'ChangeCategory'; category: CategoryInput; shown?: string }
  | { type: 'WithdrawCategory'; code: string }
  | { type: 'OpenExamArea'; code: string; name: string }
  | { type: 'OpenExamSite'; site: SiteInput }
  | { type: 'ChangeSiteCapacity'; siteCode: string; capacity: number }
  | { type: 'CloseExamSite'; siteCode: string }
  | { type: 'ReopenExamSite'; siteCode: string };

function requireSession(state: CatalogState): string {
  if (!state.session) throw new NotFoundError('SESSION_NOT_FOUND', '考试不存在');
  return state.session.sessionCode;
}

function requireSite(state: CatalogState, siteCode: string) {
  const site = state.sites[siteCode];
  if (!site) throw new NotFoundError('SITE_NOT_FOUND', '考点不存在');
  return site;
}

/** The whole default catalog in one append: at first start, or nothing when already scheduled. */
function decideSeed(seed: CatalogSeed, state: CatalogState): CatalogEvent[] {
  if (state.session) return [];
  const sessionCode = seed.session.code;
  const { name, year, windows } = seed.session;
  validateWindows(windows);
  const events: CatalogEvent[] = [{ type: 'ExamSessionScheduled', data: { sessionCode, name, year, ...windows } }];
  for (const category of seed.categories) {
    validateCategory(category);
    events.push({ type: 'CategoryOffered', data: { sessionCode, ...category } });
  }
  for (const area of seed.areas) {
    validateArea(area.code, area.name);
    events.push({ type: 'ExamAreaOpened', data: { sessionCode, code: area.code, name: area.name } });
    for (const site of area.sites) {
      const input: SiteInput = { ...site, areaCode: area.code, capacity: site.capacity ?? seed.defaultSiteCapacity };
      validateSite(input);
      events.push({ type: 'ExamSiteOpened', data: { sessionCode, ...input } });
    }
  }
  return events;
}

export function decideCatalog(command: CatalogCommand, state: CatalogState): CatalogEvent[] {
  switch (command.type) {
    case 'SeedCatalog':
      return decideSeed(command.seed, state);
    case 'ScheduleExamSession': {
      if (state.session) throw new DomainError('SESSION_EXISTS', '该考试已安排');
      validateWindows(command.windows);
      const { sessionCode, name, year } = command;
      return [{ type: 'ExamSessionScheduled', data: { sessionCode, name, year, ...command.windows } }];
    }
    case 'ChangeSessionWindows': {
      const sessionCode = requireSession(state);
      validateWindows(command.windows);
      refuseIfWindowsChangedSinceShown(state, command.windows, command.shown);
      const windows = windowsOf(command.windows);
      if (JSON.stringify(state.session?.windows) === JSON.stringify(windows)) return [];
      return [{ type: 'SessionWindowsChanged', data: { sessionCode, ...windows } }];
    }
    case 'OfferCategory': {
      const sessionCode = requireSession(state);
      validateCategory(command.category);
      if (state.categories[command.category.code]?.offered)
        throw new DomainError('CATEGORY_EXISTS', '该报考类别已存在');
      return [{ type: 'CategoryOffered', data: { sessionCode, ...command.category } }];
    }
    case 'ChangeCategory': {
      const sessionCode = requireSession(state);
      validateCategory(command.category);
      const current = state.categories[command.category.code];
      if (!current) throw new NotFoundError('CATEGORY_NOT_FOUND', '报考类别不存在');
      // Changing a stopped category would open it again (CategoryChanged offers it): that is OfferCategory's job.
      if (!current.offered)
        throw new DomainError('CATEGORY_WITHDRAWN', '该报考类别已停止，如需重新开放请在“新增报考类别”中添加');
      refuseIfCategoryChangedSinceShown(state, command.category, command.shown);
      const content = categoryContent(command.category);
      if (JSON.stringify(categoryContent(current)) === JSON.stringify(content)) return [];
      return [{ type: 'CategoryChanged', data: { sessionCode, code: current.code, ...content } }];
    }
    case 'WithdrawCategory': {
      const sessionCode = requireSession(state);
      const category = state.categories[command.code];
      if (!category) throw new NotFoundError('CATEGORY_NOT_FOUND', '报考类别不存在');
      return category.offered ? [{ type: 'CategoryWithdrawn', data: { sessionCode, code: command.code } }] : [];
    }
    case 'OpenExamArea': {
      const sessionCode = requireSession(state);
      validateArea(command.code, command.name);
      if (state.areas[command.code]) throw new DomainError('AREA_EXISTS', '该考区已存在');
      return [{ type: 'ExamAreaOpened', data: { sessionCode, code: command.code, name: command.name } }];
    }
    case 'OpenExamSite': {
      const sessionCode = requireSession(state);
      validateSite(command.site);
      if (!state.areas[command.site.areaCode]) throw new NotFoundError('AREA_NOT_FOUND', '考区不存在');
      if (state.sites[command.site.code]) throw new DomainError('SITE_EXISTS', '该考点已存在');
      return [{ type: 'ExamSiteOpened', data: { sessionCode, ...command.site } }];
    }
    case 'ChangeSiteCapacity': {
      const sessionCode = requireSession(state);
      validateCapacity(command.capacity);
      const site = requireSite(state, command.siteCode);
      if (site.capacity === command.capacity) return [];
      return [{ type: 'SiteCapacityChanged', data: { sessionCode, siteCode: site.code, capacity: command.capacity } }];
    }
    case 'CloseExamSite': {
      const sessionCode = requireSession(state);
      const site = requireSite(state, command.siteCode);
      return site.open ? [{ type: 'ExamSiteClosed', data: { sessionCode, siteCode: site.code } }] : [];
    }
    case 'ReopenExamSite': {
      const sessionCode = requireSession(state);
      const site = requireSite(state, command.siteCode);
      return site.open ? [] : [{ type: 'ExamSiteReopened', data: { sessionCode, siteCode: site.code } }];
    }
    default:
      return assertNever(command);
  }
}

export const catalogDecider: Decider<CatalogState, CatalogCommand, CatalogEvent> = {
  initialState: initialCatalogState,
  decide: decideCatalog,
  evolve: evolveCatalog,
};
