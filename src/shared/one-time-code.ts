/**
 * A one-time code (reset code, 注册码) as it was meant, however it was typed: full-width letters and
 * digits folded (a Chinese IME types ＡＢＣ１２), case ignored, and spaces and dashes of any kind dropped.
 */
export function oneTimeCodeAsTyped(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\s\p{Pd}]/gu, '')
    .toUpperCase();
}
