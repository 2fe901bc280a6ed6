import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from './http-types';
import { CSRF_TOKEN_PATH } from './csrf-check';
import { Public } from './roles.decorator';

/** Gives API clients with a session cookie the token to send in `X-CSRF-Token`. */
@ApiTags('session')
@Controller()
export class CsrfController {
  @Get(CSRF_TOKEN_PATH)
  @Public()
  @ApiOkResponse({ description: 'The CSRF token for this browser; the `csrf` cookie is set alongside.' })
  token(@Res({ passthrough: true }) res: Response): { csrfToken: string } {
    return { csrfToken: String(res.locals.csrfToken) };
  }
}
