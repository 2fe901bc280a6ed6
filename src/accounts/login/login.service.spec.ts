import type { AppConfig } from '../../config/app-config';
import type { CaptchaService } from '../captcha/captcha.service';
import type { PasswordHasher } from '../security/password-hasher';
import type { SessionStore } from '../sessions/session.store';
import type { IpThrottle } from './ip-throttle';
import type { LoginAttemptsRecorder } from './login-attempts.recorder';
import { type LoginAccount, LoginService } from './login.service';

/** Login with its collaborators stubbed: only the suspension rules are under test here. */
function loginWith(lookups: Array<LoginAccount | null>) {
  const ended: string[] = [];
  const created: string[] = [];
  const sessions = {
    create: async () => {
      created.push(`s${created.length + 1}`);
      return { token: 'token', sessionId: created[created.length - 1] };
    },
    end: async (sessionId: string) => void ended.push(sessionId),
  } as unknown as SessionStore;
  const service = new LoginService(
    { consume: async () => undefined } as unknown as CaptchaService,
    { check: async () => undefined, fail: async () => undefined } as unknown as IpThrottle,
    {
      state: async () => ({}),
      refuseIfLocked: async () => undefined,
      record: async () => undefined,
    } as unknown as LoginAttemptsRecorder,
    {
      admitted: <T>(useCase: () => Promise<T>) => useCase(),
      verify: async () => true,
    } as unknown as PasswordHasher,
    sessions,
    { secrets: { identityKey: 'k' } } as unknown as AppConfig,
  );
  let call = 0;
  const findAccount = async () => lookups[Math.min(call++, lookups.length - 1)];
  const login = () =>
    service.login({ username: 'someone', password: 'pw', captchaId: 'c', captcha: 'x' }, findAccount, {
      actor: { id: 'anonymous', role: 'anonymous' },
      correlationId: 'r1',
      now: new Date('2026-11-26T06:00:00Z'),
    } as never);
  return { login, ended, created };
}

const account = (overrides: Partial<LoginAccount> = {}): LoginAccount => ({
  id: 'c1',
  role: 'candidate',
  username: 'someone',
  passwordHash: 'h',
  ...overrides,
});

describe('login and suspension', () => {
  it('signs in an account in use', async () => {
    const { login, created, ended } = loginWith([account()]);
    await expect(login()).resolves.toMatchObject({ token: 'token' });
    expect(created).toEqual(['s1']);
    expect(ended).toEqual([]);
  });

  it('refuses a suspended candidate and a disabled staff member, with no session', async () => {
    const candidate = loginWith([account({ suspended: true })]);
    await expect(candidate.login()).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED', httpStatus: 403 });
    const staff = loginWith([account({ role: 'staff', suspended: true })]);
    await expect(staff.login()).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED', httpStatus: 403 });
    expect([...candidate.created, ...staff.created]).toEqual([]);
  });

  it('ends the new session when the account was suspended while the password was checked', async () => {
    const { login, created, ended } = loginWith([account(), account({ suspended: true })]);
    await expect(login()).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    expect(created).toEqual(['s1']);
    expect(ended).toEqual(['s1']);
  });
});
