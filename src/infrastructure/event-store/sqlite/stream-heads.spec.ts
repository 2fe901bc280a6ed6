import { StreamHeads } from './stream-heads';

describe('StreamHeads', () => {
  it('keeps heads while the data version stays, and forgets them all when it moves', () => {
    let version = 1;
    const heads = new StreamHeads(() => version);
    heads.sync();
    heads.set('a', 3n);
    heads.set('b', -1n);
    heads.sync();
    expect([heads.get('a'), heads.get('b')]).toEqual([3n, -1n]);

    version = 2; // another connection committed
    heads.sync();
    expect([heads.get('a'), heads.get('b')]).toEqual([undefined, undefined]);
  });

  it('forgets the least recently set stream beyond its capacity', () => {
    const heads = new StreamHeads(() => 1, 2);
    heads.sync();
    heads.set('a', 0n);
    heads.set('b', 0n);
    heads.set('a', 1n);
    heads.set('c', 0n);
    expect([heads.get('a'), heads.get('b'), heads.get('c')]).toEqual([1n, undefined, 0n]);
  });
});
