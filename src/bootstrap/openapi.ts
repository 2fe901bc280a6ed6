import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'api/docs';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string', example: 'VALIDATION_FAILED', description: 'stable code (see the README)' },
        message: { type: 'string', example: '提交的信息有误，请按提示修改' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              field: { type: 'string', example: 'siteCode' },
              code: { type: 'string', example: 'REQUIRED' },
              message: { type: 'string', example: '请选择考点' },
            },
          },
        },
      },
    },
  },
};

/** Keeps the JSON API only: page routes are HTML and do not belong in the API document. */
export function onlyApiPaths(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')));
  return { ...document, paths };
}

/**
 * Every operation may fail with the one error body (400 input, 401 signed out, 403 role, scope or
 * CSRF, 404, 409 changed meanwhile, 413/415 body, 422 a rule, 429, 503): said once as each
 * operation's `default` answer rather than guessed per route.
 */
export function withErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => [
          method,
          operation && typeof operation === 'object' && 'responses' in operation
            ? {
                ...operation,
                responses: {
                  ...operation.responses,
                  default: {
                    description: 'error',
                    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
                  },
                },
              }
            : operation,
        ]),
      ),
    ]),
  );
  const schemas = { ...document.components?.schemas, Error: ERROR_SCHEMA };
  return { ...document, paths, components: { ...document.components, schemas } } as OpenAPIObject;
}

/** OpenAPI document at /api/docs-json, its UI at /api/docs. */
export function serveOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('国家医学考试网上报名系统 API')
    .setDescription(
      'JSON API. Errors: `{ "error": { "code", "message", "fields": [{ "field", "code", "message" }] } }`. ' +
        'Sign in through `/api/accounts/login` (candidates) or `/api/staff-accounts/login` (staff, auditors, ' +
        'admins): the session is the `sid` cookie. Calls that change something and carry that cookie must ' +
        'send the `X-CSRF-Token` header (its value from `GET /api/csrf`).',
    )
    .setVersion('1')
    .addCookieAuth('sid', { type: 'apiKey', in: 'cookie', name: 'sid' }, 'session')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }, 'csrf')
    .build();
  const document = withErrorAnswers(onlyApiPaths(SwaggerModule.createDocument(app, config)));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_UI_PATH}-json` });
}
