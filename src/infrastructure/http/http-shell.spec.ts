import { ValidationError as ClassValidatorError } from 'class-validator';
import { NotFoundException } from '@nestjs/common';
import { TooManyRequestsError, ValidationError } from '../../shared/errors';
import { correlationIdFor } from './correlation-id';
import { CsrfTokens } from './csrf-token';
import { safeNextPath } from './next-path';
import { toProblem } from './problem';
import { toFieldErrors } from './validation';

describe('http shell pieces', () => {
  it('correlation ids: a sane one is kept, anything else replaced by a uuid', () => {
    expect(correlationIdFor('req-12345678')).toBe('req-12345678');
    expect(correlationIdFor('short')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor('evil\ninjected line')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('CSRF tokens are bound to the browser value and the key', () => {
    const tokens = new CsrfTokens('k'.repeat(32));
    const value = tokens.newBrowserValue();
    expect(tokens.isValid(value, tokens.tokenFor(value))).toBe(true);
    expect(tokens.isValid(tokens.newBrowserValue(), tokens.tokenFor(value))).toBe(false);
    expect(new CsrfTokens('x'.repeat(32)).isValid(value, tokens.tokenFor(value))).toBe(false);
    expect(tokens.isValid(value, undefined)).toBe(false);
    expect(tokens.isValid(undefined, 'anything')).toBe(false);
  });

  it('safeNextPath keeps local paths only', () => {
    expect(safeNextPath('/profile?tab=1')).toBe('/profile?tab=1');
    for (const unsafe of ['//evil.example', '/\\evil.example', 'https://evil.example', 'profile', '/a\r\nb', 42]) {
      expect(safeNextPath(unsafe)).toBe('/');
    }
  });

  it('safeNextPath gives a target a Location header can carry: non-ASCII encoded, escapes kept', () => {
    expect(safeNextPath('/profile/你 好?q=北京')).toBe('/profile/%E4%BD%A0%20%E5%A5%BD?q=%E5%8C%97%E4%BA%AC');
    expect(safeNextPath('/profile/%E4%BD%A0')).toBe('/profile/%E4%BD%A0');
    expect(safeNextPath('/a\uD800b')).toBe('/');
  });

  it('class-validator errors become field errors with dotted paths and Chinese fallbacks', () => {
    const nested = Object.assign(new ClassValidatorError(), {
      property: 'school',
      constraints: { isNotEmpty: 'school should not be empty' },
      children: [],
    });
    const entry = Object.assign(new ClassValidatorError(), { property: '0', children: [nested] });
    const education = Object.assign(new ClassValidatorError(), { property: 'education', children: [entry] });
    const phone = Object.assign(new ClassValidatorError(), {
      property: 'phone',
      constraints: { matches: '请输入11位手机号码' },
      contexts: { matches: { code: 'PHONE_INVALID' } },
    });
    expect(toFieldErrors([education, phone])).toEqual([
      { field: 'education.0.school', code: 'REQUIRED', message: '此项为必填项' },
      { field: 'phone', code: 'PHONE_INVALID', message: '请输入11位手机号码' },
    ]);
  });

  it('maps failures to problems without leaking internals', () => {
    expect(toProblem(new ValidationError([{ field: 'a', code: 'REQUIRED', message: 'x' }]))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      unexpected: false,
    });
    expect(toProblem(new TooManyRequestsError(undefined, undefined, 30))).toMatchObject({
      status: 429,
      retryAfterSeconds: 30,
    });
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, message: '页面不存在' });
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toProblem(new Error('db password is hunter2'))).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
      message: '系统繁忙，请稍后再试',
      fields: [],
      unexpected: true,
    });
  });
});
