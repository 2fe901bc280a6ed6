import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Public, Roles } from '../../infrastructure/http/roles.decorator';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner';
import { IDENTITY_CASES_PROJECTION } from '../../../projections/identity-cases/identity-cases.projection';
import { AccountDecisionsService } from '../account-decisions/account-decisions.service';
import { IdentityCaseQueries } from '../identity-cases/identity-case.queries';
import { CaseCodesService } from '../identity-cases/case-codes.service';
import { CaseLookupService } from '../identity-cases/case-lookup.service';
import { IdentityCaseService } from '../identity-cases/identity-case.service';
import { RedeemResetCodeService } from '../reset-codes/redeem-reset-code.service';
import { assertInScope, staffAreaOf } from '../staff-scope';
import { newId } from '../../shared/ids';
import { issueReason } from '../identity-cases/issue-reason';
import { CaseDecisionDto, FindCaseDto, IssueResetCodeDto } from './case-decision.dto';
import { parseCaseDecision } from './case-decision.input';
import { RedeemResetCodeDto } from './redeem-reset-code.dto';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** Staff: the queue of contested identities, one case, decisions, on-site reset codes. */
@ApiTags('staff: contested identities')
@ApiCookieAuth()
@Controller('api')
export class IdentityCasesApiController {
  constructor(
    private readonly queries: IdentityCaseQueries,
    private readonly cases: IdentityCaseService,
    private readonly codes: CaseCodesService,
    private readonly lookup: CaseLookupService,
    private readonly accounts: AccountDecisionsService,
    private readonly redeemer: RedeemResetCodeService,
    private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('staff/identity-cases')
  @Roles('staff', 'admin')
  @ApiOperation({
    summary: 'Identities with duplicate registration attempts, newest first; ?area=11&status=open|resolved|all',
  })
  queue(@Query() query: Record<string, unknown>, @Req() req: RequestWithPrincipal) {
    return this.queries.queue({
      areaCode: str(query.area) || undefined,
      staffArea: staffAreaOf(req.principal as Principal),
      status: query.status === 'resolved' || query.status === 'all' ? query.status : 'open',
      page: Number(query.page) || 1,
      pageSize: Number(query.pageSize) || 20,
    });
  }

  @Post('staff/identity-cases/search')
  @Roles('staff', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The case of an ID number ({idType, idNumber}, posted so it stays out of URLs): {identityStream}, or 404 CASE_NOT_FOUND',
  })
  async find(@Body() body: FindCaseDto, @Req() req: RequestWithPrincipal) {
    return { identityStream: await this.lookup.streamOf(body.idType, body.idNumber, req.principal as Principal) };
  }

  @Get('staff/identity-cases/:stream')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: "The identity stream's whole log beside the holding account's history" })
  async view(@Param('stream') stream: string, @Req() req: RequestWithPrincipal) {
    const view = await this.queries.view(stream);
    assertInScope(req.principal as Principal, view.areaCode);
    return view;
  }

  @Post('staff/identity-cases/:stream/decisions')
  @Roles('staff', 'admin')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Reassign (registerAnew | handOver), suspend or dismiss, with a reason; expectedRevision or If-Match',
  })
  @ApiResponse({ status: 409, description: 'CASE_CHANGED: another decision or attempt came first' })
  async decide(
    @Param('stream') stream: string,
    @Body() body: CaseDecisionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: RequestWithPrincipal,
  ) {
    const { action, expectedRevision } = parseCaseDecision({ ...body }, ifMatch);
    const result = await this.cases.decide(
      stream,
      action,
      expectedRevision,
      req.principal as Principal,
      commandContext(req),
    );
    if (result.position !== null)
      await this.projections.waitFor(
        BigInt(result.position),
        [IDENTITY_CASES_PROJECTION],
        this.config.readYourWritesTimeoutMs,
      );
    return result;
  }

  @Post('staff/identity-cases/:stream/reset-code')
  @Roles('staff', 'admin')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Issue the hand-over code again (lost, expired, voided): only while the hand-over stands, also after a later attempt was dismissed (else NOT_HANDED_OVER), not once completed by a redeemed code (HANDOVER_COMPLETED)',
  })
  reissueHandOverCode(
    @Param('stream') stream: string,
    @Body() body: IssueResetCodeDto,
    @Req() req: RequestWithPrincipal,
  ) {
    return this.codes.reissueHandOverCode(stream, body.reason, req.principal as Principal, commandContext(req));
  }

  @Post('staff/identity-cases/:stream/registration-code')
  @Roles('staff', 'admin')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Issue the 注册码 of a freed identity again (lost, e.g. shown to a double click only): only while the last decision is registerAnew (NOT_REGISTERED_ANEW) and no registration completed since (RESERVATION_CLAIMED); the old code stops working',
  })
  reissueRegistrationCode(
    @Param('stream') stream: string,
    @Body() body: IssueResetCodeDto,
    @Req() req: RequestWithPrincipal,
  ) {
    return this.codes.reissueRegistrationCode(stream, body.reason, req.principal as Principal, commandContext(req));
  }

  @Post('staff/candidates/:candidateId/reset-codes')
  @Roles('staff', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a one-time reset code after checking the identity in person (shown once)' })
  async issueResetCode(
    @Param('candidateId') candidateId: string,
    @Body() body: IssueResetCodeDto,
    @Req() req: RequestWithPrincipal,
  ) {
    const principal = req.principal as Principal;
    const reason = issueReason(body.reason, 'reason');
    assertInScope(principal, await this.queries.areaOfCandidate(candidateId));
    return this.accounts.issueResetCode(
      candidateId,
      {
        decisionId: newId(),
        reason,
        staff: { id: principal.id, username: principal.username },
        caseStream: null,
        handOverId: null,
      },
      commandContext(req),
    );
  }

  @Post('reset-codes/redeem')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Set a new password and a new 密码查询问题 (securityQuestion, securityAnswer) with the one-time code staff handed over; every session of the account ends',
  })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: a field missing (REQUIRED), not text, or not one of these (UNKNOWN_FIELD)',
  })
  @ApiResponse({ status: 422, description: 'RESET_CODE_INVALID (wrong, expired or used; recorded)' })
  redeem(@Body() body: RedeemResetCodeDto, @Req() req: RequestWithPrincipal) {
    return this.redeemer.redeem({ ...body }, commandContext(req));
  }
}
