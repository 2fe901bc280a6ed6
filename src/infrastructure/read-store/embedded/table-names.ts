import { createHash } from 'node:crypto';
import type { IndexSpec } from '../read-store.port';
import { fieldExpression } from './json-path';

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;

/** The quoted table of a collection; names are checked so nothing else reaches the SQL. */
export function collectionTable(name: string): string {
  if (!COLLECTION_NAME.test(name)) {
    throw new Error(`Read store: collection name "${name}" must be 1–120 letters, digits, _ . or -`);
  }
  return `"rm_${name}"`;
}

/**
 * CREATE INDEX over the same json_extract expressions the queries use, so SQLite picks it.
 * The name is derived from the spec: declaring the same index again changes nothing.
 */
export function createIndexSql(collection: string, spec: IndexSpec): string {
  if (spec.fields.length === 0) throw new Error(`Read store: an index of "${collection}" needs at least one field`);
  const terms = spec.fields.map(([field, order]) => {
    if (order !== 1 && order !== -1) throw new Error(`Read store: index order of "${field}" must be 1 or -1`);
    return `${fieldExpression(field)} ${order === 1 ? 'ASC' : 'DESC'}`;
  });
  const digest = createHash('sha256')
    .update(JSON.stringify([spec.fields, spec.unique === true]))
    .digest('hex')
    .slice(0, 16);
  const unique = spec.unique ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS "ix_${collection}_${digest}" ON ${collectionTable(collection)} (${terms.join(', ')})`;
}
