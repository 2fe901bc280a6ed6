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

  describe('with the clock held still', () => {
    afterEach(() => jest.restoreAllMocks());

    it('starts with the 48-bit millisecond timestamp, big-endian', () => {
      jest.spyOn(Date, 'now').mockReturnValue(0x0123456789ab);
      expect(newId()).toMatch(/^01234567-89ab-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      jest.spyOn(Date, 'now').mockReturnValue(0x1f);
      expect(newId().slice(0, 14)).toBe('00000000-001f-');
    });

    it('draws fresh random bits for every id, across many refills of the random pool', () => {
      jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
      const ids = Array.from({ length: 5_000 }, newId);
      expect(new Set(ids).size).toBe(5_000);
      for (const id of ids) {
        expect(id).toMatch(/^018bcfe5-6800-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
      // Every random hex digit position varies: no byte is stuck at a constant value.
      const randomDigits = ids.map((id) => id.slice(15).replace(/-/g, ''));
      for (let position = 0; position < randomDigits[0].length; position++) {
        expect(new Set(randomDigits.map((digits) => digits[position])).size).toBeGreaterThan(1);
      }
    });

    it('sets exactly the version and variant bits, leaving the other random bits uniform', () => {
      jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
      const ids = Array.from({ length: 2_000 }, newId);
      // The variant digit keeps two random bits: all of 8, 9, a, b must appear.
      expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
      expect(new Set(ids.map((id) => id[14]))).toEqual(new Set(['7']));
    });
  });

  it('orders ids across milliseconds even within one pool of random bytes', () => {
    const now = jest.spyOn(Date, 'now');
    const ids = Array.from({ length: 50 }, (_, i) => {
      now.mockReturnValue(1_700_000_000_000 + i);
      return newId();
    });
    now.mockRestore();
    expect([...ids].sort()).toEqual(ids);
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
