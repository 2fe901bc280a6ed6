import { newId, streamCategory, streamName } from './ids';

describe('newId', () => {
  it('is a version 7 UUID with the RFC variant', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('orders ids by creation time (millisecond prefix)', async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = newId();
    expect(first.slice(0, 13) < second.slice(0, 13)).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newId));
    expect(ids.size).toBe(10_000);
  });
});

describe('stream names', () => {
  it('joins a camelCase category and an id with a dash', () => {
    expect(streamName('loginAttempts', 'abc-1')).toBe('loginAttempts-abc-1');
    expect(streamCategory('loginAttempts-abc-1')).toBe('loginAttempts');
  });

  it('refuses a category with a dash, which would break $ce- streams', () => {
    expect(() => streamName('login-attempts', 'x')).toThrow('Invalid stream category');
  });
});
