import type { Position } from '@kurrent/kurrentdb-client';

const U64 = 1n << 64n;

/**
 * EventStoreDB orders $all by (commit, prepare); the port wants one ordered bigint. Packing the
 * pair as commit·2⁶⁴ + prepare keeps that order, because both halves are unsigned 64-bit values.
 */
export function encodePosition(position: Position): bigint {
  const { commit, prepare } = position;
  if (commit < 0n || commit >= U64 || prepare < 0n || prepare >= U64)
    throw new RangeError(`EventStoreDB position out of range: commit ${commit}, prepare ${prepare}`);
  return (commit << 64n) | prepare;
}

export function decodePosition(encoded: bigint): Position {
  if (encoded < 0n || encoded >= U64 * U64) throw new RangeError(`Not an encoded EventStoreDB position: ${encoded}`);
  return { commit: encoded >> 64n, prepare: encoded & (U64 - 1n) };
}
