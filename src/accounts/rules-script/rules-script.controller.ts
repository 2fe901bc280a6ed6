import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import { createHash } from 'node:crypto';
import { Public } from '../../infrastructure/http/roles.decorator';
import { buildCommonPasswordsScript, buildRulesScript } from './rules-script';

/** Serves the shared validation rules at /static/js/rules.js (no file in static/: it is built from the server's code). */
@ApiExcludeController()
@Controller('static/js')
export class RulesScriptController {
  private readonly scripts = new Map<string, { body: string; etag: string }>();

  @Get('rules.js')
  @Public()
  rules(@Res() res: Response): void {
    this.send(res, 'rules', buildRulesScript);
  }

  /** The server's list of common passwords (8+ characters), so the browser refuses them too. */
  @Get('rules-common-passwords.js')
  @Public()
  commonPasswords(@Res() res: Response): void {
    this.send(res, 'common-passwords', buildCommonPasswordsScript);
  }

  private send(res: Response, name: string, build: () => string): void {
    let script = this.scripts.get(name);
    if (!script) {
      const body = build();
      script = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
      this.scripts.set(name, script);
    }
    if (res.request.headers['if-none-match'] === script.etag) {
      res.status(304).send();
      return;
    }
    res.header('ETag', script.etag);
    res.header('Cache-Control', 'public, max-age=3600');
    res.type('application/javascript; charset=utf-8').send(script.body);
  }
}
