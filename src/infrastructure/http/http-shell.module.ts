import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { APP_LOGGER, createAppLogger } from './app-logger';

/** The process's pino logger, injectable everywhere as APP_LOGGER (tests may override it). */
@Global()
@Module({
  providers: [
    { provide: APP_LOGGER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createAppLogger(config.logLevel) },
  ],
  exports: [APP_LOGGER],
})
export class HttpShellModule {}
