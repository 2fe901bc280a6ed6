import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Response } from '../../infrastructure/http/http-types';
import type { Principal, RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { newStyleNonce, sendPdf, sendPrintingPage } from './document-responses';
import { PrintDocumentsService } from './print-documents.service';

/**
 * 打印报名信息和准考证: the preview page with its 打印 buttons, and the two PDFs. Candidates get
 * their own enrollment only (another's is 404, as if it did not exist); staff their scope's.
 */
@ApiExcludeController()
@Controller('enrollment')
export class PrintController {
  constructor(private readonly printing: PrintDocumentsService) {}

  @Get(':id/print')
  @Roles('candidate', 'staff', 'admin')
  async preview(@Param('id') id: string, @Req() req: RequestWithPrincipal, @Res() res: Response): Promise<void> {
    const nonce = newStyleNonce();
    sendPrintingPage(res, await this.printing.previewHtml(principalOf(req), id, nonce, commandContext(req)), nonce);
  }

  @Get(':id/form.pdf')
  @Roles('candidate', 'staff', 'admin')
  async form(@Param('id') id: string, @Req() req: RequestWithPrincipal, @Res() res: Response): Promise<void> {
    const { pdf, filename } = await this.printing.formPdf(principalOf(req), id, commandContext(req));
    sendPdf(res, pdf, filename, '报名表');
  }

  @Get(':id/ticket.pdf')
  @Roles('candidate', 'staff', 'admin')
  async ticket(@Param('id') id: string, @Req() req: RequestWithPrincipal, @Res() res: Response): Promise<void> {
    const { pdf, filename } = await this.printing.ticketPdf(principalOf(req), id, commandContext(req));
    sendPdf(res, pdf, filename, '准考证');
  }
}

/** The roles guard has let only signed-in users through. */
function principalOf(req: RequestWithPrincipal): Principal {
  return req.principal as Principal;
}
