import type { Server } from 'node:http';
import type { DynamicModule, InjectionToken, Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream, Logger } from 'pino';
import { SessionHook } from '../accounts/sessions/session-hook';
import { AppModule } from '../app.module';
import { APP_CONFIG, type AppConfig, loadConfig } from '../config/app-config';
import { APP_LOGGER, PinoNestLogger, createAppLogger } from '../infrastructure/http/app-logger';
import { AppExceptionFilter } from '../infrastructure/http/app-exception.filter';
import { isOperationalPath, pathOf } from '../infrastructure/http/api-request';
import { assignCorrelationId } from '../infrastructure/http/correlation-id';
import { CsrfTokens } from '../infrastructure/http/csrf-token';
import { csrfCheck } from '../infrastructure/http/csrf-check';
import { logRequest } from '../infrastructure/http/request-log';
import { RolesGuard } from '../infrastructure/http/roles.guard';
import { createValidationPipe } from '../infrastructure/http/validation';
import { parseFormBody } from '../infrastructure/http/form-body';
import { NoticesRedirect } from '../staff/notices/notices-redirect';
import { serveOpenApi } from './openapi';
import { projectPaths } from './project-paths';
import { securityHeaders } from './security-headers';
import { serveStaticAssets } from './static-assets';
import { answerFrameworkErrors } from './framework-errors';
import { ViewRenderer, type ViewPaths, configureViews } from './views';

/**
 * Where a GET of a candidate's records is a recorded look-up, by the route matched (the router
 * ignores case and a trailing slash and decodes the path, so the URL itself is no guide): the
 * auditors' pages and API, and staff's 资格审核 of one enrollment and its printed papers.
 */
const AUDIT_ROUTE = /^\/(api\/)?audit(\/|$)/;
const STAFF_LOOKUP_ROUTES = new Set([
  '/staff/review/:session/:candidate',
  '/api/staff/enrollments/:session/:candidate',
  '/enrollment/:id/print',
  '/enrollment/:id/form.pdf',
  '/enrollment/:id/ticket.pdf',
]);
const isLookupRoute = (route: string | undefined) =>
  route !== undefined && (AUDIT_ROUTE.test(route) || STAFF_LOOKUP_ROUTES.has(route));

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

/** What the Fastify instance and the hooks share, made once per app. */
interface HttpShell {
  paths: ViewPaths;
  views: ViewRenderer;
  securityHeaders: Record<string, string>;
}

const BODY_LIMIT_BYTES = 1024 * 1024;
/** CSV imports: Windows labels .csv files application/vnd.ms-excel. */
const TEXT_BODY_TYPES = ['text/csv', 'text/plain', 'application/vnd.ms-excel'];

/**
 * The one way to build the app, for main.ts and for tests: same hooks, views, pipes,
 * guards and filters. Not yet listening: call `app.listen()` or `app.init()` (supertest).
 * Throws ConfigError when the environment is invalid.
 */
export async function createApp(overrides: AppOverrides = {}): Promise<NestFastifyApplication> {
  const config = loadConfig(overrides.env ?? process.env);
  const paths = projectPaths();
  const shell: HttpShell = {
    paths,
    views: new ViewRenderer(paths, config.env !== 'development'),
    securityHeaders: securityHeaders(config.env === 'production'),
  };
  const app = await instantiate(config, overrides, shell);
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  await configureHttp(app, config, logger, shell);
  // Fastify builds each route's hook chain on ready(): listen() calls it, and so must init() for
  // tests that drive the server through supertest without listening.
  const init = app.init.bind(app);
  app.init = async () => {
    await init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  };
  return app;
}

/** Without overrides, plain NestFactory; with them, Nest's testing module to swap providers. */
async function instantiate(
  config: AppConfig,
  overrides: AppOverrides,
  shell: HttpShell,
): Promise<NestFastifyApplication> {
  const options = { bufferLogs: true, abortOnError: false } as const;
  const adapter = () =>
    new FastifyAdapter({
      frameworkErrors: answerFrameworkErrors(shell.securityHeaders, shell.views),
      trustProxy: config.trustProxy,
      bodyLimit: BODY_LIMIT_BYTES,
      logger: false,
      // Node's own default, which Fastify turns off: a client that never finishes its request is cut off.
      requestTimeout: 300_000,
      // Signed document tokens in /verify/:token are longer than the router's default of 100;
      // `/profile/` and `/Profile` are `/profile`, as they were on Express.
      routerOptions: { maxParamLength: 1024, ignoreTrailingSlash: true, caseSensitive: false },
    });
  const overriding = Object.values(overrides).some((value) => value !== undefined);
  if (!overriding) return NestFactory.create<NestFastifyApplication>(AppModule, adapter(), options);
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
  return moduleRef.createNestApplication<NestFastifyApplication>(adapter(), options);
}

/**
 * Fastify hooks, in order: correlation id first (every later log line has it), the session from
 * the cookie, then — once the body is parsed — the CSRF check and the candidate notices redirect.
 */
async function configureHttp(
  app: NestFastifyApplication,
  config: AppConfig,
  logger: Logger,
  { paths, views, securityHeaders: headers }: HttpShell,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const sessions = app.get(SessionHook);
  const notices = app.get(NoticesRedirect);
  // The CSRF cookie is Secure in production (served over TLS there).
  const csrf = csrfCheck(new CsrfTokens(config.secrets.sessionKey), config.env === 'production');

  fastify.decorateRequest('path', '');
  fastify.decorateRequest('principal', undefined);
  fastify.decorateRequest('sessionLapsed', false);
  fastify.decorateRequest('correlationId', undefined);
  configureViews(fastify, views);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);
  // Callback hooks, asynchronous only when there is a session to resolve or notices to look up:
  // an async hook costs every request a promise and a microtask turn.
  fastify.addHook('onRequest', (req, res, done) => {
    req.path = pathOf(req.url);
    assignCorrelationId(req, res);
    res.headers(headers);
    res.locals.currentPath = req.path;
    // Pages and API answers may hold personal data: no cache keeps them (handlers may override).
    if (!req.path.startsWith('/static/')) res.header('Cache-Control', 'no-store');
    // Fastify answers HEAD with the GET handler: on those routes that would record a look-up (and
    // run its checks) for an answer nobody reads.
    if (req.method === 'HEAD' && isLookupRoute(req.routeOptions?.url))
      return void res.code(405).header('Allow', 'GET').send();
    if (isOperationalPath(req.path) || !sessions.holdsSession(req)) return done();
    sessions.use(req, res).then(() => done(), done);
  });
  fastify.addHook('preHandler', (req, res, done) => {
    try {
      csrf(req, res);
    } catch (error) {
      return done(error as Error);
    }
    if (!notices.applies(req)) return done();
    // A hook that has replied must not call done(): the request ends with the redirect.
    notices.use(req, res).then((redirected) => redirected ?? done(), done);
  });
  fastify.addHook('onResponse', (req, res, done) => {
    logRequest(logger, req, res);
    done();
  });
  // JSON: Fastify's own parser (it refuses __proto__ and constructor poisoning); an empty body with
  // the JSON content type is no body (clients post commands such as a new captcha that way).
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (req, body, done) => {
    if (body.length === 0) done(null, undefined);
    else parseJson(req, body.toString('utf8'), done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) =>
    done(null, parseFormBody(body.toString('utf8'))),
  );
  // CSV imports arrive as text: left as a stream for the one handler that reads it (after the
  // access check, up to its own limit with a clear reason); no other route reads it.
  fastify.addContentTypeParser(TEXT_BODY_TYPES, (_req, payload, done) => done(null, payload));
  await serveStaticAssets(fastify, paths.static);

  const reflector = app.get(Reflector);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalGuards(new RolesGuard(reflector, logger));
  app.useGlobalFilters(new AppExceptionFilter(logger));
  serveOpenApi(app);
  // process.exit(0) after the hooks (rather than re-raising the signal) lets pino flush its last lines.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
}
