import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { PasswordHashQueue } from './password-hash-queue';

/** OWASP's argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes passwords and security answers with argon2id (on libuv's thread pool, off the event loop).
 * Verifying against a fixed dummy hash when there is no account keeps the time of a failed login
 * the same whether or not the username exists. Jobs go through a bounded queue (PasswordHashQueue).
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly queue: PasswordHashQueue) {}

  /**
   * Runs a use case that hashes for the public holding a place in the queue, or throws
   * ServerBusyError (503, Retry-After) at once when every place is taken: call it before anything.
   */
  admitted<T>(useCase: () => Promise<T>): Promise<T> {
    return this.queue.admitted(useCase);
  }

  hash(secret: string): Promise<string> {
    return this.queue.run(() => hash(secret, ARGON2_OPTIONS));
  }

  async verify(storedHash: string | undefined, secret: string): Promise<boolean> {
    if (!storedHash) {
      this.dummyHash ??= this.hash('no account: equalise timing');
      const dummy = await this.dummyHash;
      await this.queue.run(() => verify(dummy, secret)).catch(() => false);
      return false;
    }
    try {
      return await this.queue.run(() => verify(storedHash, secret));
    } catch {
      return false;
    }
  }
}

/** Security answers are compared without regard to case, width or surrounding spaces. */
export function normalizeSecurityAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
