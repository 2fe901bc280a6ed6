/**
 * Positions are bigint and may exceed 2^64 (the EventStoreDB adapter packs two 64-bit numbers),
 * beyond any BSON number. Stored as a zero-padded 40-digit decimal string, they compare in
 * MongoDB (binary string order) exactly as the numbers do: 2^128 has 39 digits.
 */
const WIDTH = 40;

export function toStoredPosition(position: bigint): string {
  if (typeof position !== 'bigint' || position < 0n)
    throw new RangeError(`A read-model position must be a non-negative bigint, got ${String(position)}`);
  const digits = position.toString();
  if (digits.length > WIDTH) throw new RangeError(`Position ${digits} does not fit in ${WIDTH} digits`);
  return digits.padStart(WIDTH, '0');
}

export function fromStoredPosition(stored: unknown): bigint {
  if (typeof stored !== 'string' || !/^[0-9]{40}$/.test(stored))
    throw new TypeError(`Read store: stored position ${JSON.stringify(stored)} is not a 40-digit string`);
  return BigInt(stored);
}
