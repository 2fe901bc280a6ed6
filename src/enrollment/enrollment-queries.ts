import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type Filter, type ReadStore, type SortOrder } from '../infrastructure/read-store/read-store.port';
import type { StaffScope } from '../infrastructure/http/principal';
import {
  ENROLLMENT_TABLE_COLLECTION,
  type EnrollmentRow,
} from '../../projections/enrollment-table/enrollment-table.projection';
import {
  SITE_OCCUPANCY_COLLECTION,
  type SiteOccupancyDocument,
} from '../../projections/site-occupancy/site-occupancy.projection';

export const SORTABLE_COLUMNS = [
  'submittedAt',
  'updatedAt',
  'candidateName',
  'siteCode',
  'categoryCode',
  'status',
  'ticketNumber',
] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];

/** The stored field a column sorts by: 姓名 by its pinyin key (nameSortKey), the others by themselves. */
const sortField = (column: SortColumn): keyof EnrollmentRow =>
  column === 'candidateName' ? 'candidateNameKey' : column;

/**
 * The whole order of a column's reads, pages and exports alike. Equal values (a site, a status, a
 * name) follow in submission order, the same way round: the column's index by submission serves
 * the page then, where a tie broken by id alone made the store sort every row of the session for
 * it (seconds at a season's scale). Times tie rarely: theirs are broken by id alone.
 */
export function sortOf(column: SortColumn, order: SortOrder): Array<[keyof EnrollmentRow, SortOrder]> {
  const ties: Array<[keyof EnrollmentRow, SortOrder]> =
    column === 'submittedAt' || column === 'updatedAt' ? [] : [['submittedAt', order]];
  return [[sortField(column), order], ...ties, ['enrollmentId', 1]];
}

export interface TableQuery {
  sessionCode: string;
  areaCode?: string;
  siteCode?: string;
  status?: string;
  categoryCode?: string;
  sort?: SortColumn;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
}

export interface TablePage {
  rows: EnrollmentRow[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export type SiteAvailability = SiteOccupancyDocument & { remaining: number };

/**
 * How long before a full read began a row's change may date (its command's time) and still reach
 * the table during the read: the command's own time plus the projection's lag, with room to spare.
 */
const CHANGED_DURING_READ_MARGIN_MS = 5 * 60_000;

/** The columns read by keyset: times, whose ties sortOf breaks by id alone, as afterLast continues. */
type KeysetColumn = 'submittedAt' | 'updatedAt';

/**
 * The rows after `last` in the order (column, order), then enrollmentId ascending, as two reads an
 * index serves without sorting: the rest of `last`'s value (equal value, a greater id), then the
 * values beyond it. One range with an `$or` for the tie made the store take every row of the tie
 * and sort them again for each batch: after the ticket batch or 通过所选, thousands of rows share
 * one updatedAt (the command's time), and reading them took seconds a batch, quadratic in the tie.
 */
function afterLast(column: KeysetColumn, order: SortOrder, last: EnrollmentRow): [Filter, Filter] {
  const value = last[column];
  return [
    { [column]: value, enrollmentId: { $gt: last.enrollmentId } },
    { [column]: { [order === 1 ? '$gt' : '$lt']: value } },
  ];
}

/**
 * Two values of a sort column in the read store's order: missing first, then strings by code point
 * (the order of their UTF-8 bytes, SQLite's BINARY and MongoDB's simple comparison alike; UTF-16
 * units would put rare characters beyond U+FFFF, as some names have, before U+E000–U+FFFF).
 */
export function compareAsStored(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  const [x, y] = [String(a), String(b)];
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    const [cx, cy] = [x.codePointAt(i)!, y.codePointAt(j)!];
    if (cx !== cy) return cx < cy ? -1 : 1;
    i += cx > 0xffff ? 2 : 1;
    j += cy > 0xffff ? 2 : 1;
  }
  return Math.sign(x.length - y.length);
}

/** Whether a row passes a filter of filterFor's making (equality, `$ne`, `$in`) as the store would. */
function passesFilter(row: EnrollmentRow, filter: Filter): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    const value = (row as unknown as Record<string, unknown>)[field];
    if (condition === null || typeof condition !== 'object') return value === condition;
    if ('$ne' in condition) return value !== condition.$ne;
    if ('$in' in condition && Array.isArray(condition.$in)) return condition.$in.includes(value);
    throw new Error(`passesFilter: unsupported condition on ${field}`);
  });
}

/** Reads the enrollment-table and site-occupancy read models. */
@Injectable()
export class EnrollmentQueries {
  /** Rows per read of allRows. */
  batchSize = 500;

  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  private table() {
    return this.readStore.collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION);
  }

  async forCandidate(candidateId: string): Promise<EnrollmentRow[]> {
    return (await this.table()).find({ filter: { candidateId }, sort: [['sessionCode', -1]] });
  }

  /**
   * Staff see submitted enrollments (then approved, rejected or withdrawn), never drafts: a
   * candidate who only chose a site in step 6 has not applied there. A staff member's scope
   * narrows every filter: a site's staff see their site only.
   */
  static filterFor(query: TableQuery, scope: StaffScope | undefined): Filter {
    const filter: Filter = { sessionCode: query.sessionCode, submittedAt: { $ne: '' } };
    if (query.areaCode) filter.areaCode = query.areaCode;
    if (query.siteCode) filter.siteCode = query.siteCode;
    if (query.status) filter.status = query.status;
    if (query.categoryCode) filter.categoryCode = query.categoryCode;
    if (scope?.areaCode) filter.areaCode = scope.areaCode;
    if (scope?.siteCode) filter.siteCode = scope.siteCode;
    if (
      (scope?.areaCode && query.areaCode && query.areaCode !== scope.areaCode) ||
      (scope?.siteCode && query.siteCode && query.siteCode !== scope.siteCode)
    )
      filter.enrollmentId = { $in: [] }; // asking outside one's scope finds nothing
    return filter;
  }

  async count(query: TableQuery, scope: StaffScope | undefined): Promise<number> {
    return (await this.table()).count(EnrollmentQueries.filterFor(query, scope));
  }

  async page(query: TableQuery, scope: StaffScope | undefined): Promise<TablePage> {
    const filter = EnrollmentQueries.filterFor(query, scope);
    const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 200);
    const table = await this.table();
    const total = await table.count(filter);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(Math.max(query.page ?? 1, 1), pages);
    const rows = await table.find({
      filter,
      sort: sortOf(query.sort ?? 'submittedAt', query.order ?? -1),
      skip: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { rows, total, page, pageSize, pages };
  }

  /**
   * Every row of the filter, for the CSV export, the ticket batch and 座位核对, each once. Between
   * batches the event loop takes a turn: the embedded store answers synchronously, so a read of a
   * whole province (a CSV export, 座位核对) otherwise held every other request until its end
   * (seconds: a candidate's page waited 3.9 s behind an admin's CSV export of 200,000 rows). Read in batches,
   * each continuing after the last row read (sort value, then id) rather than at an offset, so a
   * row entering or leaving the filter meanwhile (a decision, a withdrawal) shifts no other row.
   * A row whose sort value moved behind the cursor meanwhile was changed during the read: the rows
   * changed since shortly before it began are read again at the end, by the time of their change
   * (one changed again meanwhile only moves ahead), and those not yet given follow.
   */
  async *allRows(query: TableQuery, scope: StaffScope | undefined): AsyncGenerator<EnrollmentRow> {
    const filter = EnrollmentQueries.filterFor(query, scope);
    const changedSince = new Date(Date.now() - CHANGED_DURING_READ_MARGIN_MS).toISOString();
    const given = new Set<string>();
    const column = query.sort ?? 'submittedAt';
    const order = query.order ?? -1;
    const passes = [
      column === 'submittedAt' ? this.keyset(filter, column, order) : this.byKeys(filter, column, order),
      this.changedSince(query.sessionCode, changedSince, filter),
    ];
    for (const pass of passes)
      for await (const row of pass) {
        if (given.has(row.enrollmentId)) continue;
        given.add(row.enrollmentId);
        yield row;
      }
  }

  /**
   * The session's rows changed since `since`, by the time of their change, that pass `filter`. Read
   * on the (session, updatedAt) index alone and filtered here: with the filter's own fields in the
   * query (a status, an area) the store chose their index and sorted every matching row again for
   * each batch, so after a mass change (the ticket batch, 通过所选 of many pages) a full read within
   * the margin took minutes (120,000 rows changed: ~1.3 s a batch of 500, the event loop blocked).
   */
  private async *changedSince(sessionCode: string, since: string, filter: Filter) {
    for await (const row of this.keyset({ sessionCode, updatedAt: { $gte: since } }, 'updatedAt', 1))
      if (passesFilter(row, filter)) yield row;
  }

  private async *keyset(filter: Filter, column: KeysetColumn, order: SortOrder) {
    const table = await this.table();
    const sort: Array<[string, SortOrder]> = [
      [column, order],
      ['enrollmentId', 1],
    ];
    let last: EnrollmentRow | undefined;
    for (;;) {
      let rows: EnrollmentRow[];
      if (!last) rows = await table.find({ filter, sort, limit: this.batchSize });
      else {
        const [tie, beyond] = afterLast(column, order, last);
        rows = await table.find({
          filter: { $and: [filter, tie] },
          sort: [['enrollmentId', 1]],
          limit: this.batchSize,
        });
        if (rows.length < this.batchSize)
          rows.push(
            ...(await table.find({ filter: { $and: [filter, beyond] }, sort, limit: this.batchSize - rows.length })),
          );
      }
      yield* rows;
      if (rows.length < this.batchSize) return;
      last = rows[rows.length - 1];
      await nextTurn();
    }
  }

  /**
   * The rows in an order no index gives within every scope (by name, site, status…): a keyset read
   * would sort the whole scope again for every batch, quadratic in its rows. Instead the scope's
   * sort keys are read once, in submission order on its index, sorted here as the store sorts, and
   * the rows fetched by id in that order; a row that has left the filter since is not given.
   */
  private async *byKeys(filter: Filter, column: SortColumn, order: SortOrder) {
    const sort = sortOf(column, order);
    const fields = sort.map(([field]) => field);
    const directions = sort.map(([, direction]) => direction);
    const keys: Array<{ id: string; values: unknown[] }> = [];
    for await (const row of this.keyset(filter, 'submittedAt', 1))
      keys.push({ id: row.enrollmentId, values: fields.map((field) => row[field]) });
    keys.sort((a, b) => {
      for (let i = 0; i < directions.length; i++) {
        const compared = directions[i] * compareAsStored(a.values[i], b.values[i]);
        if (compared !== 0) return compared;
      }
      return 0;
    });
    const table = await this.table();
    for (let from = 0; from < keys.length; from += this.batchSize) {
      if (from > 0) await nextTurn();
      const ids = keys.slice(from, from + this.batchSize).map((key) => key.id);
      // getMany promises no order (MongoDB's answers in its own): the keys' order is kept here.
      const byId = new Map((await table.getMany(ids)).map((stored) => [stored.id, stored.doc]));
      for (const id of ids) {
        const row = byId.get(id);
        if (row && passesFilter(row, filter)) yield row;
      }
    }
  }

  async sites(sessionCode: string, areaCode?: string): Promise<SiteAvailability[]> {
    const filter: Filter = { sessionCode, ...(areaCode ? { areaCode } : {}) };
    const docs = await (
      await this.readStore.collection<SiteOccupancyDocument>(SITE_OCCUPANCY_COLLECTION)
    ).find({
      filter,
      sort: [['siteCode', 1]],
    });
    return docs.map((doc) => ({ ...doc, remaining: Math.max(0, doc.capacity - doc.held) }));
  }

  async site(sessionCode: string, siteCode: string): Promise<SiteOccupancyDocument | null> {
    const collection = await this.readStore.collection<SiteOccupancyDocument>(SITE_OCCUPANCY_COLLECTION);
    return (await collection.get(`${sessionCode}_${siteCode}`))?.doc ?? null;
  }
}
