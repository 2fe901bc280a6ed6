import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import { Public } from '../../infrastructure/http/roles.decorator';
import { PrintEngine } from '../print-engine';
import { newStyleNonce, sendPrintingPage } from '../print/document-responses';
import { PRINTING_CLOCK, type PrintingClock } from '../printing.tokens';
import { DocumentVerifier } from './document-verifier';
import { renderVerificationPage } from './verification-page';

/** What a phone opens when it scans a printed document's QR code: public, no sign-in. */
@ApiExcludeController()
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly verifier: DocumentVerifier,
    private readonly engine: PrintEngine,
    @Inject(PRINTING_CLOCK) private readonly clock: PrintingClock,
  ) {}

  @Get(':token')
  @Public()
  async verify(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const verification = await this.verifier.verify(token, this.clock());
    const nonce = newStyleNonce();
    // The token is in the URL: do not pass it on to other sites, do not let search engines keep it.
    res.header('Referrer-Policy', 'no-referrer');
    res.header('X-Robots-Tag', 'noindex');
    sendPrintingPage(res, renderVerificationPage(this.engine.templates, verification, nonce), nonce);
  }
}
