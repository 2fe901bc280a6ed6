import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { READ_STORE, type ReadStore } from '../infrastructure/read-store/read-store.port';
import { drainHttpServer } from './http-drain';

export const IN_FLIGHT_GRACE_MS = 10_000;

/**
 * Shutdown, step 1 (SIGTERM or app.close()): stop accepting connections and let in-flight
 * requests finish, bounded. Registered in OpsModule, which Nest destroys before the global
 * InfrastructureModule, so requests still have running projections (read-your-writes) and open
 * stores while they finish.
 */
@Injectable()
export class HttpDrainOnShutdown implements OnModuleDestroy {
  private readonly logger = new Logger('Shutdown');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleDestroy(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    const outcome = await drainHttpServer(server, IN_FLIGHT_GRACE_MS);
    this.logger.log(`HTTP server closed: in-flight requests ${outcome === 'drained' ? 'finished' : 'cut off'}`);
  }
}

/**
 * Shutdown, last step: the projections stop (saving their checkpoints), then the read store and
 * the event store close. Registered in InfrastructureModule, next to the stores it closes.
 */
@Injectable()
export class StoresShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly projections: ProjectionRunner,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.readStore.close();
    await this.eventStore.close();
    this.logger.log('projections stopped, stores closed');
  }
}
