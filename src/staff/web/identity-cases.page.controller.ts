import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import {
  beijingMinute,
  chinaTime,
  formBody,
  ID_TYPE_OPTIONS,
  renderRefusal,
  safeValues,
  type FormBody,
} from '../../accounts/web/form-page';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { parseCaseDecision } from '../api/case-decision.input';
import { IdentityCaseQueries } from '../identity-cases/identity-case.queries';
import { CaseCodesService } from '../identity-cases/case-codes.service';
import { CaseLookupService } from '../identity-cases/case-lookup.service';
import { CaseNotFoundError } from '../identity-cases/identity-case.queries';
import { IdentityCaseService } from '../identity-cases/identity-case.service';
import { assertInScope, staffAreaOf } from '../staff-scope';
import { attemptNamesDifferingFrom } from './attempt-names';
import { decisionFields, historyLine, logLine, queueRow } from './case-page.model';

const STATUS_OPTIONS = [
  { value: 'open', label: '待处理' },
  { value: 'resolved', label: '已处理' },
  { value: 'all', label: '全部' },
];
const DONE: Record<string, string> = {
  ReassignIdentity: '已改派证件，原持有账户已暂停。',
  SuspendHolder: '已暂停持有账户，案件仍待处理。',
  DismissCase: '已驳回，持有人下次登录时会看到通知。',
};

/** 证件争议: the queue, one case beside the holder's history, and the decision form. */
@ApiExcludeController()
@Controller('staff/cases')
@Roles('staff', 'admin')
export class IdentityCasesPageController {
  constructor(
    private readonly queries: IdentityCaseQueries,
    private readonly cases: IdentityCaseService,
    private readonly codes: CaseCodesService,
    private readonly lookup: CaseLookupService,
  ) {}

  @Get()
  async queue(@Query() query: Record<string, unknown>, @Req() req: RequestWithPrincipal, @Res() res: Response) {
    await this.renderQueue(query, req.principal as Principal, res);
  }

  /**
   * The case of the ID number typed (posted, so the number stays out of URLs and their logs): its
   * page, or the queue again saying none was found. The number is not shown back.
   */
  @Post('search')
  async search(@Body() body: unknown, @Req() req: RequestWithPrincipal, @Res() res: Response) {
    const form = formBody(body);
    const idType = form.idType ?? 'resident';
    try {
      const stream = await this.lookup.streamOf(idType, form.idNumber ?? '', req.principal as Principal);
      res.redirect(`/staff/cases/${stream}`, 303);
    } catch (error) {
      if (!(error instanceof CaseNotFoundError)) throw error;
      await this.renderQueue({}, req.principal as Principal, res.status(200), {
        search: { idType },
        searchMessage: '未找到该证件号码的注册记录或重复注册尝试，请核对证件类型和号码。',
      });
    }
  }

  private async renderQueue(
    query: Record<string, unknown>,
    principal: Principal,
    res: Response,
    extra: Record<string, unknown> = {},
  ) {
    // By default a scoped staff member sees their area's cases and those with no area (passports, permits).
    const area = typeof query.area === 'string' ? query.area.trim() : '';
    const status = query.status === 'resolved' || query.status === 'all' ? query.status : 'open';
    const page = Math.max(1, Number(query.page) || 1);
    const staffArea = staffAreaOf(principal);
    const result = await this.queries.queue({ areaCode: area || undefined, staffArea, status, page });
    const link = (to: number) => `/staff/cases?area=${encodeURIComponent(area)}&status=${status}&page=${to}`;
    res.render('staff/cases/index', {
      title: '证件争议案件',
      statusOptions: STATUS_OPTIONS,
      values: { area, status },
      total: result.total,
      cases: result.cases.map(queueRow),
      nextPage: page * result.pageSize < result.total ? link(page + 1) : null,
      previousPage: page > 1 ? link(page - 1) : null,
      idTypeOptions: ID_TYPE_OPTIONS,
      search: { idType: 'resident' },
      ...extra,
    });
  }

  /** The case page again, with the refusal and what was typed (passwords and answers left out). */
  private async refuse(res: Response, stream: string, principal: Principal, form: FormBody, error: unknown) {
    renderRefusal(
      res,
      'staff/cases/case',
      error,
      await this.caseLocals(stream, principal, { values: safeValues(form) }),
    );
  }

  private async caseLocals(stream: string, principal: Principal, extra: Record<string, unknown> = {}) {
    const view = await this.queries.view(stream);
    assertInScope(principal, view.areaCode);
    return {
      title: '证件争议案件',
      view,
      log: view.log.map(logLine),
      holderHistory: (view.holder?.history ?? []).map(historyLine),
      registeredAtText: view.holder ? beijingMinute(view.holder.registeredAt) : '',
      open: view.state.openAttempts > 0 && view.state.holder !== null,
      // Before a hand-over: the account keeps its registered name, so staff see whose data it holds.
      differingNames: view.holder
        ? attemptNamesDifferingFrom(view.holder.realName, view.log, view.state.openAttempts).join('、')
        : '',
      // Once redeemed the account is the new owner's: issuing its code again is refused, so not offered.
      offerHandOverCode: view.state.handedOver && !view.handOverCompleted,
      offerRegistrationCode: view.state.reservation === 'open',
      registrationCodeExpiresText: view.registrationCode ? chinaTime(view.registrationCode.expiresAt) : '',
      values: {},
      ...extra,
    };
  }

  @Get(':stream')
  async show(@Param('stream') stream: string, @Req() req: RequestWithPrincipal, @Res() res: Response) {
    res.render('staff/cases/case', await this.caseLocals(stream, req.principal as Principal));
  }

  /** The hand-over's reset code again (lost in a double click, expired): the old one stops working. */
  @Post(':stream/reset-code')
  reissueResetCode(
    @Param('stream') stream: string,
    @Body() body: unknown,
    @Req() req: RequestWithPrincipal,
    @Res() res: Response,
  ) {
    return this.reissue(stream, body, req, res, async (reason, principal) => {
      const code = await this.codes.reissueHandOverCode(
        stream,
        reason,
        principal,
        commandContext(req),
        'reissueReason',
      );
      return {
        title: '已重新发放重置码',
        message: '已发放新的一次性重置码，此前发放的重置码作废。',
        resetCode: { ...code, expiresAtText: chinaTime(code.expiresAt) },
      };
    });
  }

  /** The freed identity's 注册码 again (lost in a double click): the old one stops working. */
  @Post(':stream/registration-code')
  reissueRegistrationCode(
    @Param('stream') stream: string,
    @Body() body: unknown,
    @Req() req: RequestWithPrincipal,
    @Res() res: Response,
  ) {
    return this.reissue(stream, body, req, res, async (reason, principal) => {
      const code = await this.codes.reissueRegistrationCode(
        stream,
        reason,
        principal,
        commandContext(req),
        'reissueReason',
      );
      return {
        title: '已重新发放注册码',
        message: '已发放新的注册码，此前发放的注册码作废。',
        registrationCode: { ...code, expiresAtText: chinaTime(code.expiresAt) },
      };
    });
  }

  /** A code issued again, shown once; a refusal is shown beside the form's 发放理由. */
  private async reissue(
    stream: string,
    body: unknown,
    req: RequestWithPrincipal,
    res: Response,
    issue: (reason: string, principal: Principal) => Promise<Record<string, unknown>>,
  ) {
    const form = formBody(body);
    const principal = req.principal as Principal;
    try {
      const shown = await issue(form.reissueReason ?? '', principal);
      const view = await this.queries.view(stream);
      res
        .status(201)
        .render('staff/cases/decided', { ...shown, username: view.holder?.username, identityStream: stream });
    } catch (error) {
      await this.refuse(res, stream, principal, form, error);
    }
  }

  @Post(':stream/decisions')
  async decide(
    @Param('stream') stream: string,
    @Body() body: unknown,
    @Req() req: RequestWithPrincipal,
    @Res() res: Response,
  ) {
    const form = formBody(body);
    const principal = req.principal as Principal;
    try {
      const { action, expectedRevision } = parseCaseDecision({ ...form, ...decisionFields(form.decision) });
      const result = await this.cases.decide(stream, action, expectedRevision, principal, commandContext(req));
      const view = await this.queries.view(stream);
      res.status(201).render('staff/cases/decided', {
        title: '已处理',
        message: DONE[action.type],
        resetCode: result.resetCode && { ...result.resetCode, expiresAtText: chinaTime(result.resetCode.expiresAt) },
        registrationCode: result.registrationCode && {
          ...result.registrationCode,
          expiresAtText: chinaTime(result.registrationCode.expiresAt),
        },
        username: view.holder?.username,
        identityStream: stream,
      });
    } catch (error) {
      await this.refuse(res, stream, principal, form, error);
    }
  }
}
