import * as svgCaptchaTypes from 'svg-captcha';

// svg-captcha exports a callable (text → SVG) that its typings omit; the module object is that function.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const svgCaptcha = require('svg-captcha') as ((text: string, options?: svgCaptchaTypes.ConfigObject) => string) &
  typeof svgCaptchaTypes;

const OPTIONS: svgCaptchaTypes.ConfigObject = {
  size: 4,
  noise: 2,
  ignoreChars: '0oO1lIi',
  color: false,
  background: '#f4f6f8',
};

/** A random 4-character captcha, or the given text drawn the same way (test mode). */
export function drawCaptcha(fixedText?: string): { data: string; text: string } {
  if (fixedText !== undefined) return { data: svgCaptcha(fixedText, OPTIONS), text: fixedText };
  return svgCaptcha.create(OPTIONS);
}
