import type { DynamicModule, InjectionToken, Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from '../app.module';
import { APP_CONFIG, type AppConfig, loadConfig } from '../config/app-config';
import { APP_LOGGER, PinoNestLogger, createAppLogger } from '../infrastructure/http/app-logger';
import { AppExceptionFilter } from '../infrastructure/http/app-exception.filter';
import { correlationIdMiddleware } from '../infrastructure/http/correlation-id.middleware';
import { CsrfTokens } from '../infrastructure/http/csrf-token';
import { csrfMiddleware } from '../infrastructure/http/csrf.middleware';
import { requestLogMiddleware } from '../infrastructure/http/request-log.middleware';
import { RolesGuard } from '../infrastructure/http/roles.guard';
import { createValidationPipe } from '../infrastructure/http/validation';
import { serveOpenApi } from './openapi';
import { projectPaths } from './project-paths';
import { securityHeaders } from './security-headers';
import { serveStaticAssets } from './static-assets';
import { configureViews } from './views';

export interface AppOverrides {
  /** Configuration from this environment instead of process.env (tests: a temp DATA_DIR, APP_ENV=test). */
  env?: Record<string, string | undefined>;
  /** Providers replaced by token (tests: a fixed clock, a captcha with a known answer). */
  providers?: Array<{ provide: InjectionToken; useValue: unknown }>;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** Extra modules next to AppModule (tests: probe controllers that exercise the shell). */
  imports?: Array<Type | DynamicModule>;
}

const BODY_LIMIT = '1mb';

/**
 * The one way to build the app, for main.ts and for tests: same middleware, views, pipes,
 * guards and filters. Not yet listening: call `app.listen()` or `app.init()` (supertest).
 * Throws ConfigError when the environment is invalid.
 */
export async function createApp(overrides: AppOverrides = {}): Promise<NestExpressApplication> {
  const config = loadConfig(overrides.env ?? process.env);
  const app = await instantiate(config, overrides);
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  configureHttp(app, config, logger);
  return app;
}

/** Without overrides, plain NestFactory; with them, Nest's testing module to swap providers. */
async function instantiate(config: AppConfig, overrides: AppOverrides): Promise<NestExpressApplication> {
  const options = { bodyParser: false, bufferLogs: true, abortOnError: false } as const;
  const overriding = Object.values(overrides).some((value) => value !== undefined);
  if (!overriding) return NestFactory.create<NestExpressApplication>(AppModule, options);
  // Loaded only here: @nestjs/testing is a dev dependency and production never passes overrides.
  const { Test } = await import('@nestjs/testing');
  let builder = Test.createTestingModule({ imports: [AppModule, ...(overrides.imports ?? [])] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(APP_LOGGER)
    .useValue(createAppLogger(config.logLevel, overrides.logDestination));
  for (const { provide, useValue } of overrides.providers ?? [])
    builder = builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  return moduleRef.createNestApplication<NestExpressApplication>(options);
}

/** Order matters: correlation id first (every later log line has it), CSRF after body parsing. */
function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  const production = config.env === 'production';
  const paths = projectPaths();
  app.set('trust proxy', config.trustProxy);
  app.use(correlationIdMiddleware);
  app.use(requestLogMiddleware(logger));
  app.use(securityHeaders(production));
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.currentPath = req.path;
    // Pages and API answers may hold personal data: no cache keeps them (handlers may override).
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  serveStaticAssets(app, paths.static);
  app.use(cookieParser());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: true, limit: BODY_LIMIT });
  app.use(csrfMiddleware(new CsrfTokens(config.secrets.sessionKey), production));
  configureViews(app, paths, production);

  const reflector = app.get(Reflector);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalGuards(new RolesGuard(reflector, logger));
  app.useGlobalFilters(new AppExceptionFilter(logger));
  serveOpenApi(app);
  // process.exit(0) after the hooks (rather than re-raising the signal) lets pino flush its last lines.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
}
