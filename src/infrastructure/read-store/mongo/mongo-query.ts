import type { Filter, FindOptions, SortOrder } from '../read-store.port';

/** A filter, sort or paging option outside the subset the read-store port promises. */
export class UnsupportedQueryError extends Error {
  constructor(message: string) {
    super(`Read store: ${message}`);
    this.name = 'UnsupportedQueryError';
  }
}

/** The embedded adapter's path rule, so both adapters accept the same fields (and `_…` stays reserved). */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$|^[0-9]+$/;
const COMPARATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

export function checkedField(field: string): string {
  const segments = field.split('.');
  if (!segments.every((segment) => SEGMENT.test(segment)) || /^[0-9]/.test(segments[0]))
    throw new UnsupportedQueryError(
      `field "${field}" is not a valid path (letters, digits and _ separated by dots, starting with a letter)`,
    );
  return field;
}

/**
 * Checks a filter against the port's subset and returns it as MongoDB will run it. The subset
 * is MongoDB syntax already; checking it keeps the Mongo adapter from accepting what the
 * embedded one refuses ($where, $nor, $elemMatch, …), so code tested on one runs on the other.
 */
export function toMongoFilter(filter: Filter | undefined): Record<string, unknown> {
  if (filter === undefined) return {};
  if (!isPlainObject(filter)) throw new UnsupportedQueryError('a filter must be a plain object');
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0)
        throw new UnsupportedQueryError(`${key} needs a non-empty array of filters`);
      checked[key] = value.map((part) => toMongoFilter(part as Filter));
    } else if (key.startsWith('$')) {
      throw new UnsupportedQueryError(`unknown operator ${key} (supported: $and, $or)`);
    } else {
      checked[checkedField(key)] = fieldCondition(key, value);
    }
  }
  return checked;
}

function fieldCondition(field: string, value: unknown): unknown {
  if (!isPlainObject(value)) return jsonValue(field, value);
  const keys = Object.keys(value);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return jsonValue(field, value);
  if (operators.length !== keys.length)
    throw new UnsupportedQueryError(`field "${field}" mixes operators with plain keys`);
  if ('$options' in value && !('$regex' in value))
    throw new UnsupportedQueryError(`$options on "${field}" needs $regex`);
  const condition: Record<string, unknown> = {};
  for (const operator of operators) condition[operator] = operand(field, operator, value[operator]);
  return condition;
}

function operand(field: string, operator: string, value: unknown): unknown {
  if (COMPARATORS.has(operator)) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
    throw new UnsupportedQueryError(`${operator} on "${field}" needs a string or a finite number`);
  }
  switch (operator) {
    case '$eq':
    case '$ne':
      return jsonValue(field, value);
    case '$in':
    case '$nin':
      if (!Array.isArray(value)) throw new UnsupportedQueryError(`$in/$nin on "${field}" needs an array`);
      return value.map((item) => jsonValue(field, item));
    case '$exists':
      if (typeof value !== 'boolean') throw new UnsupportedQueryError(`$exists on "${field}" needs true or false`);
      return value;
    case '$regex':
      return regexSource(field, value);
    case '$options':
      if (typeof value !== 'string' || !/^[ims]*$/.test(value))
        throw new UnsupportedQueryError(`$options on "${field}" may only combine the flags i, m and s`);
      return value;
    default:
      throw new UnsupportedQueryError(
        `unknown operator ${operator} on "${field}" (supported: $eq $ne $in $nin $gt $gte $lt $lte $exists $regex)`,
      );
  }
}

function regexSource(field: string, value: unknown): unknown {
  if (value instanceof RegExp) {
    if (!/^[ims]*$/.test(value.flags))
      throw new UnsupportedQueryError(`$regex on "${field}" may only use the flags i, m and s`);
    return value;
  }
  if (typeof value !== 'string') throw new UnsupportedQueryError(`$regex on "${field}" needs a string or a RegExp`);
  try {
    new RegExp(value);
  } catch (error) {
    throw new UnsupportedQueryError(`$regex on "${field}" is not a valid pattern: ${(error as Error).message}`);
  }
  return value;
}

/** Documents hold JSON, so only JSON values can be compared (a Date or bigint never matches one). */
function jsonValue(field: string, value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) || isPlainObject(value)) return JSON.parse(JSON.stringify(value)) as unknown;
  const kind = value instanceof Date ? 'Date (store dates as ISO strings)' : typeof value;
  throw new UnsupportedQueryError(`cannot compare field "${field}" with a ${kind} (documents hold JSON)`);
}

/** The sort in priority order; `_id` last makes paging deterministic when the sort keys tie. */
export function toMongoSort(sort: FindOptions['sort']): Array<[string, SortOrder]> {
  const terms = (sort ?? []).map(([field, order]): [string, SortOrder] => {
    if (order !== 1 && order !== -1) throw new UnsupportedQueryError(`sort order of "${field}" must be 1 or -1`);
    return [checkedField(field), order];
  });
  return [...terms, ['_id', 1]];
}

export function checkedPaging(name: 'skip' | 'limit', value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new UnsupportedQueryError(`${name} must be a non-negative integer`);
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
