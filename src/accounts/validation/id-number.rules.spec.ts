import { gb11643CheckChar, normalizeIdNumber, validateIdNumber, type IdType } from './id-number.rules';

const today = '2026-11-26';
const codeOf = (idType: IdType, id: string, birthDate?: string, gender?: string) =>
  validateIdNumber(idType, id, { today, birthDate, gender })?.code ?? 'OK';

describe('GB 11643 (居民身份证 and 港澳台居民居住证)', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(gb11643CheckChar('11010519491231002')).toBe('X');
    expect(gb11643CheckChar('11010119900307001')).toBe('1');
  });

  it('accepts a valid number whose birth date and gender match the form', () => {
    expect(codeOf('resident', '11010519491231002X', '1949-12-31', 'F')).toBe('OK');
    expect(codeOf('resident', '110101199003070011', '1990-03-07', 'M')).toBe('OK');
    expect(codeOf('resident', '11010519491231002x', '1949-12-31', 'F')).toBe('OK');
  });

  it.each([
    ['110101900307001', 'ID_NUMBER_15_DIGITS'],
    ['11010119900307001', 'ID_NUMBER_FORMAT'],
    ['1101011990030700A1', 'ID_NUMBER_FORMAT'],
    ['110101199003070012', 'ID_NUMBER_CHECKSUM'],
    ['990101199003070016', 'ID_NUMBER_REGION'],
    ['', 'ID_NUMBER_REQUIRED'],
  ])('refuses %s with %s', (id, code) => {
    expect(codeOf('resident', id)).toBe(code);
  });

  it('refuses an impossible or future birth date inside the number', () => {
    const feb30 = '11010520000230002';
    expect(codeOf('resident', feb30 + gb11643CheckChar(feb30))).toBe('ID_NUMBER_BIRTH_DATE');
    const future = '11010520990101002';
    expect(codeOf('resident', future + gb11643CheckChar(future))).toBe('ID_NUMBER_BIRTH_DATE');
    const leap = '11010520000229002';
    expect(codeOf('resident', leap + gb11643CheckChar(leap))).toBe('OK');
  });

  it('refuses a birth date or gender that differs from the form', () => {
    expect(codeOf('resident', '11010519491231002X', '1949-12-30', 'F')).toBe('ID_NUMBER_BIRTH_DATE_MISMATCH');
    expect(codeOf('resident', '11010519491231002X', '1949-12-31', 'M')).toBe('ID_NUMBER_GENDER_MISMATCH');
    expect(codeOf('resident', '110101199003070011', '1990-03-07', 'F')).toBe('ID_NUMBER_GENDER_MISMATCH');
  });

  it('requires the 81/82/83 prefix for 居住证 and refuses it for 身份证', () => {
    expect(codeOf('residencePermit', '810000199001010035', '1990-01-01', 'M')).toBe('OK');
    expect(codeOf('residencePermit', '110101199003070011')).toBe('ID_NUMBER_REGION');
    expect(codeOf('resident', '810000199001010035')).toBe('ID_NUMBER_REGION');
  });
});

describe('other document types', () => {
  it.each<[IdType, string, string]>([
    ['hkMacauPermit', 'H12345678', 'OK'],
    ['hkMacauPermit', 'M1234567890', 'OK'],
    ['hkMacauPermit', 'X12345678', 'ID_NUMBER_FORMAT'],
    ['hkMacauPermit', 'H1234567', 'ID_NUMBER_FORMAT'],
    ['taiwanPermit', '12345678', 'OK'],
    ['taiwanPermit', '1234567', 'ID_NUMBER_FORMAT'],
    ['passport', 'E12345678', 'OK'],
    ['passport', 'E1234', 'OK'],
    ['passport', 'E12-345678', 'ID_NUMBER_FORMAT'],
    ['passport', 'E123', 'ID_NUMBER_FORMAT'],
    ['foreignPermanent', 'USA110012345678', 'OK'],
    ['foreignPermanent', '912345200001010019', 'OK'],
    ['foreignPermanent', '912345200001010010', 'ID_NUMBER_CHECKSUM'],
    ['foreignPermanent', 'US1100123456789', 'ID_NUMBER_FORMAT'],
  ])('%s %s → %s', (idType, id, code) => {
    expect(codeOf(idType, id)).toBe(code);
  });

  it('reads numbers without spaces and in upper case', () => {
    expect(normalizeIdNumber(' e1234 5678 ')).toBe('E12345678');
  });

  it('reads full-width digits, letters and spaces as a Chinese IME types them', () => {
    const fullWidth = '１１０１０５１９４９１２３１００２ｘ';
    expect(normalizeIdNumber(fullWidth)).toBe('11010519491231002X');
    expect(normalizeIdNumber('Ｅ１２３４\u3000５６７８')).toBe('E12345678');
    expect(codeOf('resident', fullWidth, '1949-12-31', 'F')).toBe('OK');
  });
});
