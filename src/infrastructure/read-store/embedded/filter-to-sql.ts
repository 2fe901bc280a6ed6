import type { Filter, FindOptions } from '../read-store.port';
import { fieldExpression } from './json-path';
import { UnsupportedFilterError } from './unsupported-filter.error';
import {
  compares,
  equals,
  exists,
  isComparator,
  isIn,
  isPlainObject,
  matches,
  negate,
  type SqlFragment,
} from './value-conditions';

/**
 * Translates the port's MongoDB-style filter subset into a WHERE clause over json_extract.
 * Values are always bound parameters; field paths are validated before they reach the SQL.
 * Anything outside the subset is refused, never ignored.
 */
export function filterToSql(filter: Filter | undefined): SqlFragment {
  if (filter === undefined) return { sql: '1', params: [] };
  if (!isPlainObject(filter)) throw new UnsupportedFilterError('a filter must be a plain object');
  const parts: SqlFragment[] = Object.entries(filter).map(([key, value]) => {
    if (key === '$and' || key === '$or') return combine(key, value);
    if (key.startsWith('$')) throw new UnsupportedFilterError(`unknown operator ${key} (supported: $and, $or)`);
    return fieldCondition(key, value);
  });
  return join(parts, 'AND');
}

function combine(operator: '$and' | '$or', value: unknown): SqlFragment {
  if (!Array.isArray(value) || value.length === 0) {
    throw new UnsupportedFilterError(`${operator} needs a non-empty array of filters`);
  }
  return join(
    value.map((filter) => filterToSql(filter as Filter)),
    operator === '$and' ? 'AND' : 'OR',
  );
}

function fieldCondition(field: string, value: unknown): SqlFragment {
  if (!isPlainObject(value)) return equals(field, value);
  const keys = Object.keys(value);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return equals(field, value);
  if (operators.length !== keys.length) {
    throw new UnsupportedFilterError(`field "${field}" mixes operators with plain keys`);
  }
  if ('$options' in value && !('$regex' in value)) {
    throw new UnsupportedFilterError(`$options on "${field}" needs $regex`);
  }
  const parts = operators
    .filter((operator) => operator !== '$options')
    .map((operator) => operatorCondition(field, operator, value[operator], value.$options));
  return join(parts, 'AND');
}

function operatorCondition(field: string, operator: string, operand: unknown, options: unknown): SqlFragment {
  if (isComparator(operator)) return compares(field, operator, operand);
  switch (operator) {
    case '$eq':
      return equals(field, operand);
    case '$ne':
      return negate(equals(field, operand));
    case '$in':
      return isIn(field, operand);
    case '$nin':
      return negate(isIn(field, operand));
    case '$exists':
      return exists(field, operand);
    case '$regex':
      return matches(field, operand, options);
    default:
      throw new UnsupportedFilterError(
        `unknown operator ${operator} on "${field}" (supported: $eq $ne $in $nin $gt $gte $lt $lte $exists $regex)`,
      );
  }
}

function join(parts: SqlFragment[], connective: 'AND' | 'OR'): SqlFragment {
  if (parts.length === 0) return { sql: '1', params: [] };
  if (parts.length === 1) return parts[0];
  return {
    sql: `(${parts.map((part) => part.sql).join(` ${connective} `)})`,
    params: parts.flatMap((part) => part.params),
  };
}

/** ORDER BY (ties by id) and LIMIT/OFFSET for find(); the limit and offset are bound too. */
export function orderAndPage(options: FindOptions): SqlFragment {
  const params: unknown[] = [];
  const terms = (options.sort ?? []).map(([field, order]) => {
    if (order !== 1 && order !== -1) throw new UnsupportedFilterError(`sort order of "${field}" must be 1 or -1`);
    return `${fieldExpression(field)} ${order === 1 ? 'ASC' : 'DESC'}`;
  });
  // The document id breaks ties (as _id does in the MongoDB adapter), so pages never overlap.
  let sql = ` ORDER BY ${[...terms, 'id ASC'].join(', ')}`;
  const skip = count('skip', options.skip);
  const limit = count('limit', options.limit);
  if (limit !== undefined || skip !== undefined) {
    // MongoDB treats limit 0 as "no limit"; SQLite's LIMIT -1 means the same.
    sql += ' LIMIT ? OFFSET ?';
    params.push(limit === undefined || limit === 0 ? -1 : limit, skip ?? 0);
  }
  return { sql, params };
}

function count(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new UnsupportedFilterError(`${name} must be a non-negative integer`);
  return value;
}
