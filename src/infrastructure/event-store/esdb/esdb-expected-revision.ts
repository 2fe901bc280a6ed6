import { ANY, NO_STREAM, STREAM_EXISTS, type AppendStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event-store.port';

/** The port's expected revision in the client's terms; the names line up one to one. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`Expected revision must not be negative: ${expected}`);
    return expected;
  }
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
  }
}
