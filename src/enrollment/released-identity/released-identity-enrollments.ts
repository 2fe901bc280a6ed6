import { Injectable } from '@nestjs/common';
import { CatalogQueries } from '../../catalog/catalog-queries';
import type { CommandContext } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { EnrollmentSeats } from '../seats/enrollment-seats.service';

/**
 * Staff found that an account is not the person its ID number names and freed the identity for
 * them (注意 4, registerAnew): what that account enrolled in was never the person's application, so
 * each of its enrollments still standing is withdrawn on the staff member's behalf, with the case's
 * reason as the note, and its seat released. Repeating it withdraws nothing twice.
 */
@Injectable()
export class ReleasedIdentityEnrollments {
  constructor(
    private readonly catalog: CatalogQueries,
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: EnrollmentSeats,
  ) {}

  /** The sessions whose enrollment was withdrawn now. */
  async withdrawAll(candidateId: string, note: string, context: CommandContext): Promise<string[]> {
    const withdrawn: string[] = [];
    for (const sessionCode of await this.catalog.sessionCodes()) {
      const state = await this.decisions.load(sessionCode, candidateId);
      if (state.status === 'none' || state.status === 'withdrawn') continue;
      const result = await this.seats.withdraw(sessionCode, candidateId, context, { note });
      if (result.position !== null) withdrawn.push(sessionCode);
    }
    return withdrawn;
  }
}
