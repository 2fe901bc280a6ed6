import { maskIdNumber } from './identity-key';

/**
 * The holder's full 证件号码 behind a masked copy (an enrollment's step 2), for the few places that
 * need it whole: the printed 报名表 and 资格审核 of one enrollment, where it is compared with the ID
 * card. Only when the account's number is the one the copy masks (a number never changes after
 * registration, so it always is); otherwise undefined, and the copy is shown as it stands.
 */
export function fullIdNumberBehind(
  maskedCopy: string | undefined,
  accountIdNumber: string | null | undefined,
): string | undefined {
  if (!maskedCopy || !accountIdNumber) return undefined;
  return maskIdNumber(accountIdNumber) === maskedCopy ? accountIdNumber : undefined;
}
