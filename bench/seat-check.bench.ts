/**
 * npm run bench:seat-check — what one 座位核对 costs: it reads every staff-table row of the scope
 * (a national admin: the whole session) and checks each row's seat against its site's ledger.
 * Rows of a submitted enrollment (a full step-1–6 state, as the projection stores it) are written
 * to an embedded read store; the check is timed against, in the same run, a plain read of the
 * same rows in the same order (the CSV export in submission order), a read of one status within
 * an area, newest first (the ticket batch's shape), the CSV export sorted by name (an order
 * no index gives: the keys are read and sorted once, then the rows by id), and 导出Excel (the
 * default order's read, each row encoded into the streamed workbook). The ledgers and the
 * catalog are given (every seat held, so no row is confirmed on the streams; ledger folds are
 * bench:seats'), and no row changed in the last minutes (allRows reads those again, by the time
 * of their change).
 * Writes bench/results/seat-check.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ENROLLMENT_TABLE_COLLECTION,
  enrollmentTableProjection,
  type EnrollmentRow,
} from '../projections/enrollment-table/enrollment-table.projection';
import type { EnrollmentDecisions } from '../src/enrollment/enrollment-decisions';
import { EnrollmentQueries, type TableQuery } from '../src/enrollment/enrollment-queries';
import type { StaffScope } from '../src/infrastructure/http/principal';
import { SeatCheck } from '../src/enrollment/seat-check/seat-check.service';
import type { SeatLedger } from '../src/enrollment/seats/seat-ledger.service';
import { EmbeddedReadStore } from '../src/infrastructure/read-store/embedded/embedded-read-store';
import { PersistentIdMap } from '../src/shared/persistent-id-map';
import { exportCells, exportHeader, exportWidths } from '../src/enrollment/enrollment-csv';
import { xlsxStream } from '../src/shared/xlsx/xlsx-stream';
import { writeBenchReport } from './support/bench-report';
import { printTable } from './support/bench-table';
import { now } from './support/timing';
import { holdIdOf, siteCodeOf, SITES, submittedRow } from './support/staff-table-rows';

const SIZES = (process.env.BENCH_ROWS ?? '10000,100000,300000').split(',').map(Number);
const STARTED_AT = Date.now();
const rowOf = (i: number) => submittedRow(i, STARTED_AT);

async function measure(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-seat-check-'));
  const readStore = new EmbeddedReadStore({ file: join(dir, 'read-models.sqlite') });
  try {
    const table = await readStore.collection<EnrollmentRow>(
      ENROLLMENT_TABLE_COLLECTION,
      enrollmentTableProjection.collections[0].indexes,
    );
    for (let from = 0; from < size; from += 5000)
      await readStore.batch!(async (scope) => {
        const rows = scope.collection(table);
        for (let i = from; i < Math.min(size, from + 5000); i++)
          await rows.put(`2027_cand-${i}`, rowOf(i), BigInt(i + 1));
      });
    // Every seat held: the ledger of each site, as SeatLedger.held would give it.
    const holders = new Map<string, PersistentIdMap<readonly string[]>>();
    for (let i = 0; i < size; i++) {
      const site = siteCodeOf(i);
      holders.set(site, (holders.get(site) ?? PersistentIdMap.empty()).set(`2027_cand-${i}`, [holdIdOf(i)]));
    }
    const ledger = {
      held: async (_session: string, site: string) => ({ capacity: size, held: 0, holders: holders.get(site)! }),
    } as unknown as SeatLedger;
    const decisions = { catalog: async () => ({ sites: {}, areas: {} }) } as unknown as EnrollmentDecisions;
    const queries = new EnrollmentQueries(readStore);
    const check = new SeatCheck(queries, decisions, ledger);

    const readAll = async (query: TableQuery, scope?: StaffScope) => {
      const started = now();
      let read = 0;
      for await (const row of queries.allRows(query, scope)) if (row) read++;
      if (read !== size) throw new Error(`read ${read} of ${size}`);
      return now() - started;
    };
    await readAll({ sessionCode: '2027' }); // warms the page cache for every timed read alike
    const checkStarted = now();
    const seatless = await check.seatless('2027', { role: 'admin' });
    const checkMs = now() - checkStarted;
    if (seatless.length !== 0) throw new Error(`${seatless.length} seatless`);
    const plainReadMs = await readAll({ sessionCode: '2027', sort: 'submittedAt', order: 1 });
    // The ticket batch's shape: a status within an area, newest first.
    const scopedStatusReadMs = await readAll({ sessionCode: '2027', status: 'submitted' }, { areaCode: '11' });
    // The CSV export in another order than submission's (here by name, as the staff table allows).
    const byNameReadMs = await readAll({ sessionCode: '2027', sort: 'candidateName', order: 1 });
    // 导出Excel of every row in the default order: the same read, each row encoded into the workbook.
    const xlsxStarted = now();
    let xlsxBytes = 0;
    const sheet = {
      name: '报名',
      header: exportHeader(),
      widths: exportWidths(),
      rows: (async function* cells() {
        for await (const row of queries.allRows({ sessionCode: '2027' }, undefined)) yield exportCells(row);
      })(),
    };
    for await (const chunk of xlsxStream(sheet)) xlsxBytes += chunk.length;
    const xlsxExportMs = now() - xlsxStarted;
    return {
      rows: size,
      checkMs: Math.round(checkMs),
      plainReadMs: Math.round(plainReadMs),
      checkOverRead: Math.round((checkMs / plainReadMs) * 100) / 100,
      scopedStatusReadMs: Math.round(scopedStatusReadMs),
      byNameReadMs: Math.round(byNameReadMs),
      xlsxExportMs: Math.round(xlsxExportMs),
      xlsxMb: Math.round(xlsxBytes / 1e5) / 10,
      rowsPerSec: Math.round((size * 1000) / checkMs),
    };
  } finally {
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows = [];
  for (const size of SIZES) rows.push(await measure(size));
  printTable('座位核对 over the staff table (admin: every row) vs a plain read of the same rows', rows);
  const rowBytes = Buffer.byteLength(JSON.stringify(rowOf(0)));
  console.log(`written to ${writeBenchReport('seat-check', { rows, rowBytes, sites: SITES })}`);
}

void main();
