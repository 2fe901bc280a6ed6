import { candidateViewProjection } from '../../projections/candidate-view/candidate-view.projection';
import { enrollmentTableProjection } from '../../projections/enrollment-table/enrollment-table.projection';
import { examCatalogProjection } from '../../projections/exam-catalog/exam-catalog.projection';
import { identityCasesProjection } from '../../projections/identity-cases/identity-cases.projection';
import { siteOccupancyProjection } from '../../projections/site-occupancy/site-occupancy.projection';
import { candidateStreamsProjection } from '../audit/history/candidate-streams.projection';
import type { ProjectionDefinition } from '../infrastructure/projections/projection';
import { staffAccountsProjection } from '../staff-accounts/staff-accounts.projection';

/**
 * Every projection the slices register, by name: the projection thread has no Nest modules to
 * register them, so it looks them up here (a test keeps this list equal to the registered ones).
 */
export const APP_PROJECTIONS: readonly ProjectionDefinition[] = [
  examCatalogProjection,
  staffAccountsProjection,
  enrollmentTableProjection,
  siteOccupancyProjection,
  candidateViewProjection,
  candidateStreamsProjection,
  identityCasesProjection,
];
