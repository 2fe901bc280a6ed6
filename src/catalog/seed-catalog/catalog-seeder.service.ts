import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import { newId } from '../../shared/ids';
import { catalogDecider } from '../catalog.decider';
import { examStream } from '../catalog.events';
import { readCatalogSeed } from '../catalog-seed';

/**
 * Schedules the default session from the seed file at first start. The whole catalog is one
 * append expecting no stream: when several processes start at once one wins and the others,
 * deciding again on the winner's events, append nothing. A later start appends nothing either.
 */
@Injectable()
export class CatalogSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handler: EventSourcedHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  /** Returns how many events it appended (0 when the session was already scheduled). */
  async seed(file = this.config.seedCatalogFile): Promise<number> {
    const seed = readCatalogSeed(file);
    const context = {
      actor: { id: 'catalog-seeder', role: 'system' as const },
      correlationId: newId(),
      now: new Date(),
    };
    try {
      const result = await this.handler.handle(
        examStream(seed.session.code),
        catalogDecider,
        { type: 'SeedCatalog', seed },
        context,
        { maxRetries: 3 },
      );
      if (result.events.length > 0)
        this.logger.log(`Scheduled ${seed.session.name} from ${file} (${result.events.length} events)`);
      return result.events.length;
    } catch (error) {
      // Another process won every round: its catalog is in place, which is all we wanted.
      if (error instanceof WrongExpectedRevisionError) return 0;
      throw error;
    }
  }
}
