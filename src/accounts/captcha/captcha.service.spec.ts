import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { EmbeddedReadStore } from '../../infrastructure/read-store/embedded/embedded-read-store';
import { CaptchaService, TEST_CAPTCHA_ANSWER } from './captcha.service';

describe('captcha service', () => {
  let dir: string;
  let stores: EmbeddedReadStore[];
  const service = (store: EmbeddedReadStore, captchaMode: AppConfig['captchaMode']) =>
    new CaptchaService(store, { captchaMode } as AppConfig);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'captcha-'));
    stores = [
      new EmbeddedReadStore({ file: join(dir, 'r.sqlite') }),
      new EmbeddedReadStore({ file: join(dir, 'r.sqlite') }),
    ];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws an SVG image and accepts its answer once, in any process', async () => {
    const issuer = service(stores[0], 'test');
    const checker = service(stores[1], 'test');
    const { captchaId, image } = await issuer.issue();
    expect(image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(image.split(',')[1], 'base64').toString()).toContain('<svg');
    await expect(checker.consume(captchaId, ` ${TEST_CAPTCHA_ANSWER} `)).resolves.toBeUndefined();
    await expect(checker.consume(captchaId, TEST_CAPTCHA_ANSWER)).rejects.toMatchObject({ code: 'CAPTCHA_INVALID' });
  });

  it('is used up by a wrong answer too, so each attempt needs a fresh one', async () => {
    const captchas = service(stores[0], 'test');
    const { captchaId } = await captchas.issue();
    await expect(captchas.consume(captchaId, '0000')).rejects.toMatchObject({ code: 'CAPTCHA_INVALID' });
    await expect(captchas.consume(captchaId, TEST_CAPTCHA_ANSWER)).rejects.toMatchObject({ code: 'CAPTCHA_INVALID' });
  });

  it('lets only one of two simultaneous uses through', async () => {
    const { captchaId } = await service(stores[0], 'test').issue();
    const results = await Promise.allSettled([
      service(stores[0], 'test').consume(captchaId, TEST_CAPTCHA_ANSWER),
      service(stores[1], 'test').consume(captchaId, TEST_CAPTCHA_ANSWER),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('expires after five minutes and sweeps expired ones', async () => {
    const captchas = service(stores[0], 'test');
    const t0 = Date.now();
    const old = await captchas.issue(t0);
    await expect(captchas.consume(old.captchaId, TEST_CAPTCHA_ANSWER, t0 + 5 * 60 * 1000 + 1)).rejects.toMatchObject({
      code: 'CAPTCHA_INVALID',
    });
    const unused = await captchas.issue(t0);
    await captchas.issue(t0 + 11 * 60 * 1000);
    await expect(captchas.consume(unused.captchaId, TEST_CAPTCHA_ANSWER, t0)).rejects.toMatchObject({
      code: 'CAPTCHA_INVALID',
    });
  });

  it('in svg mode draws a random answer that the test answer does not pass', async () => {
    const captchas = service(stores[0], 'svg');
    const { captchaId } = await captchas.issue();
    await expect(captchas.consume(captchaId, TEST_CAPTCHA_ANSWER)).rejects.toMatchObject({ code: 'CAPTCHA_INVALID' });
  });
});
