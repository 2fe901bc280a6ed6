import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './bootstrap/create-app';
import { APP_CONFIG, type AppConfig, ConfigError } from './config/app-config';
import { APP_LOGGER } from './infrastructure/http/app-logger';

/** Starts the server; an invalid environment is reported in one message and exits with 1. */
async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  app.get<Logger>(APP_LOGGER).info({ url: `http://${config.host}:${port}`, env: config.env }, 'listening');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Failed to start:', error);
  process.exit(1);
});
