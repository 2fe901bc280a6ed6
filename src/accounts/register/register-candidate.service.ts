import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { fold } from '../../shared/decider';
import { ConflictError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { accountDecider } from '../accounts.decider';
import { candidateStream, usernameStream } from '../accounts.streams';
import {
  identityDecider,
  IdentityAlreadyRegisteredError,
  IdentityReservedError,
  maskUsername,
  RegistrationCodeVoidedError,
  reservationRefuses,
} from '../identity/identity.decider';
import { registrationCodeHash } from '../identity/registration-code';
import type { IdentityEvent } from '../identity/identity.events';
import { isStale, type Holder } from '../reservation';
import { deterministicId, identityStreamFor } from '../security/identity-key';
import { normalizeSecurityAnswer, PasswordHasher } from '../security/password-hasher';
import { usernameDecider, UsernameTakenError } from '../username/username.decider';
import type { UsernameEvent } from '../username/username.events';
import { normalizeUsername } from '../username/username.events';
import type { CandidateRegistered } from '../accounts.events';
import type { RegistrationInput } from './registration-input';
import { RegistrationIpLimit } from './registration-ip-limit';

/** A wrong 注册码 was recorded on the identity (counted towards voiding it): refused as such. */
function refuseIfWrongCode(events: IdentityEvent[]): void {
  if (events.some((event) => event.type === 'RegistrationCodeRefused')) throw new IdentityReservedError(true);
}

/** A registration form sent again, changed, after it had already registered the account. */
export class RegistrationAlreadySubmittedError extends ConflictError {
  constructor(username: string) {
    super(
      'REGISTRATION_ALREADY_SUBMITTED',
      `此注册表单已提交，用户名 ${username} 已注册成功，本次修改的内容没有保存。请直接登录：登录后可在“安全设置”中修改密码和密码查询问题，在“个人信息”中修改联系方式。`,
    );
  }
}

export interface RegistrationResult {
  candidateId: string;
  position: bigint | null;
}

/**
 * 注册 across three streams, each step idempotent: reserve the username, claim the identity, create
 * the candidate, then confirm both claims. The candidate id is derived from (identity, username,
 * registration key), so a retry of the same submission completes what a crash left half-done;
 * a pending claim whose candidate never appeared is taken over after RESERVATION_TIMEOUT_MS.
 */
@Injectable()
export class RegisterCandidateService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly hasher: PasswordHasher,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly perIp: RegistrationIpLimit,
  ) {}

  /**
   * Within the per-address bounds (RegistrationIpLimit), which count what this answers, holding a
   * place in the password-hash queue (503 SERVER_BUSY at once when none is left).
   */
  register(input: RegistrationInput, registrationKey: string, context: CommandContext): Promise<RegistrationResult> {
    return this.hasher.admitted(() => this.registerAdmitted(input, registrationKey, context));
  }

  private async registerAdmitted(
    input: RegistrationInput,
    registrationKey: string,
    context: CommandContext,
  ): Promise<RegistrationResult> {
    const now = context.now.getTime();
    await this.perIp.check(context.ip, now);
    try {
      const result = await this.registerChecked(input, registrationKey, context);
      await this.perIp.recordAccepted(context.ip, now);
      return result;
    } catch (error) {
      if (
        error instanceof IdentityAlreadyRegisteredError ||
        error instanceof UsernameTakenError ||
        error instanceof IdentityReservedError ||
        error instanceof RegistrationCodeVoidedError
      )
        await this.perIp.recordRefused(context.ip, now);
      throw error;
    }
  }

  private async registerChecked(
    input: RegistrationInput,
    registrationKey: string,
    context: CommandContext,
  ): Promise<RegistrationResult> {
    const identityStream = identityStreamFor(this.config.secrets.identityKey, input.idType, input.idNumber);
    const nameStream = usernameStream(input.username);
    const candidateId = deterministicId(identityStream, normalizeUsername(input.username), registrationKey);
    await this.refuseIfRetryDiffers(candidateId, input);
    const ip = context.ip ?? null;
    const reservationCodeHash = input.reservationCode
      ? registrationCodeHash(this.config.secrets.identityKey, identityStream, input.reservationCode)
      : null;
    const claim = async () =>
      this.handler.handle(
        identityStream,
        identityDecider,
        {
          type: 'ClaimIdentity',
          candidateId,
          username: input.username,
          realName: input.realName,
          ip,
          holderAbandoned: await this.holderAbandoned(identityStream, identityDecider, context.now),
          reservationCodeHash,
          now: context.now,
        },
        context,
      );

    // An identity already held by someone else: recorded on its stream, answered with the guide's message.
    const identity = fold(identityDecider, (await this.store.readStream(identityStream)) as IdentityEvent[]);
    const identityHolder = identity.holder;
    if (identityHolder.status !== 'free' && identityHolder.candidateId !== candidateId)
      await this.refuseIfDuplicate(await claim());
    // Kept by staff for the person they checked: refused before the username is taken (the claim checks again).
    if (identityHolder.status === 'free' && reservationRefuses(identity, reservationCodeHash, context.now)) {
      const checked = await this.handler.handle(
        identityStream,
        identityDecider,
        { type: 'CheckRegistrationCode', reservationCodeHash, ip, now: context.now },
        context,
      );
      refuseIfWrongCode(checked.events);
    }

    const [passwordHash, securityAnswerHash] = await Promise.all([
      this.hasher.hash(input.password),
      this.hasher.hash(normalizeSecurityAnswer(input.securityAnswer)),
    ]);
    const reserved = await this.handler.handle(
      nameStream,
      usernameDecider,
      {
        type: 'ReserveUsername',
        username: input.username,
        candidateId,
        identityStream,
        realName: input.realName,
        ip,
        holderAbandoned: await this.holderAbandoned(nameStream, usernameDecider, context.now),
        now: context.now,
      },
      context,
    );
    if (reserved.events.some((e: UsernameEvent) => e.type === 'UsernameRequestRefused')) {
      // The identity may have been claimed by this same attempt above (its holder had just left).
      await this.handler.handle(
        identityStream,
        identityDecider,
        { type: 'ReleaseIdentityClaim', candidateId, reason: 'username taken' },
        context,
      );
      throw new UsernameTakenError();
    }

    const claimed = await claim()
      .then((result) => {
        refuseIfWrongCode(result.events);
        return result;
      })
      .catch(async (error: unknown) => {
        if (error instanceof IdentityReservedError || error instanceof RegistrationCodeVoidedError)
          await this.handler.handle(
            nameStream,
            usernameDecider,
            { type: 'ReleaseUsername', candidateId, reason: 'identity reserved' },
            context,
          );
        throw error;
      });
    if (claimed.events.some((e) => e.type === 'DuplicateRegistrationAttempted')) {
      await this.handler.handle(
        nameStream,
        usernameDecider,
        { type: 'ReleaseUsername', candidateId, reason: 'identity already registered' },
        context,
      );
      await this.refuseIfDuplicate(claimed);
    }

    const created = await this.handler.handle(
      candidateStream(candidateId),
      accountDecider,
      {
        type: 'RegisterCandidate',
        data: {
          candidateId,
          username: input.username,
          realName: input.realName,
          gender: input.gender,
          birthDate: input.birthDate,
          idType: input.idType,
          idNumber: input.idNumber,
          identityStream,
          nationality: input.nationality,
          mobile: input.mobile,
          email: input.email,
          securityQuestion: input.securityQuestion,
          securityAnswerHash,
          passwordHash,
          registeredAt: context.now.toISOString(),
        },
      },
      context,
    );
    const confirmedName = await this.handler.handle(
      nameStream,
      usernameDecider,
      { type: 'ConfirmUsername', candidateId },
      context,
    );
    const confirmedIdentity = await this.handler.handle(
      identityStream,
      identityDecider,
      { type: 'ConfirmIdentityClaim', candidateId },
      context,
    );
    const positions = [created.position, confirmedName.position, confirmedIdentity.position].filter((p) => p !== null);
    return { candidateId, position: positions.length ? positions.reduce((a, b) => (a > b ? a : b)) : null };
  }

  /**
   * The same form sent again (its registration key) completes the same registration — but only if
   * it says the same: after 返回 and a correction, the second submission would otherwise be answered
   * 注册成功 while the account keeps what the first one said (its password among it).
   */
  private async refuseIfRetryDiffers(candidateId: string, input: RegistrationInput): Promise<void> {
    const [first] = await this.store.readStream(candidateStream(candidateId), { maxCount: 1 });
    if (first?.type !== 'CandidateRegistered') return;
    const stored = first.data as CandidateRegistered['data'];
    const fields = ['realName', 'gender', 'birthDate', 'nationality', 'mobile', 'email', 'securityQuestion'] as const;
    const same =
      fields.every((field) => stored[field] === input[field]) &&
      (await this.hasher.verify(stored.passwordHash, input.password)) &&
      (await this.hasher.verify(stored.securityAnswerHash, normalizeSecurityAnswer(input.securityAnswer)));
    if (!same) throw new RegistrationAlreadySubmittedError(stored.username);
  }

  private async refuseIfDuplicate(result: { events: IdentityEvent[] }): Promise<void> {
    const attempt = result.events.find((e) => e.type === 'DuplicateRegistrationAttempted');
    if (attempt) throw new IdentityAlreadyRegisteredError(maskUsername(attempt.data.holderUsername));
  }

  private async holderOf<S extends { holder: Holder }>(
    stream: string,
    decider: Parameters<typeof fold<S, never>>[0],
  ): Promise<Holder> {
    return fold(decider, (await this.store.readStream(stream)) as never[]).holder;
  }

  /** A stale pending holder may be replaced only if its candidate stream never appeared. */
  private async holderAbandoned<S extends { holder: Holder }>(
    stream: string,
    decider: Parameters<typeof fold<S, never>>[0],
    now: Date,
  ): Promise<boolean> {
    const holder = await this.holderOf(stream, decider);
    if (holder.status !== 'pending' || !isStale(holder, now)) return false;
    return (await this.store.readStream(candidateStream(holder.candidateId), { maxCount: 1 })).length === 0;
  }
}
