import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import {
  CANDIDATE_VIEW_COLLECTION,
  type CandidateView,
} from '../../../projections/candidate-view/candidate-view.types';

/** Reads the candidate view (the one read model the profile page, enrollment and printing share). */
@Injectable()
export class ProfileQueries {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async get(candidateId: string): Promise<CandidateView | null> {
    const collection = await this.readStore.collection<CandidateView>(CANDIDATE_VIEW_COLLECTION);
    return (await collection.get(candidateId))?.doc ?? null;
  }
}
