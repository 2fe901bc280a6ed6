import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import {
  CANDIDATE_VIEW_COLLECTION,
  CANDIDATE_VIEW_PROJECTION,
  type CandidateView,
} from '../../../projections/candidate-view/candidate-view.types';

/** Reads the candidate view (the one read model the profile page, enrollment and printing share). */
@Injectable()
export class ProfileQueries {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: ProjectionRunner,
  ) {}

  /**
   * The candidate's view. A candidate who has just registered may sign in before the projection
   * has caught up: then wait (bounded) for it to reach the log's head once.
   */
  async get(candidateId: string): Promise<CandidateView | null> {
    const collection = await this.readStore.collection<CandidateView>(CANDIDATE_VIEW_COLLECTION);
    const found = await collection.get(candidateId);
    if (found) return found.doc;
    const head = await this.eventStore.headPosition();
    await this.runner.waitFor(head, [CANDIDATE_VIEW_PROJECTION], this.config.readYourWritesTimeoutMs);
    return (await collection.get(candidateId))?.doc ?? null;
  }
}
