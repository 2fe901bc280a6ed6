import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'api/docs';

/** Keeps the JSON API only: page routes are HTML and do not belong in the API document. */
export function onlyApiPaths(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')));
  return { ...document, paths };
}

/** OpenAPI document at /api/docs-json, its UI at /api/docs. */
export function serveOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('国家医学考试网上报名系统 API')
    .setDescription(
      'JSON API. Errors: `{ "error": { "code", "message", "fields": [{ "field", "code", "message" }] } }`. ' +
        'Calls made with a session cookie must send the `X-CSRF-Token` header (GET /api/csrf).',
    )
    .setVersion('1')
    .build();
  const document = onlyApiPaths(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_UI_PATH}-json` });
}
