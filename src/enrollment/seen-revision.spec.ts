import { seenRevisionOf } from './seen-revision';

describe('the revision a staff request is pinned to', () => {
  it('reads a JSON number or a form’s digits', () => {
    expect(seenRevisionOf(7)).toBe(7n);
    expect(seenRevisionOf('12')).toBe(12n);
  });

  it('takes null as not given, as the API takes it on every optional field, rather than failing with a 500', () => {
    expect(seenRevisionOf(undefined)).toBeUndefined();
    expect(seenRevisionOf(null)).toBeUndefined();
  });
});
