import {
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { ReadStoreUnavailableError } from '../read-store.errors';

export { ReadStoreUnavailableError };

const DUPLICATE_KEY = 11000;

/**
 * A duplicate `_id` on an upsert or insert: another writer got there first, so the position
 * guard refused. A duplicate on any other (unique) index is a real constraint violation.
 */
export function isDuplicateId(error: unknown): boolean {
  if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) return false;
  const keyPattern: unknown = error.keyPattern ?? error.errorResponse?.keyPattern;
  if (typeof keyPattern === 'object' && keyPattern !== null) {
    const keys = Object.keys(keyPattern);
    return keys.length === 1 && keys[0] === '_id';
  }
  // Servers that leave keyPattern out still name the index in the message.
  return /index: _id_ /.test(error.message);
}

/** Connection failures become ReadStoreUnavailableError (HTTP 503); anything else passes through. */
export function mapMongoError(error: unknown): unknown {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  )
    return new ReadStoreUnavailableError(error);
  return error;
}

/** Runs a driver call, translating its connection failures. */
export async function mongoCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapMongoError(error);
  }
}
