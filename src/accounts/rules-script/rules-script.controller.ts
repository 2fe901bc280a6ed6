import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Public } from '../../infrastructure/http/roles.decorator';
import { buildRulesScript } from './rules-script';

/** Serves the shared validation rules at /static/js/rules.js (no file in static/: it is built from the server's code). */
@ApiExcludeController()
@Controller('static/js')
export class RulesScriptController {
  private script?: { body: string; etag: string };

  @Get('rules.js')
  @Public()
  rules(@Res() res: Response): void {
    if (!this.script) {
      const body = buildRulesScript();
      this.script = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
    }
    res.setHeader('ETag', this.script.etag);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/javascript; charset=utf-8').send(this.script.body);
  }
}
