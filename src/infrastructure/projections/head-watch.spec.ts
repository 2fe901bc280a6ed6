import { HeadWatch } from './head-watch';

describe('HeadWatch', () => {
  it('measures how long the oldest unreached head has been waiting', () => {
    const watch = new HeadWatch();
    watch.observe(10n, 4n, 1000);
    watch.observe(20n, 4n, 2000);
    expect(watch.behind).toBe(true);
    expect(watch.behindForMs(3500)).toBe(2500);
    watch.reached(12n);
    expect(watch.behindForMs(3500)).toBe(1500);
    watch.reached(20n);
    expect(watch.behind).toBe(false);
    expect(watch.behindForMs(9999)).toBe(0);
  });

  it('ignores heads already reached and readings that bring nothing new', () => {
    const watch = new HeadWatch();
    watch.observe(5n, 5n, 1000);
    expect(watch.behind).toBe(false);
    watch.observe(8n, null, 1000);
    watch.observe(8n, null, 2000);
    expect(watch.behindForMs(2500)).toBe(1500);
  });
});
