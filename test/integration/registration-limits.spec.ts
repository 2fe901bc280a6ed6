import { type AccountsTestApp, residentId, startAccountsApp, VALID } from './accounts-support';

/** The per-address bounds on registration (REGISTRATIONS_PER_IP_PER_HOUR, REGISTRATION_REFUSALS_PER_IP_PER_HOUR). */
describe('registrations per client address', () => {
  let bounded: AccountsTestApp;
  beforeAll(async () => {
    bounded = await startAccountsApp({
      REGISTRATIONS_PER_IP_PER_HOUR: '2',
      REGISTRATION_REFUSALS_PER_IP_PER_HOUR: '2',
    });
  }, 60_000);
  afterAll(async () => bounded?.close());

  const person = (n: number) => ({
    ...VALID,
    username: `limit_user_${n}`,
    birthDate: '1990-01-01',
    idNumber: residentId(100 + 2 * n), // even sequence: female, as VALID
  });
  const register = (body: object) => bounded.http().post('/api/accounts/register').send(body);

  it('refuses a third account from one address within the hour, clearly, and changes nothing', async () => {
    await register(person(1)).expect(201);
    await register(person(2)).expect(201);
    const head = await bounded.store.headPosition();
    const refused = await register(person(3)).expect(429);
    expect(refused.body.error).toMatchObject({
      code: 'REGISTRATION_RATE_LIMITED',
      message: '该网络地址注册过于频繁，请稍后再试',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    expect(await bounded.store.headPosition()).toBe(head);
  });

  it('bounds refused attempts too (probing which ID numbers are registered)', async () => {
    const other = await startAccountsApp({
      REGISTRATIONS_PER_IP_PER_HOUR: '0',
      REGISTRATION_REFUSALS_PER_IP_PER_HOUR: '2',
    });
    try {
      const holder = person(10);
      await other.http().post('/api/accounts/register').send(holder).expect(201);
      const probe = (n: number) => ({ ...holder, username: `prober_${n}` });
      const first = await other.http().post('/api/accounts/register').send(probe(1)).expect(409);
      expect(first.body.error.code).toBe('IDENTITY_ALREADY_REGISTERED');
      await other.http().post('/api/accounts/register').send(probe(2)).expect(409);
      const head = await other.store.headPosition();
      const third = await other.http().post('/api/accounts/register').send(probe(3)).expect(429);
      expect(third.body.error.code).toBe('REGISTRATION_RATE_LIMITED');
      // Nothing recorded for the refused probe: not even the attempt on the identity's stream.
      expect(await other.store.headPosition()).toBe(head);
      // Over its bound, the address waits for any registration, like an address over the login bound.
      await other.http().post('/api/accounts/register').send(person(11)).expect(429);
    } finally {
      await other.close();
    }
  });
});
