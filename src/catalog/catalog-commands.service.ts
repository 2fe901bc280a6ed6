import { Injectable } from '@nestjs/common';
import { EventSourcedHandler } from '../infrastructure/command-handling/event-sourced-handler';
import type { CommandContext } from '../shared/messages';
import { seatDecider } from '../enrollment/seats/seat.decider';
import { siteStream } from '../enrollment/seats/seat.events';
import { catalogDecider, type CatalogCommand } from './catalog.decider';
import { examStream } from './catalog.events';
import { CatalogReader } from './catalog-reader';
import { validateCapacity } from './catalog-validation';

/** Changes to the catalog by admins, all as events on `exam-<sessionCode>`. */
@Injectable()
export class CatalogCommands {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly reader: CatalogReader,
  ) {}

  /** Returns the global position written (null when nothing changed), for read-your-writes. */
  async execute(sessionCode: string, command: CatalogCommand, context: CommandContext): Promise<bigint | null> {
    if (command.type === 'ChangeSiteCapacity') await this.setSeatCapacity(sessionCode, command, context);
    const result = await this.handler.handle(examStream(sessionCode), catalogDecider, command, context);
    return result.position;
  }

  /**
   * The site's reservation stream records the capacity first, with its expected revision, so a
   * concurrent hold is decided again against the new capacity and a site never holds more seats
   * than it has. If the catalog append then fails, repeating the change completes it.
   */
  private async setSeatCapacity(
    sessionCode: string,
    command: Extract<CatalogCommand, { type: 'ChangeSiteCapacity' }>,
    context: CommandContext,
  ): Promise<void> {
    validateCapacity(command.capacity);
    const catalog = await this.reader.loadScheduled(sessionCode);
    if (!catalog.sites[command.siteCode]) return; // the catalog decider reports the unknown site
    await this.handler.handle(
      siteStream(sessionCode, command.siteCode),
      seatDecider,
      { type: 'SetSeatCapacity', sessionCode, siteCode: command.siteCode, capacity: command.capacity },
      context,
    );
  }
}
