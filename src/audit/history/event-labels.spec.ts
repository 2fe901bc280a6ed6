import { recoveryAttemptsStream, loginAttemptsStream } from '../../accounts/accounts.streams';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { eventLabel } from './event-labels';

describe('the Chinese names of events in a history', () => {
  it('names a 找回密码 identity check as such, not as a login (which a suspended account cannot make)', () => {
    expect(eventLabel('LoginSucceeded', recoveryAttemptsStream('k1'))).toBe('找回密码：身份核验通过');
    expect(eventLabel('LoginFailed', recoveryAttemptsStream('k1'))).toBe('找回密码：身份核验未通过');
    expect(eventLabel('LoginSucceeded', loginAttemptsStream('zhangsan01'))).toBe('登录成功');
    expect(eventLabel('LoginSucceeded')).toBe('登录成功');
  });

  it('keeps the type of an event it has no name for', () => {
    expect(eventLabel('SomethingNew', recoveryAttemptsStream('k1'))).toBe('SomethingNew');
  });
});

describe('every event type the application writes has a Chinese name', () => {
  // Loading the application module loads every slice, and each slice declares its events.
  beforeAll(async () => {
    await import('../../app.module');
  });

  it('names each registered type in Chinese, never by its code name', () => {
    const types = eventRegistry.types();
    expect(types).toEqual(expect.arrayContaining(['CandidateRegistered', 'EnrollmentSubmitted', 'TicketsAllocated']));
    const unnamed = types.filter((type) => {
      const label = eventLabel(type);
      return label === type || !/^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(label);
    });
    expect(unnamed).toEqual([]);
  });
});
