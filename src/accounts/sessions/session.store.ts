import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type ReadCollection, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import type { Principal, Role, StaffScope } from '../../infrastructure/http/principal';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/**
 * Another process's logout (or a suspension ending an account's sessions) is seen within this
 * time; lookups in between cost nothing.
 */
export const SESSION_CACHE_MS = 2000;
const TOUCH_EVERY_MS = 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

interface SessionDocument extends Record<string, unknown> {
  sessionId: string;
  role: Role;
  userId: string;
  username: string;
  scope: StaffScope | null;
  createdAt: number;
  lastSeenAt: number;
}

/** Every write carries a growing position, so the read store keeps the newest (touch vs delete). */
let lastStamp = 0n;
function stamp(): bigint {
  const now = BigInt(Date.now()) * 1000n;
  lastStamp = now > lastStamp ? now : lastStamp + 1n;
  return lastStamp;
}

/**
 * Sessions live in the read store, which every app process shares; the cookie holds a random token
 * and the store only its SHA-256, so a leaked store cannot be replayed as cookies.
 */
@Injectable()
export class SessionStore {
  private collection?: Promise<ReadCollection<SessionDocument>>;
  private lastSweep = 0;
  private readonly cache = new Map<string, { doc: SessionDocument | null; until: number }>();

  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  private sessions(): Promise<ReadCollection<SessionDocument>> {
    this.collection ??= this.readStore.collection<SessionDocument>('accountSessions', [
      { fields: [['userId', 1]] },
      { fields: [['lastSeenAt', 1]] },
    ]);
    return this.collection;
  }

  static idOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  async create(
    user: { role: Role; id: string; username: string; scope?: StaffScope },
    now = Date.now(),
  ): Promise<{ token: string; sessionId: string }> {
    const token = randomBytes(32).toString('base64url');
    const sessionId = SessionStore.idOf(token);
    const doc: SessionDocument = {
      sessionId,
      role: user.role,
      userId: user.id,
      username: user.username,
      scope: user.scope ?? null,
      createdAt: now,
      lastSeenAt: now,
    };
    await (await this.sessions()).put(sessionId, doc, stamp());
    if (now - this.lastSweep > SWEEP_EVERY_MS) await this.sweep(now);
    return { token, sessionId };
  }

  /** The principal of a live session, or undefined (unknown, idle too long, or too old). */
  async resolve(token: string, now = Date.now()): Promise<Principal | undefined> {
    const sessionId = SessionStore.idOf(token);
    let doc = this.cached(sessionId, now);
    if (doc === undefined) {
      doc = (await (await this.sessions()).get(sessionId))?.doc ?? null;
      this.remember(sessionId, doc, now);
    }
    if (!doc) return undefined;
    if (now - doc.lastSeenAt > SESSION_IDLE_MS || now - doc.createdAt > SESSION_ABSOLUTE_MS) {
      await this.end(sessionId);
      return undefined;
    }
    if (now - doc.lastSeenAt > TOUCH_EVERY_MS) {
      const touched = { ...doc, lastSeenAt: now };
      await (await this.sessions()).put(sessionId, touched, stamp());
      this.remember(sessionId, touched, now);
    }
    return {
      role: doc.role,
      id: doc.userId,
      username: doc.username,
      ...(doc.scope ? { scope: doc.scope } : {}),
      sessionId,
    };
  }

  async end(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await (await this.sessions()).delete(sessionId, stamp());
  }

  /**
   * Ends a user's sessions, but `except` (after a password change or recovery), or all of them
   * (an account suspended or disabled): the store is shared, so every process stops accepting them.
   */
  async endAllOf(userId: string, except?: string): Promise<void> {
    const docs = await (await this.sessions()).find({ filter: { userId } });
    for (const doc of docs) if (doc.sessionId !== except) await this.end(doc.sessionId);
  }

  /** Sessions idle past the timeout are removed (also those whose browser never came back). */
  private async sweep(now: number): Promise<void> {
    this.lastSweep = now;
    const idle = await (
      await this.sessions()
    ).find({ filter: { lastSeenAt: { $lt: now - SESSION_IDLE_MS } }, limit: 1000 });
    for (const doc of idle) await this.end(doc.sessionId);
  }

  private cached(sessionId: string, now: number): SessionDocument | null | undefined {
    const entry = this.cache.get(sessionId);
    if (!entry || entry.until < now) return undefined;
    return entry.doc;
  }

  private remember(sessionId: string, doc: SessionDocument | null, now: number): void {
    if (this.cache.size > 10000) this.cache.clear();
    this.cache.set(sessionId, { doc, until: now + SESSION_CACHE_MS });
  }
}
