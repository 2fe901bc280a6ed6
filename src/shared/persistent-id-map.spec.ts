import { PersistentIdMap } from './persistent-id-map';

const mapOf = (...ids: string[]) => PersistentIdMap.of(ids.map((id) => [id, id.toUpperCase()] as const));

describe('PersistentIdMap', () => {
  it('sets and deletes ids, counting them, and ignores an unchanged set or an absent delete', () => {
    const map = mapOf('a', 'b').set('a', 'A').delete('x');
    expect(map.size).toBe(2);
    expect(map.has('a')).toBe(true);
    expect(map.get('b')).toBe('B');
    expect(map.has('c')).toBe(false);
    expect(map.get('c')).toBeUndefined();
    expect(map.delete('a').sortedKeys()).toEqual(['b']);
    expect(map.delete('a').delete('b').size).toBe(0);
  });

  it('replaces the value of an id it has without counting it again', () => {
    const map = mapOf('a').set('a', 'other');
    expect(map.size).toBe(1);
    expect(map.get('a')).toBe('other');
  });

  it('returns the same map when nothing changes', () => {
    const map = mapOf('a', 'b');
    expect(map.set('a', 'A')).toBe(map);
    expect(map.delete('z')).toBe(map);
  });

  it('never changes a map it was derived from', () => {
    const before = mapOf('a', 'b');
    const added = before.set('c', 'C');
    const changed = before.set('a', 'changed');
    const deleted = before.delete('a');
    expect(before.toJSON()).toEqual({ a: 'A', b: 'B' });
    expect(before.size).toBe(2);
    expect(added.sortedKeys()).toEqual(['a', 'b', 'c']);
    expect(changed.get('a')).toBe('changed');
    expect(deleted.sortedKeys()).toEqual(['b']);
  });

  it('agrees with a plain Map over thousands of random sets and deletes, and every earlier version stays as it was', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const reference = new Map<string, number>();
    let map = PersistentIdMap.empty<number>();
    const versions: Array<{ map: PersistentIdMap<number>; entries: Record<string, number> }> = [];
    const sorted = (entries: Map<string, number>) =>
      Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    for (let step = 0; step < 5000; step++) {
      const id = `enrollment-${Math.floor(random() * 1500)}`;
      if (random() < 0.7) {
        reference.set(id, step % 3);
        map = map.set(id, step % 3);
      } else {
        reference.delete(id);
        map = map.delete(id);
      }
      expect(map.size).toBe(reference.size);
      if (step % 500 === 0) versions.push({ map, entries: sorted(reference) });
    }
    expect(map.toJSON()).toEqual(sorted(reference));
    for (const id of ['enrollment-1', 'enrollment-700', 'enrollment-1499']) expect(map.get(id)).toBe(reference.get(id));
    for (const version of versions) expect(version.map.toJSON()).toEqual(version.entries);
  });

  it('serializes to its entries in id order', () => {
    expect(JSON.stringify({ holders: mapOf('b', 'a') })).toBe('{"holders":{"a":"A","b":"B"}}');
  });
});
