import { encode } from 'jpeg-js';
import { type AccountsTestApp, startAccountsApp, VALID } from './accounts-support';
import { maskIdNumber } from '../../src/accounts/security/identity-key';

const PROFILE = {
  contact: { phone: '13800138000', email: 'zhang@example.cn', address: '北京市海淀区学院路 38 号', postcode: '100191' },
  employment: {
    employer: '北京大学第一医院',
    department: '内科',
    position: '医师',
    title: '住院医师',
    startMonth: '2016-08',
  },
  education: [
    {
      school: '北京大学医学部',
      major: '临床医学',
      level: '大学本科',
      degree: '学士',
      studyForm: '全日制',
      from: '2010-09',
      to: '2015-07',
    },
    {
      school: '某某不存在卫生学校',
      major: '护理',
      level: '中专',
      degree: '无',
      studyForm: '全日制',
      from: '2006-09',
      to: '2009-07',
    },
  ],
  training: [{ kind: '规范化培训', institution: '北京大学第一医院', from: '2015-09', to: '2018-08' }],
  certificates: [
    { kind: '医师资格证书', number: '201811110000001', issuedOn: '2019-01', issuer: '国家卫生健康委员会' },
  ],
};

/** A JPEG of this size; `noisy` pixels compress badly, making a file far over 30 KB. */
function jpeg(width: number, height: number, noisy = false): Buffer {
  const data = Buffer.alloc(width * height * 4, 200);
  if (noisy) for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + (i >> 3) * 104729) % 251;
  return encode({ data, width, height }, noisy ? 100 : 50).data;
}

describe('profile API (ETag / If-Match, read-your-writes, photo)', () => {
  let t: AccountsTestApp;
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    t = await startAccountsApp();
    await t.http().post('/api/accounts/register').send(VALID).expect(201);
    session = await t.login(VALID.username, VALID.password);
  }, 60_000);
  afterAll(() => t?.close());

  const get = () => t.http().get('/api/profile').set('Cookie', session.cookie);
  const put = (body: object, etag?: string) => {
    const req = t.http().put('/api/profile').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf);
    return (etag ? req.set('If-Match', etag) : req).send(body);
  };
  async function unchanged<T>(action: () => Promise<T>): Promise<T> {
    const before = await t.store.headPosition();
    const result = await action();
    expect(await t.store.headPosition()).toBe(before);
    return result;
  }

  it('saves everything at once, flags names outside the directory, and shows it at once (read-your-writes)', async () => {
    const first = await get().expect(200);
    expect(first.body).toMatchObject({
      realName: VALID.realName,
      // Masked as every page masks it.
      idNumberMasked: maskIdNumber(VALID.idNumber),
    });
    expect(first.body.idNumber).toBeUndefined();
    const saved = await put(PROFILE, first.headers.etag).expect(200);
    expect(saved.body.changed).toBe(true);
    expect(saved.headers.etag).not.toBe(first.headers.etag);
    const after = await get().expect(200);
    expect(after.headers.etag).toBe(saved.headers.etag);
    expect(after.body.employment.employer).toEqual({ name: '北京大学第一医院', inDirectory: true });
    expect(after.body.education.map((e: { school: unknown }) => e.school)).toEqual([
      { name: '北京大学医学部', inDirectory: true },
      { name: '某某不存在卫生学校', inDirectory: false },
    ]);
    expect(after.body.certificates[0]).toMatchObject({ number: '201811110000001' });
  });

  it('writes no event when nothing changed (entries keep their ids)', async () => {
    const current = await get().expect(200);
    const body = {
      ...PROFILE,
      education: current.body.education,
      training: current.body.training,
      certificates: current.body.certificates,
    };
    const res = await unchanged(() => put(body, current.headers.etag).expect(200));
    expect(res.body.changed).toBe(false);
  });

  it('keeps what shows of a pasted text: bidirectional overrides and zero-width characters are dropped', async () => {
    const current = await get().expect(200);
    const pasted = {
      ...PROFILE,
      contact: {
        ...PROFILE.contact,
        address: '北京市\u202e东城区\u200b某路1号',
        phone: '１３８ ００１３ ８０００',
        postcode: '１００１９１',
      },
      employment: { ...PROFILE.employment, employer: '北京大学第一医院\u200d' },
      education: current.body.education,
      training: current.body.training,
      certificates: current.body.certificates,
    };
    await put(pasted, current.headers.etag).expect(200);
    const after = await get().expect(200);
    expect(after.body.contact.address).toBe('北京市东城区某路1号');
    // Typed with a Chinese IME (full-width) and in groups: kept as the number it is.
    expect(after.body.contact).toMatchObject({ phone: '13800138000', postcode: '100191' });
    // Cleaned, the employer is the directory's name again (grey), not an unknown one.
    expect(after.body.employment.employer).toEqual({ name: '北京大学第一医院', inDirectory: true });
  });

  it('answers a stale If-Match with 409 and a missing one with 428, changing nothing', async () => {
    const current = await get().expect(200);
    await put({ ...PROFILE, contact: { ...PROFILE.contact, postcode: '100000' } }, current.headers.etag).expect(200);
    const stale = await unchanged(() =>
      put({ ...PROFILE, contact: { ...PROFILE.contact, postcode: '200000' } }, current.headers.etag),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('WRONG_EXPECTED_REVISION');
    const missing = await unchanged(() => put(PROFILE));
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('IF_MATCH_REQUIRED');
  });

  it.each([
    ['contact.phone', { contact: { ...PROFILE.contact, phone: '123' } }, 'PHONE_FORMAT'],
    ['contact.email', { contact: { ...PROFILE.contact, email: 'x@' } }, 'EMAIL_FORMAT'],
    ['contact.address', { contact: { ...PROFILE.contact, address: '' } }, 'REQUIRED'],
    ['contact.postcode', { contact: { ...PROFILE.contact, postcode: '12' } }, 'POSTCODE_FORMAT'],
    ['employment.employer', { employment: { ...PROFILE.employment, employer: '' } }, 'REQUIRED'],
    ['employment.startMonth', { employment: { ...PROFILE.employment, startMonth: '16-08' } }, 'MONTH_FORMAT'],
    ['employment.startMonth', { employment: { ...PROFILE.employment, startMonth: '2999-01' } }, 'MONTH_IN_FUTURE'],
    ['education.0.to', { education: [{ ...PROFILE.education[0], to: '2009-07' }] }, 'MONTH_ORDER'],
    ['education.0.degree', { education: [{ ...PROFILE.education[0], degree: '' }] }, 'REQUIRED'],
    ['training.0.kind', { training: [{ ...PROFILE.training[0], kind: '出国' }] }, 'NOT_ALLOWED'],
    [
      'certificates.0.issuedOn',
      { certificates: [{ ...PROFILE.certificates[0], issuedOn: '2019-13' }] },
      'MONTH_FORMAT',
    ],
  ])('refuses a bad %s and writes nothing', async (field, override, code) => {
    const current = await get().expect(200);
    const res = await unchanged(() => put({ ...PROFILE, ...override }, current.headers.etag));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field, code })]);
  });

  it('refuses the API to anonymous callers', async () => {
    await t.http().get('/api/profile').expect(401);
  });

  it('stores a 215×300 JPEG by hash, serves it to its owner, and refuses wrong files with a reason', async () => {
    const upload = (file: Buffer, name = 'photo.jpg') =>
      t
        .http()
        .post('/api/profile/photo')
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrf)
        .attach('photo', file, name);
    for (const [file, code] of [
      [jpeg(300, 215), 'PHOTO_WRONG_SIZE'],
      [Buffer.from('%PDF-1.4 not a photo'), 'PHOTO_NOT_JPEG'],
      [jpeg(215, 300, true), 'PHOTO_TOO_LARGE'],
    ] as const) {
      const res = await unchanged(() => upload(file));
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].code).toBe(code);
    }
    const good = jpeg(215, 300);
    const res = await upload(good).expect(200);
    expect(res.body.photo).toMatchObject({
      width: 215,
      height: 300,
      bytes: good.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await get()).body.photo.sha256).toBe(res.body.photo.sha256);
    const image = await t
      .http()
      .get(`/profile/photo/${res.body.photo.sha256}.jpg`)
      .set('Cookie', session.cookie)
      .expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(image.body as Buffer, good)).toBe(0);
    await t
      .http()
      .get(`/profile/photo/${'0'.repeat(64)}.jpg`)
      .set('Cookie', session.cookie)
      .expect(403);
  });
});
