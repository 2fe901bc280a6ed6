import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { VerifyReport } from '../../infrastructure/event-store/tamper/chain-problem';
import { ChainVerifier } from '../../infrastructure/event-store/tamper/chain-verifier';
import { SqliteRawLog } from '../../infrastructure/event-store/tamper/sqlite-raw-log';
import { CandidateLocator } from '../history/candidate-locator';

/** `chainsOnly`: a candidate's hash chains, not the digests' record of their heads (see verifyStreams). */
export type VerifyTarget = { stream: string } | { candidate: string; chainsOnly?: boolean } | { log: true };

/** Proves a stream, a candidate's history or the whole log intact (or names what is not). */
@Injectable()
export class AuditVerifyService {
  private readonly verifier: ChainVerifier;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly locator: CandidateLocator,
  ) {
    this.verifier = new ChainVerifier(store, config.secrets.auditChainKey);
  }

  async verify(target: VerifyTarget): Promise<VerifyReport> {
    if ('stream' in target) return this.verifier.verifyStreams([target.stream], `stream ${target.stream}`);
    if ('candidate' in target) {
      const candidateId = await this.locator.resolve(target.candidate);
      const streams = await this.locator.streams(candidateId);
      return this.verifier.verifyStreams(
        [...streams.own, ...streams.shared, streams.auditAccess],
        `candidate ${candidateId}`,
        { digests: !target.chainsOnly },
      );
    }
    // The embedded store is read row by row without parsing (fast path); servers through the port.
    if (this.config.eventStore.kind !== 'sqlite') return this.verifier.verifyLog();
    const raw = new SqliteRawLog(this.config.eventStore.file);
    try {
      return await this.verifier.verifyLog({ raw });
    } finally {
      raw.close();
    }
  }
}
