import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../shared/errors';
import { READ_STORE, type ReadCollection, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { drawCaptcha } from './captcha-image';

/** In CAPTCHA_MODE=test every captcha's answer is this (the app refuses that mode in production). */
export const TEST_CAPTCHA_ANSWER = '2468';
const CAPTCHA_TTL_MS = 5 * 60 * 1000;
const ISSUED = 1n;
const GONE = 2n;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

interface CaptchaDocument extends Record<string, unknown> {
  captchaId: string;
  answerHash: string;
  expiresAt: number;
}

export interface IssuedCaptcha {
  captchaId: string;
  /** data: URI of the SVG image (the CSP allows data: images). */
  image: string;
}

export class CaptchaInvalidError extends DomainError {
  override readonly httpStatus = 400;
  constructor() {
    super('CAPTCHA_INVALID', '校验码不正确或已过期', [
      { field: 'captcha', code: 'CAPTCHA_INVALID', message: '校验码不正确或已过期，请输入新的校验码' },
    ]);
  }
}

/**
 * 校验码: a fresh one for every attempt, usable once, kept in the shared read store so any app
 * process can check it. Using it (right or wrong) deletes it, which succeeds for one caller only.
 */
@Injectable()
export class CaptchaService {
  private collection?: Promise<ReadCollection<CaptchaDocument>>;
  private lastSweep = 0;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private captchas(): Promise<ReadCollection<CaptchaDocument>> {
    this.collection ??= this.readStore.collection<CaptchaDocument>('accountCaptchas', [{ fields: [['expiresAt', 1]] }]);
    return this.collection;
  }

  private static hashOf(captchaId: string, answer: string): string {
    return createHash('sha256').update(`${captchaId}:${answer.trim().toLowerCase()}`).digest('hex');
  }

  async issue(now = Date.now()): Promise<IssuedCaptcha> {
    const captchaId = randomUUID();
    const { data, text } = drawCaptcha(this.config.captchaMode === 'test' ? TEST_CAPTCHA_ANSWER : undefined);
    const doc = {
      captchaId,
      answerHash: CaptchaService.hashOf(captchaId, text),
      expiresAt: now + CAPTCHA_TTL_MS,
    };
    await (await this.captchas()).put(captchaId, doc, ISSUED, { expectedPosition: null });
    if (now - this.lastSweep > SWEEP_EVERY_MS) await this.sweep(now);
    return { captchaId, image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}` };
  }

  /** Consumes the captcha and throws CaptchaInvalidError unless it was live, unused and answered right. */
  async consume(captchaId: unknown, answer: unknown, now = Date.now()): Promise<void> {
    if (typeof captchaId !== 'string' || typeof answer !== 'string' || captchaId.length > 64)
      throw new CaptchaInvalidError();
    const captchas = await this.captchas();
    const stored = await captchas.get(captchaId);
    if (!stored || stored.doc.expiresAt < now) throw new CaptchaInvalidError();
    // Deleting is the use: both adapters report a deletion to one caller only, so it is used once.
    const won = await captchas.delete(captchaId, GONE);
    if (!won || stored.doc.answerHash !== CaptchaService.hashOf(captchaId, answer)) throw new CaptchaInvalidError();
  }

  /** Captchas shown but never used are removed once expired (any process may do it). */
  private async sweep(now: number): Promise<void> {
    this.lastSweep = now;
    const captchas = await this.captchas();
    const expired = await captchas.find({ filter: { expiresAt: { $lt: now } }, limit: 1000 });
    for (const doc of expired) await captchas.delete(doc.captchaId, GONE);
  }
}
