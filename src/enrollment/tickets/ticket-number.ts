/**
 * 准考证号, 13 digits:
 *
 *   YY AA SS CCC NNN K
 *   │  │  │  │   │   └ check digit: Luhn (mod 10) over the 12 digits before it
 *   │  │  │  │   └──── sequence within site and category, 001–999
 *   │  │  │  └──────── category code (110, 210, …)
 *   │  │  └─────────── site within the area (the last two digits of the site code)
 *   │  └────────────── area: the province code (11 北京, 44 广东, …)
 *   └───────────────── the session's year, last two digits
 *
 * e.g. 27 11 01 110 001 K → 271101110001K.
 */
export const MAX_SEQUENCE = 999;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function ticketNumber(year: number, siteCode: string, categoryCode: string, sequence: number): string {
  if (!/^\d{4}$/.test(siteCode) || !/^\d{3}$/.test(categoryCode)) throw new Error('site or category code malformed');
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) throw new Error('sequence out of range');
  const body = `${String(year % 100).padStart(2, '0')}${siteCode}${categoryCode}${String(sequence).padStart(3, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

export function isValidTicketNumber(number: string): boolean {
  return /^\d{13}$/.test(number) && luhnCheckDigit(number.slice(0, 12)) === Number(number[12]);
}

export function parseTicketNumber(number: string) {
  if (!isValidTicketNumber(number)) return null;
  return {
    year: Number(number.slice(0, 2)),
    areaCode: number.slice(2, 4),
    siteCode: number.slice(2, 6),
    categoryCode: number.slice(6, 9),
    sequence: Number(number.slice(9, 12)),
  };
}
