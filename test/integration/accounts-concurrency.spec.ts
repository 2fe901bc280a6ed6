import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/shared/messages';
import { type AccountsTestApp, residentId, startAccountsApp, VALID } from './accounts-support';

const ATTEMPTS = 200;
const PEOPLE = 20;

/**
 * 200 registrations at once, through two app instances on the same data directory (two SQLite
 * connections, as two processes would have), sharing 20 ID numbers and 20 usernames (typed in
 * varying case): exactly one account per ID and per username, every other attempt answered and
 * recorded, no reservation left pending.
 */
describe('concurrent registrations', () => {
  let dataDir: string;
  let apps: AccountsTestApp[];
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yikao-accounts-concurrency-'));
    // All 200 come from one address (127.0.0.1): the per-address bounds (registration-limits.spec) stay
    // off, and so does the surge bound (password-hash-busy.spec): 400 hashes may wait, none is refused.
    const unbounded = {
      REGISTRATION_REFUSALS_PER_IP_PER_HOUR: '0',
      REGISTRATIONS_PER_IP_PER_HOUR: '0',
      PASSWORD_HASH_QUEUE: '100000',
    };
    apps = [await startAccountsApp(unbounded, dataDir), await startAccountsApp(unbounded, dataDir)];
  }, 60_000);
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keep one account per identity and per username', async () => {
    const responses = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) => {
        const person = i % PEOPLE;
        const username = `user_${String(person).padStart(2, '0')}`;
        return apps[i % 2]
          .http()
          .post('/api/accounts/register')
          .set('X-Request-Id', `concurrent-attempt-${i}`)
          .send({
            ...VALID,
            username: i % 3 === 0 ? username.toUpperCase() : username,
            realName: `张${'一二三四五六七八九十'[i % 10]}`,
            idNumber: residentId(person * 2 + 1),
            birthDate: '1990-01-01',
            gender: 'M',
          });
      }),
    );

    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(PEOPLE);
    expect(refused).toHaveLength(ATTEMPTS - PEOPLE);
    for (const res of refused) expect(['IDENTITY_ALREADY_REGISTERED', 'USERNAME_TAKEN']).toContain(res.body.error.code);

    const log: RecordedEvent[] = [];
    for (let batch = await apps[0].store.readAll({ maxCount: 5000 }); batch.length > 0;) {
      log.push(...batch);
      batch = await apps[0].store.readAll({ after: batch[batch.length - 1].position, maxCount: 5000 });
    }
    const registered = log
      .filter((e) => e.type === 'CandidateRegistered')
      .map((e) => e.data as { identityStream: string; username: string });
    expect(registered).toHaveLength(PEOPLE);
    expect(new Set(registered.map((r) => r.identityStream)).size).toBe(PEOPLE);
    expect(new Set(registered.map((r) => r.username.toLowerCase())).size).toBe(PEOPLE);

    // Every refused attempt is recorded exactly once, under its own request id.
    const records = log.filter(
      (e) => e.type === 'DuplicateRegistrationAttempted' || e.type === 'UsernameRequestRefused',
    );
    expect(records).toHaveLength(ATTEMPTS - PEOPLE);
    const refusedIds = new Set(refused.map((r) => r.headers['x-request-id'] as string));
    expect(new Set(records.map((e) => e.metadata.correlationId))).toEqual(refusedIds);

    // Nothing left pending: each username and identity ends confirmed by the account that holds it.
    const streams = new Set(log.filter((e) => /^(username|identity)-/.test(e.streamId)).map((e) => e.streamId));
    for (const stream of streams) {
      const events = log.filter((e) => e.streamId === stream);
      const claims = events.filter((e) => e.type === 'UsernameReserved' || e.type === 'IdentityClaimed').length;
      const ends = events.filter((e) => /Confirmed|Released|Expired/.test(e.type)).length;
      expect({ stream, open: claims - ends }).toEqual({ stream, open: 0 });
    }
  }, 120_000);
});
