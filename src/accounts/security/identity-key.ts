import { createHash, createHmac } from 'node:crypto';
import { streamName } from '../../shared/ids';
import { normalizeIdNumber, type IdType } from '../validation/id-number.rules';

/**
 * The identity stream is keyed by an HMAC of the ID number (config.secrets.identityKey), so stream
 * names never reveal the number and cannot be reversed by trying every number without the key.
 */
export function identityStreamFor(identityKey: string, idType: IdType, idNumber: string): string {
  const digest = createHmac('sha256', identityKey)
    .update(`${idType}:${normalizeIdNumber(idNumber)}`)
    .digest('hex');
  return streamName('identity', `${idType}-${digest.slice(0, 40)}`);
}

/** A stable key for one thing (an unknown username's login attempts) without storing it in clear. */
export function keyedHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 40);
}

/** Deterministic id (UUID-shaped) so a retried registration reaches the same candidate stream. */
export function deterministicId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 110105********002X: the full number is shown only where it is needed. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 4) return '*'.repeat(idNumber.length);
  const keep = idNumber.length >= 15 ? 6 : 2;
  return idNumber.slice(0, keep) + '*'.repeat(idNumber.length - keep - 4) + idNumber.slice(-4);
}
