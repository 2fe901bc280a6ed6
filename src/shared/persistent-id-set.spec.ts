import { PersistentIdSet } from './persistent-id-set';

describe('PersistentIdSet', () => {
  it('adds and deletes ids, counting them, and ignores a repeated add or an absent delete', () => {
    const set = PersistentIdSet.empty.add('a').add('b').add('a').delete('x');
    expect(set.size).toBe(2);
    expect(set.has('a')).toBe(true);
    expect(set.has('b')).toBe(true);
    expect(set.has('c')).toBe(false);
    expect(set.delete('a').toSortedArray()).toEqual(['b']);
    expect(set.delete('a').delete('b').size).toBe(0);
  });

  it('returns the same set when nothing changes', () => {
    const set = PersistentIdSet.of(['a', 'b']);
    expect(set.add('a')).toBe(set);
    expect(set.delete('z')).toBe(set);
  });

  it('never changes a set it was derived from', () => {
    const before = PersistentIdSet.of(['a', 'b']);
    const added = before.add('c');
    const deleted = before.delete('a');
    expect(before.toSortedArray()).toEqual(['a', 'b']);
    expect(before.size).toBe(2);
    expect(added.toSortedArray()).toEqual(['a', 'b', 'c']);
    expect(deleted.toSortedArray()).toEqual(['b']);
  });

  it('agrees with a plain Set over thousands of random adds and deletes, and every earlier version stays as it was', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const reference = new Set<string>();
    let set = PersistentIdSet.empty;
    const versions: Array<{ set: PersistentIdSet; ids: string[] }> = [];
    for (let step = 0; step < 5000; step++) {
      const id = `enrollment-${Math.floor(random() * 1500)}`;
      if (random() < 0.7) {
        reference.add(id);
        set = set.add(id);
      } else {
        reference.delete(id);
        set = set.delete(id);
      }
      expect(set.size).toBe(reference.size);
      if (step % 500 === 0) versions.push({ set, ids: [...reference].sort() });
    }
    expect(set.toSortedArray()).toEqual([...reference].sort());
    for (const id of ['enrollment-1', 'enrollment-700', 'enrollment-1499']) expect(set.has(id)).toBe(reference.has(id));
    for (const version of versions) expect(version.set.toSortedArray()).toEqual(version.ids);
  });

  it('serializes to the sorted ids', () => {
    expect(JSON.stringify({ holders: PersistentIdSet.of(['b', 'a']) })).toBe('{"holders":["a","b"]}');
  });
});
