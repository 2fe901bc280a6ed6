import { Inject, Injectable } from '@nestjs/common';
import type { EnrollmentRow } from '../../../projections/enrollment-table/enrollment-table.projection';
import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from '../candidate-profile/enrollment-profiles.port';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { outdatedSinceSubmitted, type CopiedStep } from '../profile-drift';

/**
 * A submitted or approved enrollment keeps the copy of 个人信息 its steps made: which of those
 * copies the candidate has changed since, so the pages can tell them. The table rows hold the
 * folded enrollment (its copies), so no enrollment stream is read.
 */
@Injectable()
export class SubmittedCopies {
  constructor(
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
    private readonly queries: EnrollmentQueries,
    private readonly readYourWrites: EnrollmentReadYourWrites,
  ) {}

  /** The out-of-date steps of each row (by enrollmentId); the profile is read only if a row was submitted. */
  async outdatedByRow(candidateId: string, rows: EnrollmentRow[]): Promise<Map<string, CopiedStep[]>> {
    const outdated = new Map<string, CopiedStep[]>();
    const kept = rows.filter((row) => row.state.status === 'submitted' || row.state.status === 'approved');
    if (kept.length === 0) return outdated;
    const profile = await this.profiles.get(candidateId);
    if (!profile) return outdated;
    for (const row of kept) outdated.set(row.enrollmentId, outdatedSinceSubmitted(row.state, profile));
    return outdated;
  }

  /** Whether any of the candidate's enrollments kept as submitted now differs from 个人信息. */
  async anyOutdated(candidateId: string): Promise<boolean> {
    await this.readYourWrites.candidateCaughtUp(candidateId);
    const rows = await this.queries.forCandidate(candidateId);
    const outdated = await this.outdatedByRow(candidateId, rows);
    return [...outdated.values()].some((steps) => steps.length > 0);
  }
}
