import request from 'supertest';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';

/** A signed-in browser: its cookies (session and CSRF) and the token its forms and API calls carry. */
export type Who = { cookie: string; csrf: string };

/**
 * What the integration specs that sign people in through HTTP share: the session a login answer
 * opens, a captcha (test mode), and requests as someone.
 */
export function httpSessions(http: () => ReturnType<typeof request>) {
  async function sessionFrom(res: request.Response): Promise<Who> {
    const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!.split(';')[0];
    const csrfRes = await http().get('/api/csrf').set('Cookie', sid).expect(200);
    const csrf = (csrfRes.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('csrf='))!
      .split(';')[0];
    return { cookie: `${sid}; ${csrf}`, csrf: csrfRes.body.csrfToken as string };
  }
  const captcha = async () => {
    const res = await http().post('/api/accounts/captcha').expect(201);
    return { captchaId: res.body.captchaId as string, captcha: TEST_CAPTCHA_ANSWER };
  };
  const as = (who: Who) => ({
    get: (path: string) => http().get(path).set('Cookie', who.cookie),
    post: (path: string, body: object = {}) =>
      http().post(path).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf).send(body),
    put: (path: string, body: object = {}) =>
      http().put(path).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf).send(body),
    delete: (path: string) => http().delete(path).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf),
    form: (path: string, fields: object) =>
      http()
        .post(path)
        .set('Cookie', who.cookie)
        .type('form')
        .send({ _csrf: who.csrf, ...fields }),
  });
  /**
   * Steps 1–6 of session 2027 through the API, for a candidate whose profile has the fixtures'
   * education `edu-1` and training `tr-1` (candidate-with-profile); then 提交 unless `submit: false`.
   */
  const enrollThroughApi = async (who: Who, { siteCode = '1101', categoryCode = '110', submit = true } = {}) => {
    const api = as(who);
    await api.post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode }).expect(200);
    await api.put('/api/enrollment/2027/basic-info').expect(200);
    await api.put('/api/enrollment/2027/employment').expect(200);
    await api
      .put('/api/enrollment/2027/qualifications', { educationIds: ['edu-1'], trainingIds: ['tr-1'] })
      .expect(200);
    await api.put('/api/enrollment/2027/certificates', { certificateIds: [] }).expect(200);
    await api.put('/api/enrollment/2027/site', { siteCode }).expect(200);
    if (submit) await api.post('/api/enrollment/2027/submit').expect(200);
  };
  return { sessionFrom, captcha, as, enrollThroughApi };
}
