import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AccountQueries } from '../../accounts/accounts.queries';
import { AuditAccessLog } from '../../audit/access/audit-access-log';
import type { StaffView } from '../../audit/access/audit-access.events';
import { parseEnrollmentId } from '../../enrollment/enrollment-ids';
import type { CommandContext } from '../../shared/messages';
import { fullIdNumberBehind } from '../../accounts/security/full-id-number';
import { APP_LOGGER } from '../../infrastructure/http/app-logger';
import type { Principal } from '../../infrastructure/http/principal';
import { mayPrint, ticketAvailability, ticketUnavailableMessage } from '../access/document-access';
import type { AdmissionTicketModel, DocumentModel, RegistrationFormModel } from '../documents/document-models';
import {
  ENROLLMENT_DOCUMENT_SOURCE,
  type EnrollmentDocumentSource,
  type PrintableEnrollment,
} from '../documents/enrollment-documents.port';
import { PrintEngine } from '../print-engine';
import { DocumentNotAvailableError, PdfRenderError } from '../printing.errors';
import { PRINTING_CLOCK, type PrintingClock } from '../printing.tokens';

export interface PrintedPdf {
  pdf: Buffer;
  filename: string;
}

/**
 * A candidate may name their own enrollment by its session (/enrollment/2027/print, as the
 * enrollment pages do); anyone may use the full id (<session>_<candidateId>).
 */
function enrollmentIdOf(principal: Principal, id: string): string {
  return principal.role === 'candidate' && /^[A-Za-z0-9]{1,32}$/.test(id) ? `${id}_${principal.id}` : id;
}

/** The candidate's and staff's print use cases: access, availability, then the engine. */
@Injectable()
export class PrintDocumentsService {
  constructor(
    @Inject(ENROLLMENT_DOCUMENT_SOURCE) private readonly source: EnrollmentDocumentSource,
    private readonly engine: PrintEngine,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @Inject(PRINTING_CLOCK) private readonly clock: PrintingClock,
    private readonly accounts: AccountQueries,
    private readonly access: AuditAccessLog,
  ) {}

  /** The context's correlationId names the request in the log line of a failed render. */
  async formPdf(principal: Principal, enrollmentId: string, context: CommandContext): Promise<PrintedPdf> {
    const enrollment = await this.printable(principal, enrollmentId);
    await this.recordStaffView(principal, enrollment, 'form', context);
    return {
      pdf: await this.render(await this.withFullIdNumber(enrollment.form, enrollment), context.correlationId),
      filename: 'registration-form.pdf',
    };
  }

  async ticketPdf(principal: Principal, enrollmentId: string, context: CommandContext): Promise<PrintedPdf> {
    const enrollment = await this.printable(principal, enrollmentId);
    const availability = ticketAvailability(principal, enrollment, this.clock());
    if (availability !== 'available' || !enrollment.ticket) {
      throw new DocumentNotAvailableError(ticketUnavailableMessage(availability, enrollment.ticketPrintWindow));
    }
    await this.recordStaffView(principal, enrollment, 'ticket', context);
    return {
      pdf: await this.render(await this.withFullIdNumber(enrollment.ticket, enrollment), context.correlationId),
      filename: 'admission-ticket.pdf',
    };
  }

  /** The on-screen preview: the form, and the ticket when it may be printed, with the same fonts. */
  async previewHtml(
    principal: Principal,
    enrollmentId: string,
    nonce: string,
    context: CommandContext,
  ): Promise<string> {
    const enrollment = await this.printable(principal, enrollmentId);
    const availability = ticketAvailability(principal, enrollment, this.clock());
    const showTicket = availability === 'available' && enrollment.ticket !== undefined;
    await this.recordStaffView(principal, enrollment, 'preview', context);
    const { composer, templates, renderer } = this.engine;
    const form = await composer.composeBody(await this.withFullIdNumber(enrollment.form, enrollment));
    const ticket =
      showTicket && enrollment.ticket
        ? await composer.composeBody(await this.withFullIdNumber(enrollment.ticket, enrollment))
        : undefined;
    const html = templates.render('preview', {
      nonce,
      css: templates.css,
      screenCss: templates.screenCss,
      formBody: form.body,
      ticketBody: ticket?.body,
      ticketAvailable: showTicket,
      backHref: principal.role === 'candidate' ? '/enrollment' : '/',
      backLabel: principal.role === 'candidate' ? '返回考试报名' : '返回首页',
      ticketNotice: showTicket ? undefined : ticketUnavailableMessage(availability, enrollment.ticketPrintWindow),
    });
    return renderer.withFonts(html);
  }

  /**
   * A staff member's or admin's look-up of a paper with the full 证件号码, recorded before it is
   * read (in the auditors' history of the candidate); a candidate's own papers are not look-ups.
   */
  private async recordStaffView(
    principal: Principal,
    enrollment: PrintableEnrollment,
    view: StaffView,
    context: CommandContext,
  ): Promise<void> {
    if (principal.role === 'candidate') return;
    const { sessionCode } = parseEnrollmentId(enrollment.enrollmentId);
    await this.access.recordStaffView(enrollment.candidateId, sessionCode, view, context);
  }

  /** Someone else's enrollment, or one not yet submitted, does not exist as far as printing goes. */
  private async printable(principal: Principal, id: string): Promise<PrintableEnrollment> {
    const enrollment = await this.source.findEnrollment(enrollmentIdOf(principal, id));
    if (!enrollment || !mayPrint(principal, enrollment)) throw new DocumentNotAvailableError();
    if (enrollment.form.status.code === 'draft')
      throw new DocumentNotAvailableError('报名尚未提交，暂不能打印报名表和准考证');
    return enrollment;
  }

  /**
   * A paper with the holder's full 证件号码, read only once access is granted: the 报名表 is compared
   * with the ID card at 资格审核, the 准考证 at the exam room's door. The phone stays as the
   * enrollment's copy holds it (masked): the number submitted in full is recorded nowhere, and the
   * profile's may have changed since.
   */
  private async withFullIdNumber<Paper extends RegistrationFormModel | AdmissionTicketModel>(
    paper: Paper,
    enrollment: PrintableEnrollment,
  ): Promise<Paper> {
    const idNumber = fullIdNumberBehind(
      paper.candidate.idNumberMasked,
      await this.accounts.idNumberOf(enrollment.candidateId),
    );
    return idNumber ? { ...paper, candidate: { ...paper.candidate, idNumber } } : paper;
  }

  private async render(model: DocumentModel, correlationId: string | undefined): Promise<Buffer> {
    try {
      return await this.engine.printPdf(model);
    } catch (error) {
      const failure = error instanceof PdfRenderError ? error : new PdfRenderError('failed', error);
      this.logger.error(
        {
          err: failure.cause ?? failure,
          reason: failure.reason,
          kind: model.kind,
          enrollmentId: model.enrollmentId,
          correlationId,
        },
        'PDF render failed',
      );
      throw failure;
    }
  }
}
