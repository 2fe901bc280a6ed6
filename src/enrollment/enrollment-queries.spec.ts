import { nameSortKey } from '../shared/name-sort-key';
import {
  ENROLLMENT_TABLE_COLLECTION,
  enrollmentTableProjection,
  type EnrollmentRow,
} from '../../projections/enrollment-table/enrollment-table.projection';
import { EmbeddedCollection } from '../infrastructure/read-store/embedded/embedded-collection';
import { EmbeddedReadStore } from '../infrastructure/read-store/embedded/embedded-read-store';
import { csvCell } from './enrollment-csv';
import { compareAsStored, EnrollmentQueries, SORTABLE_COLUMNS } from './enrollment-queries';
import { coversSite } from './staff-review/enrollment-review.service';
import type { Principal } from '../infrastructure/http/principal';

describe('staff scope', () => {
  const query = { sessionCode: '2027' };
  it('narrows the enrollment table to the staff member’s area or site', () => {
    expect(EnrollmentQueries.filterFor(query, { areaCode: '11' })).toMatchObject({
      sessionCode: '2027',
      areaCode: '11',
    });
    expect(EnrollmentQueries.filterFor({ ...query, status: 'submitted' }, { siteCode: '1101' })).toMatchObject({
      siteCode: '1101',
      status: 'submitted',
    });
  });
  it('leaves out drafts and enrollments started again but not yet submitted', () => {
    expect(EnrollmentQueries.filterFor(query, undefined)).toEqual({ sessionCode: '2027', submittedAt: { $ne: '' } });
  });
  it('finds nothing when asked about another area', () => {
    expect(EnrollmentQueries.filterFor({ ...query, areaCode: '44' }, { areaCode: '11' })).toMatchObject({
      enrollmentId: { $in: [] },
    });
  });
  it('lets national staff and admins filter freely', () => {
    expect(EnrollmentQueries.filterFor({ ...query, areaCode: '44' }, undefined)).toMatchObject({ areaCode: '44' });
  });
  it('decides which sites a reviewer covers', () => {
    const staff = (scope: Principal['scope']): Principal => ({
      role: 'staff',
      id: 's',
      username: 's',
      sessionId: 'x',
      scope,
    });
    expect(coversSite(staff({ areaCode: '11' }), '1102')).toBe(true);
    expect(coversSite(staff({ areaCode: '11' }), '4401')).toBe(false);
    expect(coversSite(staff({ siteCode: '1101' }), '1102')).toBe(false);
    expect(coversSite(staff({ areaCode: '11' }), null)).toBe(false);
    expect(coversSite({ ...staff(undefined), role: 'admin' }, '4401')).toBe(true);
  });
});

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks', () => expect(csvCell('张三,"李"\n')).toBe('"张三,""李""\n"'));
  it('neutralises spreadsheet formulas', () => expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"'));
  it('writes empty for null', () => expect(csvCell(null)).toBe(''));
});

describe('every row of a filter (CSV export, ticket batch)', () => {
  const row = (n: number, status = 'approved') =>
    ({
      enrollmentId: `2027_c${n}`,
      sessionCode: '2027',
      status,
      submittedAt: `2026-12-01T00:00:0${n}.000Z`,
    }) as unknown as EnrollmentRow;

  /** A read of the rest of a tie: the last row's value, ids after its id. */
  const isTie = (options: { filter?: object } | undefined) =>
    /"enrollmentId":\{"\$gt"/.test(JSON.stringify(options?.filter));

  async function tableOf(count: number) {
    const store = new EmbeddedReadStore({ file: ':memory:' });
    const table = await store.collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION);
    for (let n = 1; n <= count; n++) await table.put(`2027_c${n}`, row(n), BigInt(n));
    const queries = new EnrollmentQueries(store);
    queries.batchSize = 2;
    return { store, table, queries };
  }

  it('lets other requests run between batches, in every order', async () => {
    const { store, queries } = await tableOf(7);
    for (const sort of ['submittedAt', 'candidateName'] as const) {
      // Counts the event loop's turns during the read: a read answered in microtasks alone never gives one.
      let turns = 0;
      let reading = true;
      const spin = () => {
        if (!reading) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      let read = 0;
      for await (const found of queries.allRows({ sessionCode: '2027', sort }, undefined)) if (found) read++;
      reading = false;
      expect(read).toBe(7);
      expect(turns).toBeGreaterThan(0);
    }
    await store.close();
  });

  it('skips no row when one read earlier leaves the filter between batches', async () => {
    const { store, table, queries } = await tableOf(5);
    const seen: string[] = [];
    for await (const found of queries.allRows({ sessionCode: '2027', status: 'approved', order: 1 }, undefined)) {
      seen.push(found.enrollmentId);
      // Rejected just after the first batch was read: an offset would now skip c3.
      if (seen.length === 2) await table.put('2027_c1', row(1, 'rejected'), 10n);
    }
    expect(seen).toEqual(['2027_c1', '2027_c2', '2027_c3', '2027_c4', '2027_c5']);
    await store.close();
  });

  it('gives a row once when its sort value moves past the cursor meanwhile', async () => {
    const { store, table, queries } = await tableOf(5);
    const seen: string[] = [];
    for await (const found of queries.allRows({ sessionCode: '2027', order: 1 }, undefined)) {
      seen.push(found.enrollmentId);
      if (seen.length === 2) await table.put('2027_c1', { ...row(1), submittedAt: '2026-12-01T00:00:09.000Z' }, 10n);
    }
    expect(seen).toEqual(['2027_c1', '2027_c2', '2027_c3', '2027_c4', '2027_c5']);
    await store.close();
  });

  it('gives a row changed behind the cursor meanwhile at the end, not never', async () => {
    const { store, table, queries } = await tableOf(5);
    const seen: string[] = [];
    for await (const found of queries.allRows({ sessionCode: '2027', order: 1 }, undefined)) {
      seen.push(found.enrollmentId);
      if (seen.length === 2)
        await table.put(
          '2027_c5',
          { ...row(5), submittedAt: '2026-11-30T00:00:00.000Z', updatedAt: new Date().toISOString() },
          10n,
        );
    }
    expect(seen).toEqual(['2027_c1', '2027_c2', '2027_c3', '2027_c4', '2027_c5']);
    await store.close();
  });

  it('reads rows with the same submission time once each, in both orders', async () => {
    const { store, table, queries } = await tableOf(0);
    for (let n = 1; n <= 5; n++) await table.put(`2027_c${n}`, { ...row(n), submittedAt: '2026-12-01' }, BigInt(n));
    for (const order of [1, -1] as const) {
      const seen: string[] = [];
      for await (const found of queries.allRows({ sessionCode: '2027', order }, undefined))
        seen.push(found.enrollmentId);
      expect(seen).toEqual(['2027_c1', '2027_c2', '2027_c3', '2027_c4', '2027_c5']);
    }
    await store.close();
  });

  it('starts each batch at the last row read on an index, not by sorting the whole scope again', async () => {
    const store = new EmbeddedReadStore({ file: ':memory:' });
    const table = await store.collection<EnrollmentRow>(
      ENROLLMENT_TABLE_COLLECTION,
      enrollmentTableProjection.collections[0].indexes,
    );
    const changedNow = { areaCode: '11', siteCode: '1101', updatedAt: new Date().toISOString() };
    for (let n = 1; n <= 5; n++) await table.put(`2027_c${n}`, { ...row(n), ...changedNow }, BigInt(n));
    const queries = new EnrollmentQueries(store);
    queries.batchSize = 2;
    const finds = jest.spyOn(EmbeddedCollection.prototype, 'find');
    const planOf = (options: Parameters<EmbeddedCollection<EnrollmentRow>['find']>[0]) =>
      (table as EmbeddedCollection<EnrollmentRow>).explain(options).join('\n');
    // The index used to the full: an equality for the session, the scope and the status, then the
    // sort column: a range beyond the last row read, or its value and the ids after the last one
    // (the rest of a tie); only what the index leaves equal is sorted apart.
    const startsAtLastRow = (equalities: number) =>
      new RegExp(
        `^SEARCH \\S+ USING INDEX \\S+ \\(${'<expr>=\\? AND '.repeat(equalities)}<expr>[<>=]\\?( AND <expr>>\\?)?\\)(\n.*LAST (\\d TERMS|TERM) OF ORDER BY)?$`,
      );
    const unplanned: string[] = [];
    try {
      for (const scope of [undefined, { areaCode: '11' }, { siteCode: '1101' }])
        for (const status of [undefined, 'approved'])
          for (const order of [1, -1] as const) {
            finds.mockClear();
            for await (const found of queries.allRows({ sessionCode: '2027', status, order }, scope)) void found;
            const equalities = 1 + (scope ? 1 : 0) + (status ? 1 : 0);
            // Every read after a pass's first continues from the last row: in the sort order, then of those changed lately.
            const continuing = finds.mock.calls
              .map(([options]) => options!)
              .filter((options) => '$and' in options.filter!);
            expect(continuing.length).toBeGreaterThanOrEqual(4);
            for (const options of continuing) {
              const changed = JSON.stringify(options?.filter).includes('updatedAt');
              // The rest of a tie: rows of one submission time (rare) may be sorted; those of one change never are.
              const plan = planOf(options).replace(
                isTie(options) && !changed ? /\nUSE TEMP B-TREE FOR ORDER BY$/ : /$^/,
                '',
              );
              if (!startsAtLastRow(changed ? 1 : equalities).test(plan))
                unplanned.push(`${JSON.stringify({ scope, status, order, changed })}: ${plan}`);
            }
          }
      expect(unplanned).toEqual([]);
    } finally {
      finds.mockRestore();
      await store.close();
    }
  });

  it('reads rows changed by one command (a batch: one updatedAt) on the index, without sorting them again for each batch', async () => {
    const store = new EmbeddedReadStore({ file: ':memory:' });
    const table = await store.collection<EnrollmentRow>(
      ENROLLMENT_TABLE_COLLECTION,
      enrollmentTableProjection.collections[0].indexes,
    );
    const ticketBatchAt = new Date().toISOString();
    for (let n = 1; n <= 7; n++)
      await table.put(`2027_c${n}`, { ...row(n), areaCode: '11', updatedAt: ticketBatchAt }, BigInt(n));
    const queries = new EnrollmentQueries(store);
    queries.batchSize = 2;
    const finds = jest.spyOn(EmbeddedCollection.prototype, 'find');
    try {
      const seen: string[] = [];
      for await (const found of queries.allRows({ sessionCode: '2027', status: 'approved' }, { areaCode: '11' }))
        seen.push(found.enrollmentId);
      expect(seen.sort()).toEqual(['2027_c1', '2027_c2', '2027_c3', '2027_c4', '2027_c5', '2027_c6', '2027_c7']);
      const changedPass = finds.mock.calls
        .map(([options]) => options!)
        .filter((options) => JSON.stringify(options?.filter).includes('updatedAt'));
      expect(changedPass.length).toBeGreaterThan(2);
      const sortingTheTie = changedPass
        .map((options) => (table as EmbeddedCollection<EnrollmentRow>).explain(options).join('\n'))
        .filter((plan) => /TEMP B-TREE FOR (ORDER BY|LAST \d TERMS)/.test(plan) || !/USING INDEX/.test(plan));
      expect(sortingTheTie).toEqual([]);
    } finally {
      finds.mockRestore();
      await store.close();
    }
  });

  it('reads every other order without sorting the scope again for each batch', async () => {
    const store = new EmbeddedReadStore({ file: ':memory:' });
    const table = await store.collection<EnrollmentRow>(
      ENROLLMENT_TABLE_COLLECTION,
      enrollmentTableProjection.collections[0].indexes,
    );
    for (let n = 1; n <= 5; n++)
      await table.put(
        `2027_c${n}`,
        { ...row(n), areaCode: '11', siteCode: '1101', candidateName: `考生${6 - n}` },
        BigInt(n),
      );
    const queries = new EnrollmentQueries(store);
    queries.batchSize = 2;
    const finds = jest.spyOn(EmbeddedCollection.prototype, 'find');
    const sortedWhole: string[] = [];
    try {
      for (const sort of SORTABLE_COLUMNS)
        for (const scope of [undefined, { areaCode: '11' }, { siteCode: '1101' }]) {
          finds.mockClear();
          const seen: string[] = [];
          for await (const found of queries.allRows({ sessionCode: '2027', sort, order: 1 }, scope))
            seen.push(found.enrollmentId);
          expect(seen).toHaveLength(5);
          for (const [options] of finds.mock.calls.filter(([options]) => !isTie(options))) {
            const plan = (table as EmbeddedCollection<EnrollmentRow>).explain(options).join('\n');
            if (/USE TEMP B-TREE FOR ORDER BY/.test(plan) || !/^SEARCH \S+ USING INDEX/.test(plan))
              sortedWhole.push(`${sort} ${JSON.stringify(scope)}: ${plan}`);
          }
        }
      expect(sortedWhole).toEqual([]);
    } finally {
      finds.mockRestore();
      await store.close();
    }
  });

  it('serves a page by 状态 or 考点 (an area’s too) in order on an index, not by sorting the session’s rows', async () => {
    const store = new EmbeddedReadStore({ file: ':memory:' });
    const table = await store.collection<EnrollmentRow>(
      ENROLLMENT_TABLE_COLLECTION,
      enrollmentTableProjection.collections[0].indexes,
    );
    for (let n = 1; n <= 6; n++)
      await table.put(
        `2027_c${n}`,
        { ...row(n, n % 2 ? 'approved' : 'submitted'), areaCode: '11', siteCode: `110${n % 3}` },
        BigInt(n),
      );
    const queries = new EnrollmentQueries(store);
    const finds = jest.spyOn(EmbeddedCollection.prototype, 'find');
    const sorted: string[] = [];
    try {
      const cases = [
        { sort: 'status', scope: undefined },
        { sort: 'siteCode', scope: undefined },
        { sort: 'siteCode', scope: { areaCode: '11' } },
      ] as const;
      for (const { sort, scope } of cases)
        for (const order of [1, -1] as const) {
          finds.mockClear();
          const page = await queries.page({ sessionCode: '2027', sort, order, pageSize: 4 }, scope);
          expect(page.rows).toHaveLength(4);
          // Equal values follow in submission order, the same way round (what the index serves).
          for (const [i, current] of page.rows.entries())
            if (i > 0 && page.rows[i - 1][sort] === current[sort])
              expect(order * page.rows[i - 1].submittedAt.localeCompare(current.submittedAt)).toBeLessThan(0);
          const plan = (table as EmbeddedCollection<EnrollmentRow>).explain(finds.mock.calls[0][0]).join('\n');
          // An index with an equality for the session and the scope (an area's rows are not found by
          // walking the others'); only rows of one value and one submission time (rare) sorted apart, by id.
          const equalities = `${'<expr>=\\? AND '.repeat(scope ? 1 : 0)}<expr>=\\?`;
          const onIndex = new RegExp(`^SEARCH \\S+ USING INDEX \\S+ \\(${equalities}( AND [^)]*)?\\)`);
          if (!onIndex.test(plan) || /USE TEMP B-TREE FOR ORDER BY/.test(plan))
            sorted.push(`${sort} ${order} ${JSON.stringify(scope)}: ${plan}`);
        }
      expect(sorted).toEqual([]);
    } finally {
      finds.mockRestore();
      await store.close();
    }
  });

  it('gives the rows of any order as the table’s pages show them', async () => {
    const { store, table, queries } = await tableOf(0);
    // Names beyond U+FFFF (𠀀, as rare names have) sort after U+E000–U+FFFF (Ａ) in the store;
    // some rows lack a field (older rows), which sorts first; ties are broken by id.
    const values: Array<Partial<EnrollmentRow>> = [
      { candidateName: '𠀀明', siteCode: '1102', status: 'approved', ticketNumber: '2' },
      { candidateName: 'Ａ明', siteCode: '1101', status: 'rejected' },
      { candidateName: '张三', siteCode: '1102', status: 'approved', ticketNumber: '10' },
      { candidateName: '', categoryCode: '210', status: 'submitted', ticketNumber: '' },
      { candidateName: '张三', siteCode: '1101', categoryCode: '110', status: 'withdrawn' },
      { candidateName: 'zhang', siteCode: '', categoryCode: '110', status: 'approved', ticketNumber: '1' },
      { siteCode: '1101', categoryCode: '141', status: 'submitted' },
    ];
    for (const [n, fields] of values.entries())
      await table.put(`2027_c${n + 1}`, { ...row(n + 1), ...fields, updatedAt: `2026-12-0${7 - n}` }, BigInt(n + 1));
    const differing: string[] = [];
    for (const sort of SORTABLE_COLUMNS)
      for (const order of [1, -1] as const) {
        const query = { sessionCode: '2027', sort, order };
        const shown = (await queries.page({ ...query, pageSize: 200 }, undefined)).rows.map((r) => r.enrollmentId);
        const read: string[] = [];
        for await (const found of queries.allRows(query, undefined)) read.push(found.enrollmentId);
        if (read.join() !== shown.join()) differing.push(`${sort} ${order}: ${read.join()} ≠ ${shown.join()}`);
      }
    expect(differing).toEqual([]);
    await store.close();
  });

  it('gives no row that left the filter after its key was read, and one that entered it at the end', async () => {
    const { store, table, queries } = await tableOf(5);
    const seen: string[] = [];
    const query = { sessionCode: '2027', status: 'approved', sort: 'candidateName', order: 1 } as const;
    for await (const found of queries.allRows(query, undefined)) {
      seen.push(found.enrollmentId);
      if (seen.length === 1) {
        await table.put('2027_c4', row(4, 'rejected'), 10n);
        await table.put('2027_c6', { ...row(6), updatedAt: new Date().toISOString() }, 11n);
      }
    }
    expect(seen).toEqual(['2027_c1', '2027_c2', '2027_c3', '2027_c5', '2027_c6']);
    await store.close();
  });

  it('keeps the sorted order when the store answers a lookup by ids in its own order, as MongoDB may', async () => {
    const { store, table, queries } = await tableOf(0);
    for (const [n, name] of ['丙', '甲', '乙', '丁'].entries())
      await table.put(
        `2027_c${n + 1}`,
        { ...row(n + 1), candidateName: name, candidateNameKey: nameSortKey(name) },
        BigInt(n + 1),
      );
    const original = EmbeddedCollection.prototype.getMany;
    const reversed = jest.spyOn(EmbeddedCollection.prototype, 'getMany').mockImplementation(async function (
      this: EmbeddedCollection<EnrollmentRow>,
      ids,
    ) {
      return (await original.call(this, ids)).reverse();
    });
    try {
      const names: string[] = [];
      for await (const found of queries.allRows({ sessionCode: '2027', sort: 'candidateName', order: 1 }, undefined))
        names.push(found.candidateName);
      expect(reversed).toHaveBeenCalled();
      expect(names).toEqual(['丙', '丁', '甲', '乙']); // by pinyin (bing, ding, jia, yi), as the projection keys them
    } finally {
      reversed.mockRestore();
      await store.close();
    }
  });

  it('compares values as the store does: missing first, then by code point', () => {
    expect(['b', '𠀀', 'Ａ', null, 'a', 'ab', ''].sort(compareAsStored)).toEqual([
      null,
      '',
      'a',
      'ab',
      'b',
      'Ａ',
      '𠀀',
    ]);
  });

  it('reads descending too, ties broken by id', async () => {
    const { store, queries } = await tableOf(5);
    const seen: string[] = [];
    for await (const found of queries.allRows({ sessionCode: '2027' }, undefined)) seen.push(found.enrollmentId);
    expect(seen).toEqual(['2027_c5', '2027_c4', '2027_c3', '2027_c2', '2027_c1']);
    await store.close();
  });
});
