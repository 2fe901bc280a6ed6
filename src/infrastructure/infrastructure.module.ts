import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig, loadConfig } from '../config/app-config';
import { CommandMetrics } from './command-handling/command-metrics';
import { EventSourcedHandler } from './command-handling/event-sourced-handler';
import { createEventStore } from './event-store/event-store.factory';
import { EVENT_STORE } from './event-store/event-store.port';
import { createReadStore } from './read-store/read-store.factory';
import { READ_STORE } from './read-store/read-store.port';
import { ProjectionRunner } from './projections/projection-runner';
import { StoresShutdown } from '../bootstrap/graceful-shutdown';

/** The stores, command handling and projections every slice uses. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      // A thread of the store's own checkpoints the WAL: request handlers' appends seldom stall for it (see walCheckpoints).
      useFactory: (config: AppConfig) =>
        createEventStore(config.eventStore, { chainKey: config.secrets.auditChainKey, walCheckpoints: 'thread' }),
    },
    {
      provide: READ_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createReadStore(config.readStore),
    },
    CommandMetrics,
    EventSourcedHandler,
    ProjectionRunner,
    StoresShutdown,
  ],
  exports: [APP_CONFIG, EVENT_STORE, READ_STORE, CommandMetrics, EventSourcedHandler, ProjectionRunner, CqrsModule],
})
export class InfrastructureModule {}
