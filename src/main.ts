import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { isClusterPrimary, runCluster } from './bootstrap/cluster';
import { createApp } from './bootstrap/create-app';
import { APP_CONFIG, type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { APP_LOGGER, createAppLogger } from './infrastructure/http/app-logger';

/** Starts the server (or, with WEB_CONCURRENCY > 1, its worker processes); an invalid environment exits with 1. */
async function main(): Promise<void> {
  // Validated (and development secrets generated) once, before any worker starts.
  const { webConcurrency, logLevel } = loadConfig(process.env);
  if (isClusterPrimary(webConcurrency)) {
    const logger = createAppLogger(logLevel).child({ role: 'primary' });
    runCluster(webConcurrency, { info: (message) => logger.info(message), error: (message) => logger.error(message) });
    return;
  }
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  app.get<Logger>(APP_LOGGER).info(
    {
      url: `http://${config.host}:${port}`,
      env: config.env,
      worker: process.env.WORKER_INDEX ?? null,
      pid: process.pid,
    },
    'listening',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Failed to start:', error);
  process.exit(1);
});
