import { ReleasedIdentityEnrollments } from './released-identity/released-identity-enrollments';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { enrollmentTableProjection } from '../../projections/enrollment-table/enrollment-table.projection';
import { siteOccupancyProjection } from '../../projections/site-occupancy/site-occupancy.projection';
import { EnrollmentApiController } from './candidate-api/enrollment.api.controller';
import { EnrollmentHomePageController } from './pages/enrollment-home.page.controller';
import { EnrollmentStepsPageController } from './pages/enrollment-steps.page.controller';
import { StaffChangesPageController } from './pages/staff-changes.page.controller';
import { StaffReviewPageController } from './pages/staff-review.page.controller';
import { EnrollmentCatalogView } from './enrollment-catalog-view';
import { EnrollmentDecisions } from './enrollment-decisions';
import { EnrollmentQueries } from './enrollment-queries';
import { EnrollmentReadYourWrites } from './enrollment-read-your-writes';
import { EnrollmentSteps } from './enrollment-steps.service';
import { PledgeTexts } from './pledge/pledge-texts';
import { EnrollmentSeats } from './seats/enrollment-seats.service';
import { SeatLedger } from './seats/seat-ledger.service';
import { SeatReconciler } from './seats/seat-reconciler.service';
import { SeatSweeper } from './seats/seat-sweeper.service';
import { EnrollmentReview } from './staff-review/enrollment-review.service';
import { StaffReviewApiController } from './staff-review/staff-review.api.controller';
import { StaffChangesApiController } from './staff-changes/staff-changes.api.controller';
import { StaffEnrollmentChanges } from './staff-changes/staff-enrollment-changes.service';
import { TicketBatch } from './tickets/ticket-batch.service';
import { TicketBatchRuns } from './tickets/ticket-batch-runs.service';
import { TicketRunsApiController } from './tickets/ticket-runs.api.controller';
import { TicketRunsPageController } from './pages/ticket-runs.page.controller';
import { SeatCheckApiController } from './seat-check/seat-check.api.controller';
import { SeatCheckPageController } from './seat-check/seat-check.page.controller';
import { SeatCheck } from './seat-check/seat-check.service';
import { StaffDefaultSession } from './staff-default-session';
import { StaffPhotoPageController } from './staff-photo/staff-photo.page.controller';
import { SubmittedCopies } from './submitted-copies/submitted-copies.service';

/** Registers the enrollment read models with the runner (before it starts, at bootstrap). */
@Injectable()
export class EnrollmentProjections implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(enrollmentTableProjection);
    this.runner.register(siteOccupancyProjection);
  }
}

export const ENROLLMENT_CONTROLLERS = [
  EnrollmentApiController,
  StaffReviewApiController,
  StaffChangesApiController,
  TicketRunsApiController,
  EnrollmentHomePageController,
  EnrollmentStepsPageController,
  StaffReviewPageController,
  StaffChangesPageController,
  TicketRunsPageController,
  SeatCheckApiController,
  SeatCheckPageController,
  StaffPhotoPageController,
];

/** Everything but the profile source, which the module binds (and tests replace). */
export const ENROLLMENT_PROVIDERS = [
  EnrollmentProjections,
  PledgeTexts,
  EnrollmentDecisions,
  EnrollmentSteps,
  EnrollmentCatalogView,
  EnrollmentQueries,
  EnrollmentReadYourWrites,
  SeatLedger,
  SeatReconciler,
  SeatSweeper,
  EnrollmentSeats,
  EnrollmentReview,
  StaffEnrollmentChanges,
  TicketBatch,
  TicketBatchRuns,
  SeatCheck,
  StaffDefaultSession,
  ReleasedIdentityEnrollments,
  SubmittedCopies,
];
