/**
 * npm run bench:staff-table — one page of 资格审核's table (`/staff/review`, `GET
 * /api/staff/enrollments`) in each order it offers, for an admin (the whole session) and for an
 * area's staff, at page 1 and page 500 (20 rows a page), over a season's rows (full step-1–6
 * states; names, categories, statuses and tickets varied). The same rows are written twice in the
 * run, alternately (BENCH_ROUNDS times each): with the table's indexes, and without its sort
 * indexes (STAFF_SORT_INDEXES), so each page's time has its baseline and the writes' cost of those
 * indexes shows. Each figure is the best of its rounds (a page: the median of three reads).
 * Writes bench/results/staff-table.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ENROLLMENT_TABLE_COLLECTION,
  enrollmentTableProjection,
  STAFF_SORT_INDEXES,
  type EnrollmentRow,
} from '../projections/enrollment-table/enrollment-table.projection';
import { EnrollmentQueries, SORTABLE_COLUMNS, type SortColumn } from '../src/enrollment/enrollment-queries';
import type { StaffScope } from '../src/infrastructure/http/principal';
import type { IndexSpec, SortOrder } from '../src/infrastructure/read-store/read-store.port';
import { EmbeddedReadStore } from '../src/infrastructure/read-store/embedded/embedded-read-store';
import { nameSortKey } from '../src/shared/name-sort-key';
import { ticketNumber } from '../src/enrollment/tickets/ticket-number';
import { writeBenchReport } from './support/bench-report';
import { printTable } from './support/bench-table';
import { submittedRow } from './support/staff-table-rows';
import { now } from './support/timing';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const STARTED_AT = Date.now();
const AREAS = ['11', '31', '44', '51'];
const CATEGORIES = ['110', '120', '130', '141', '210', '220', '230', '241'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱单';
const GIVEN = '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉力鹏宇浩然晨阳欣怡子涵思雨佳琪';

/** Row i varied as a season's are: 4 areas of 10 sites, 8 categories, 60% approved with a ticket, 10% rejected. */
function seasonRow(i: number): EnrollmentRow {
  const name = `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 13) % GIVEN.length]}${GIVEN[(i * 31) % GIVEN.length]}`;
  const row = submittedRow(i, STARTED_AT, name);
  const areaCode = AREAS[i % AREAS.length];
  const siteCode = `${areaCode}${String(1 + (Math.floor(i / AREAS.length) % 10)).padStart(2, '0')}`;
  const categoryCode = CATEGORIES[(i >> 2) % CATEGORIES.length];
  const status = i % 10 < 6 ? 'approved' : i % 10 < 9 ? 'submitted' : 'rejected';
  return {
    ...row,
    candidateNameKey: nameSortKey(name),
    areaCode,
    siteCode,
    categoryCode,
    status,
    ticketNumber: status === 'approved' ? ticketNumber(2027, siteCode, categoryCode, 1 + (i % 999)) : '',
  };
}

interface Case {
  sort: SortColumn;
  order: SortOrder;
  scope: 'admin' | 'area';
  page: number;
}

const CASES: Case[] = SORTABLE_COLUMNS.flatMap((sort) =>
  ([-1, 1] as const).flatMap((order) =>
    (['admin', 'area'] as const).flatMap((scope) => [1, 500].map((page) => ({ sort, order, scope, page }))),
  ),
);

interface Measured {
  writeMs: number;
  times: Map<Case, number>;
}

function best(runs: Measured[]): Measured {
  return {
    writeMs: Math.min(...runs.map((run) => run.writeMs)),
    times: new Map(CASES.map((c) => [c, Math.min(...runs.map((run) => run.times.get(c)!))])),
  };
}

const sameSpec = (a: IndexSpec, b: IndexSpec) => JSON.stringify(a) === JSON.stringify(b);

async function measure(indexes: IndexSpec[]): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-staff-table-'));
  const readStore = new EmbeddedReadStore({ file: join(dir, 'read-models.sqlite') });
  try {
    const table = await readStore.collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION, indexes);
    const writeStarted = now();
    for (let from = 0; from < ROWS; from += 5000)
      await readStore.batch!(async (batch) => {
        const rows = batch.collection(table);
        for (let i = from; i < Math.min(ROWS, from + 5000); i++)
          await rows.put(`2027_cand-${i}`, seasonRow(i), BigInt(i + 1));
      });
    const writeMs = now() - writeStarted;
    const queries = new EnrollmentQueries(readStore);
    const times = new Map<Case, number>();
    for (const c of CASES) {
      const scope: StaffScope | undefined = c.scope === 'area' ? { areaCode: '11' } : undefined;
      const samples: number[] = [];
      for (let run = 0; run < 3; run++) {
        const started = now();
        const page = await queries.page({ sessionCode: '2027', sort: c.sort, order: c.order, page: c.page }, scope);
        samples.push(now() - started);
        if (page.rows.length !== 20) throw new Error(`${JSON.stringify(c)}: ${page.rows.length} rows`);
      }
      times.set(c, samples.sort((a, b) => a - b)[1]);
    }
    return { writeMs, times };
  } finally {
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const all = enrollmentTableProjection.collections[0].indexes ?? [];
  const withoutSort = all.filter((spec) => !STAFF_SORT_INDEXES.some((sortSpec) => sameSpec(spec, sortSpec)));
  // Alternated, each figure the best of its rounds: the machine's speed drifts during a run.
  const rounds = { before: [] as Measured[], after: [] as Measured[] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.before.push(await measure(withoutSort));
    rounds.after.push(await measure(all));
  }
  const [before, after] = [best(rounds.before), best(rounds.after)];
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const pages = CASES.map((c) => ({
    sort: c.sort,
    order: c.order === 1 ? 'asc' : 'desc',
    scope: c.scope,
    page: c.page,
    ms: round(after.times.get(c)!),
    withoutSortIndexesMs: round(before.times.get(c)!),
  }));
  printTable(`One page (20 rows) of the staff table, ${ROWS.toLocaleString('en-US')} rows (area 11: a quarter)`, pages);
  const writes = {
    rowsWrittenPerSec: Math.round((ROWS * 1000) / after.writeMs),
    withoutSortIndexesRowsWrittenPerSec: Math.round((ROWS * 1000) / before.writeMs),
  };
  printTable('Writing the rows (the projection writes each row so)', [writes]);
  const slowestMs = Math.max(...pages.map((p) => p.ms));
  console.log(`slowest page ${slowestMs} ms`);
  console.log(
    `written to ${writeBenchReport('staff-table', { rows: ROWS, rounds: ROUNDS, pages, writes, slowestMs })}`,
  );
}

void main();
