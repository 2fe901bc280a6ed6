import { sortedJson } from './sorted-json';

describe('sortedJson', () => {
  it('gives objects with the same content the same text, at every level, in any key order', () => {
    expect(sortedJson({ b: 1, a: { d: [{ y: 2, x: 1 }], c: null } })).toBe(
      sortedJson({ a: { c: null, d: [{ x: 1, y: 2 }] }, b: 1 }),
    );
    expect(sortedJson({ a: [1, 2] })).not.toBe(sortedJson({ a: [2, 1] })); // arrays keep their order
  });

  it('leaves out what `omit` says, at every level', () => {
    const blank = (_key: string, field: unknown) => field === '' || field === null || field === undefined;
    expect(sortedJson({ a: '', b: { c: null, d: 1 } }, blank)).toBe('{"b":{"d":1}}');
    expect(sortedJson({ employer: { name: '某医院', inDirectory: true } }, (key) => key === 'inDirectory')).toBe(
      '{"employer":{"name":"某医院"}}',
    );
  });
});
