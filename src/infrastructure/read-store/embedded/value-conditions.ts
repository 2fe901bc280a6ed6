import { fieldExpression, fieldTypeExpression } from './json-path';
import { UnsupportedFilterError } from './unsupported-filter.error';

/** A piece of SQL and the values bound to its `?` placeholders, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const NUMERIC_TYPES = `IN ('integer', 'real')`;

/** NOT that treats an unknown (NULL) comparison as false, as MongoDB does for missing fields. */
export function negate(fragment: SqlFragment): SqlFragment {
  return { sql: `NOT COALESCE((${fragment.sql}), 0)`, params: fragment.params };
}

/**
 * Equality with MongoDB's meaning: null also matches a missing field, and values of another
 * JSON type never match (1 ≠ '1' ≠ true). The json_extract term comes first so an expression
 * index on the field can serve the lookup; the json_type term only separates the types.
 */
export function equals(field: string, value: unknown): SqlFragment {
  const f = fieldExpression(field);
  const t = fieldTypeExpression(field);
  if (value === null || value === undefined) return { sql: `${f} IS NULL`, params: [] };
  if (typeof value === 'string') return { sql: `${f} = ?`, params: [value] };
  if (typeof value === 'number') return { sql: `(${f} = ? AND ${t} ${NUMERIC_TYPES})`, params: [finite(value)] };
  if (typeof value === 'boolean') return { sql: `(${f} = ? AND ${t} = '${value}')`, params: [value ? 1 : 0] };
  if (isPlainObject(value) || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'array' : 'object';
    return { sql: `(${t} = '${kind}' AND ${f} = json(?))`, params: [JSON.stringify(value)] };
  }
  throw new UnsupportedFilterError(`cannot compare field "${field}" with a ${describe(value)} (documents hold JSON)`);
}

/** $in: strings use SQL IN (index-friendly); other values fall back to OR-ed equalities. */
export function isIn(field: string, values: unknown): SqlFragment {
  if (!Array.isArray(values)) throw new UnsupportedFilterError(`$in/$nin on "${field}" needs an array`);
  if (values.length === 0) return { sql: '0', params: [] };
  if (values.every((value) => typeof value === 'string')) {
    return { sql: `${fieldExpression(field)} IN (${values.map(() => '?').join(', ')})`, params: values };
  }
  const parts = values.map((value) => equals(field, value));
  return { sql: `(${parts.map((part) => part.sql).join(' OR ')})`, params: parts.flatMap((part) => part.params) };
}

const COMPARATORS = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;
export type Comparator = keyof typeof COMPARATORS;

export function isComparator(operator: string): operator is Comparator {
  return operator in COMPARATORS;
}

/** Range comparisons only between values of one JSON type (MongoDB's type bracketing). */
export function compares(field: string, operator: Comparator, value: unknown): SqlFragment {
  const f = fieldExpression(field);
  const t = fieldTypeExpression(field);
  const sqlOperator = COMPARATORS[operator];
  if (typeof value === 'string') return { sql: `(${f} ${sqlOperator} ? AND ${t} = 'text')`, params: [value] };
  if (typeof value === 'number') {
    return { sql: `(${f} ${sqlOperator} ? AND ${t} ${NUMERIC_TYPES})`, params: [finite(value)] };
  }
  throw new UnsupportedFilterError(`${operator} on "${field}" needs a string or a number, got ${describe(value)}`);
}

export function exists(field: string, value: unknown): SqlFragment {
  if (typeof value !== 'boolean') throw new UnsupportedFilterError(`$exists on "${field}" needs true or false`);
  return { sql: `${fieldTypeExpression(field)} IS ${value ? 'NOT ' : ''}NULL`, params: [] };
}

/** $regex runs JavaScript's RegExp through the rs_regexp function the database registers. */
export function matches(field: string, pattern: unknown, options: unknown): SqlFragment {
  let source: string;
  let flags = '';
  if (pattern instanceof RegExp) [source, flags] = [pattern.source, pattern.flags];
  else if (typeof pattern === 'string') source = pattern;
  else throw new UnsupportedFilterError(`$regex on "${field}" needs a string or a RegExp`);
  if (options !== undefined) {
    if (typeof options !== 'string' || !/^[ims]*$/.test(options)) {
      throw new UnsupportedFilterError(`$options on "${field}" may only combine the flags i, m and s`);
    }
    flags = options;
  }
  flags = [...new Set(flags.replace(/[^ims]/g, ''))].join('');
  try {
    new RegExp(source, flags);
  } catch (error) {
    throw new UnsupportedFilterError(`$regex on "${field}" is not a valid pattern: ${(error as Error).message}`);
  }
  return { sql: `rs_regexp(${fieldExpression(field)}, ?, ?)`, params: [source, flags] };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new UnsupportedFilterError(`cannot compare with ${value}`);
  return value;
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'Date (store dates as ISO strings)';
  return typeof value;
}
