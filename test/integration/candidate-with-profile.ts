import type request from 'supertest';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { residentId } from './accounts-support';

export interface CandidateToRegister {
  username: string;
  password: string;
  realName: string;
  /** residentId(idSequence): a Beijing 居民身份证 born 1990-01-01 (even: female). */
  idSequence: number;
  email: string;
}

/**
 * A candidate as the enrollment specs need one: registered through the API, with 工作情况, one
 * 教育经历 (edu-1, 大学本科/学士) and one 培训经历 (tr-1) appended to their stream, then signed in.
 * Returns the login answer (its cookie) and the candidate id.
 */
export async function registerWithProfile(
  http: () => ReturnType<typeof request>,
  store: EventStore,
  captcha: () => Promise<{ captchaId: string; captcha: string }>,
  who: CandidateToRegister,
): Promise<{ id: string; login: request.Response }> {
  const registered = await http()
    .post('/api/accounts/register')
    .send({
      username: who.username,
      password: who.password,
      realName: who.realName,
      gender: 'F',
      birthDate: '1990-01-01',
      idType: 'resident',
      idNumber: residentId(who.idSequence),
      nationality: '中国',
      mobile: '13800138000',
      email: who.email,
      securityQuestion: '我的小学名字',
      securityAnswer: '实验小学',
    });
  if (registered.status !== 201) throw new Error(JSON.stringify(registered.body));
  const id = registered.body.candidateId as string;
  const stream = `candidate-${id}`;
  const context = {
    actor: { id, role: 'candidate' as const },
    correlationId: `profile-${who.username}`,
    now: new Date(),
  };
  await store.append(
    stream,
    toNewEvents(
      [
        {
          type: 'EmploymentChanged',
          data: {
            employer: { name: '某医院（测试）', inDirectory: false },
            department: '内科',
            position: '医师',
            title: '住院医师',
            startMonth: '2020-09',
          },
        },
        {
          type: 'EducationAdded',
          data: {
            id: 'edu-1',
            school: { name: '某医学院（测试）', inDirectory: false },
            major: '临床医学',
            level: '大学本科',
            degree: '学士',
            studyForm: '全日制',
            from: '2014-09',
            to: '2019-07',
          },
        },
        {
          type: 'TrainingAdded',
          data: { id: 'tr-1', kind: '试用期', institution: '某医院（测试）', from: '2019-08', to: '2020-08' },
        },
      ],
      context,
    ),
    BigInt((await store.readStream(stream)).length - 1),
  );
  const login = await http()
    .post('/api/accounts/login')
    .send({ username: who.username, password: who.password, ...(await captcha()) })
    .expect(200);
  return { id, login };
}
