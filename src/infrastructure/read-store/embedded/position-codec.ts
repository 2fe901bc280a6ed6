/**
 * Positions are bigint and may exceed 2^63 (the EventStoreDB adapter packs two 64-bit numbers
 * into one), so SQLite's INTEGER cannot hold them. A fixed-width zero-padded decimal string
 * compares in the same order as the number, in SQL and in JavaScript alike.
 */
const WIDTH = 40; // 2^128 has 39 digits

export function encodePosition(position: bigint): string {
  if (typeof position !== 'bigint' || position < 0n) {
    throw new RangeError(`A read-model position must be a non-negative bigint, got ${String(position)}`);
  }
  const digits = position.toString();
  if (digits.length > WIDTH) throw new RangeError(`Position ${digits} does not fit in ${WIDTH} digits`);
  return digits.padStart(WIDTH, '0');
}

export function decodePosition(encoded: string): bigint {
  return BigInt(encoded);
}
