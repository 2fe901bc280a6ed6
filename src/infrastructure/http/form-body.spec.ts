import { list } from '../../enrollment/pages/enrollment-page-helpers';
import { parseFormBody } from './form-body';

describe('a urlencoded form body', () => {
  const ticked = (n: number) => Array.from({ length: n }, (_, i) => `select=c${i}%40${i}`).join('&');

  it('keeps a checkbox group of more than a page of rows a list, so the page can say it is too many', () => {
    const form = parseFormBody(ticked(201));
    expect(list(form, 'select')).toHaveLength(201);
    expect(list(form, 'select')[200]).toBe('c200@200');
  });

  it('parses nested fields into objects and arrays', () => {
    expect(parseFormBody('education[0][school]=%E6%9F%90&education[1][school]=b')).toEqual({
      education: [{ school: '某' }, { school: 'b' }],
    });
  });
});
