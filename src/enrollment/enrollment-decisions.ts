import { Injectable } from '@nestjs/common';
import {
  EventSourcedHandler,
  type HandleOptions,
  type HandleResult,
} from '../infrastructure/command-handling/event-sourced-handler';
import type { CommandContext } from '../shared/messages';
import { CatalogReader } from '../catalog/catalog-reader';
import type { CatalogSession, CatalogState } from '../catalog/catalog.state';
import {
  enrollmentDecider,
  type CandidateCommand,
  type EnrollmentCommand,
  type StaffCommand,
} from './enrollment.decider';
import { enrollmentStream, type EnrollmentEvent } from './enrollment.events';
import type { EnrollmentState } from './enrollment.state';

export type ScheduledCatalog = CatalogState & { session: CatalogSession };

/** Runs enrollment commands: the session's windows and the command's time and actor come along. */
@Injectable()
export class EnrollmentDecisions {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly catalogs: CatalogReader,
  ) {}

  catalog(sessionCode: string): Promise<ScheduledCatalog> {
    return this.catalogs.loadScheduled(sessionCode);
  }

  /** The enrollment as the next command would find it (the handler's cached fold, caught up). */
  async load(sessionCode: string, candidateId: string): Promise<EnrollmentState> {
    return (await this.loadWithRevision(sessionCode, candidateId)).state;
  }

  /** The same, with the stream's revision (-1n: no enrollment), which a decision can be pinned to. */
  loadWithRevision(sessionCode: string, candidateId: string) {
    return this.handler.load(enrollmentStream(sessionCode, candidateId), enrollmentDecider);
  }

  withContext(
    command: CandidateCommand | StaffCommand,
    catalog: ScheduledCatalog,
    context: CommandContext,
  ): EnrollmentCommand {
    return { ...command, now: context.now, actor: context.actor, windows: catalog.session.windows };
  }

  /** Decides on the current state without writing: refusals surface before any seat is touched. */
  dryRun(command: EnrollmentCommand, state: EnrollmentState): EnrollmentEvent[] {
    return enrollmentDecider.decide(command, state);
  }

  async execute(
    sessionCode: string,
    candidateId: string,
    command: CandidateCommand | StaffCommand,
    context: CommandContext,
    options: HandleOptions = {},
  ): Promise<HandleResult<EnrollmentState, EnrollmentEvent>> {
    const catalog = await this.catalog(sessionCode);
    return this.handler.handle(
      enrollmentStream(sessionCode, candidateId),
      enrollmentDecider,
      this.withContext(command, catalog, context),
      context,
      options,
    );
  }
}
