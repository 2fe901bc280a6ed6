import { filterToSql, orderAndPage } from './filter-to-sql';

describe('filterToSql', () => {
  it('binds every value as a parameter, never into the SQL text', () => {
    const hostile = "x' OR '1'='1";
    const fragment = filterToSql({ name: hostile, tags: { $in: [hostile, 'b'] }, note: { $regex: hostile } });
    expect(fragment.sql).not.toContain(hostile);
    expect(fragment.params).toEqual([hostile, hostile, 'b', hostile, '']);
  });

  it('writes dotted paths and array indexes as JSON paths', () => {
    expect(filterToSql({ 'education.0.school': '北京大学' }).sql).toBe(
      "json_extract(doc, '$.education[0].school') = ?",
    );
  });

  it('refuses unknown operators and malformed operands with a clear message', () => {
    expect(() => filterToSql({ age: { $size: 2 } })).toThrow(/unknown operator \$size on "age"/);
    expect(() => filterToSql({ $not: { age: 1 } })).toThrow(/unknown operator \$not/);
    expect(() => filterToSql({ age: { $gt: 1, plain: 2 } })).toThrow(/mixes operators/);
    expect(() => filterToSql({ age: { $in: 'x' } })).toThrow(/needs an array/);
    expect(() => filterToSql({ age: { $gt: true } })).toThrow(/string or a number/);
    expect(() => filterToSql({ name: { $options: 'i' } })).toThrow(/needs \$regex/);
    expect(() => filterToSql({ name: { $regex: 'a', $options: 'g' } })).toThrow(/flags i, m and s/);
    expect(() => filterToSql({ name: { $regex: '(' } })).toThrow(/not a valid pattern/);
    expect(() => filterToSql({ $or: [] })).toThrow(/non-empty array/);
    expect(() => filterToSql({ at: new Date() })).toThrow(/ISO strings/);
  });

  it('binds limit and offset, and refuses negative paging', () => {
    expect(orderAndPage({ sort: [['a', -1]], skip: 5, limit: 10 })).toEqual({
      sql: " ORDER BY json_extract(doc, '$.a') DESC, id ASC LIMIT ? OFFSET ?",
      params: [10, 5],
    });
    expect(orderAndPage({}).sql).toBe(' ORDER BY id ASC');
    expect(() => orderAndPage({ skip: -1 })).toThrow(/non-negative/);
    expect(() => orderAndPage({ sort: [['a', 2 as 1]] })).toThrow(/1 or -1/);
  });
});
