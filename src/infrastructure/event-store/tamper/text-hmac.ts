import { createHash, hash } from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;

/**
 * HMAC-SHA256 (RFC 2104) of text written piece by piece into one reused buffer, finished with two
 * one-shot hashes: no Hmac object, no joined string per message. Gives exactly what
 * createHmac('sha256', key).update(text).digest('base64url') gives, at about half the cost.
 */
export class TextHmac {
  private readonly innerPad = Buffer.alloc(BLOCK);
  private readonly outer = Buffer.alloc(BLOCK + DIGEST);
  private buffer = Buffer.alloc(1 << 16);
  private length = BLOCK;

  constructor(key: string) {
    let bytes = Buffer.from(key, 'utf8');
    if (bytes.length > BLOCK) bytes = createHash('sha256').update(bytes).digest();
    for (let i = 0; i < BLOCK; i++) {
      const byte = i < bytes.length ? bytes[i] : 0;
      this.innerPad[i] = byte ^ 0x36;
      this.outer[i] = byte ^ 0x5c;
    }
    this.innerPad.copy(this.buffer);
  }

  /** Starts a new message. */
  begin(): this {
    this.length = BLOCK;
    return this;
  }

  /** Appends text as UTF-8. */
  text(text: string): this {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.length + text.length * 3 > this.buffer.length) this.grow(this.length + text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
    return this;
  }

  /** Appends one ASCII character (no call into the encoder for a comma or a bracket). */
  ascii(code: number): this {
    if (this.length === this.buffer.length) this.grow(this.length + 1);
    this.buffer[this.length++] = code;
    return this;
  }

  /** Drops the last `bytes` bytes written (a suffix known to be that long). */
  dropLast(bytes: number): this {
    this.length = Math.max(BLOCK, this.length - bytes);
    return this;
  }

  /** The HMAC of the message, base64url. */
  digest(): string {
    const inner = hash('sha256', this.buffer.subarray(0, this.length), 'binary');
    this.outer.write(inner, BLOCK, 'binary');
    return hash('sha256', this.outer, 'base64url');
  }

  private grow(needed: number): void {
    const bigger = Buffer.alloc(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}
