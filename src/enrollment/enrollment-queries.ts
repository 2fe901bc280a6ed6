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

/**
 * The rows after `last` in the order (column, order), then enrollmentId ascending. The range on the
 * column comes first, on its own, so that an index on it starts the read at `last` rather than
 * at the first row again (which made reading every row quadratic in their number).
 */
function after(column: SortColumn, order: SortOrder, last: EnrollmentRow): Filter {
  const value = last[column];
  return {
    $and: [
      { [column]: { [order === 1 ? '$gte' : '$lte']: value } },
      { $or: [{ [column]: { [order === 1 ? '$gt' : '$lt']: value } }, { enrollmentId: { $gt: last.enrollmentId } }] },
    ],
  };
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

  async page(query: TableQuery, scope: StaffScope | undefined): Promise<TablePage> {
    const filter = EnrollmentQueries.filterFor(query, scope);
    const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 200);
    const table = await this.table();
    const total = await table.count(filter);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(Math.max(query.page ?? 1, 1), pages);
    const rows = await table.find({
      filter,
      sort: [
        [query.sort ?? 'submittedAt', query.order ?? -1],
        ['enrollmentId', 1],
      ],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { rows, total, page, pageSize, pages };
  }

  /**
   * Every row of the filter, for the CSV export, the ticket batch and 座位核对, each once. Read in batches,
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
    const order = query.order ?? -1;
    const passes: Array<{ filter: Filter; column: SortColumn; order: SortOrder }> = [
      { filter, column: query.sort ?? 'submittedAt', order },
      { filter: { $and: [filter, { updatedAt: { $gte: changedSince } }] }, column: 'updatedAt', order: 1 },
    ];
    for (const pass of passes)
      for await (const row of this.keyset(pass.filter, pass.column, pass.order)) {
        if (given.has(row.enrollmentId)) continue;
        given.add(row.enrollmentId);
        yield row;
      }
  }

  private async *keyset(filter: Filter, column: SortColumn, order: SortOrder) {
    const table = await this.table();
    let last: EnrollmentRow | undefined;
    for (;;) {
      const rows = await table.find({
        filter: last ? { $and: [filter, after(column, order, last)] } : filter,
        sort: [
          [column, order],
          ['enrollmentId', 1],
        ],
        limit: this.batchSize,
      });
      yield* rows;
      if (rows.length < this.batchSize) return;
      last = rows[rows.length - 1];
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
