import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import { Public } from '../../infrastructure/http/roles.decorator';
import { generatedScript } from './rules-script';

/**
 * Serves the shared validation rules at /static/js/rules.js (no file in static/: it is built from
 * the server's code). As for static files, a URL carrying the script's hash (`?v=`, as pages link
 * it) is cached for a year; a bare one for an hour, revalidated by ETag.
 */
@ApiExcludeController()
@Controller('static/js')
export class RulesScriptController {
  @Get('rules.js')
  @Public()
  rules(@Query('v') version: unknown, @Res() res: Response): void {
    this.send(res, 'js/rules.js', version);
  }

  /** The server's list of common passwords (8+ characters), so the browser refuses them too. */
  @Get('rules-common-passwords.js')
  @Public()
  commonPasswords(@Query('v') version: unknown, @Res() res: Response): void {
    this.send(res, 'js/rules-common-passwords.js', version);
  }

  private send(res: Response, path: string, version: unknown): void {
    const script = generatedScript(path)!;
    const etag = `"${script.version}"`;
    if (res.request.headers['if-none-match'] === etag) {
      res.status(304).send();
      return;
    }
    res.header('ETag', etag);
    res.header(
      'Cache-Control',
      version === script.version ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    );
    res.type('application/javascript; charset=utf-8').send(script.body);
  }
}
