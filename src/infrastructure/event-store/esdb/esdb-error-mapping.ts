import { ErrorType, WrongExpectedVersionError, isCommandError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';

/** Client error types that mean "the server cannot answer now": the caller may retry later. */
const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/**
 * gRPC status codes UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the client raises them as plain
 * errors when no connection can be made at all (seen with `connect ECONNREFUSED`).
 */
const UNAVAILABLE_GRPC_CODES: ReadonlySet<number> = new Set([4, 14]);

export interface AppendContext {
  stream: string;
  expected: ExpectedRevision;
}

/** Maps client failures to the port's error types; anything else (our own errors, bugs) passes through. */
export function mapEsdbError(error: unknown, append?: AppendContext): unknown {
  if (!(error instanceof Error)) return error;
  if (error instanceof WrongExpectedVersionError) {
    // The client's stream states are the port's expected revisions under the same names.
    return new WrongExpectedRevisionError(
      append?.stream ?? error.streamName,
      append?.expected ?? error.expectedState,
      error.actualState,
    );
  }
  if (isCommandError(error) && UNAVAILABLE_TYPES.has(error.type)) return new EventStoreUnavailableError(error);
  const code = (error as { code?: unknown }).code;
  if (!isCommandError(error) && typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code))
    return new EventStoreUnavailableError(error);
  return error;
}
