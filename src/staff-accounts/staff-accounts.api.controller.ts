import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from '../infrastructure/http/http-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { commandContext } from '../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../infrastructure/http/principal';
import { Public, Roles } from '../infrastructure/http/roles.decorator';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { LoginRequestDto, Text } from '../accounts/api/accounts.dto';
import { LoginService } from '../accounts/login/login.service';
import { SESSION_COOKIE, sessionCookieOptions } from '../accounts/sessions/session-cookie';
import { StaffAccountService } from './staff-account.service';
import { adminRef } from './admin-ref';
import { STAFF_ACCOUNTS_PROJECTION, type StaffAccountRow } from './staff-accounts.projection';
import { StaffAccountsQuery } from './staff-accounts.query';

export class CreateStaffAccountRequest {
  @ApiProperty({ example: 'kaowu_bj01' }) @Text(64) username!: string;
  @ApiProperty() @Text(512) password!: string;
  @ApiProperty({ example: '王考务' }) @Text(64) displayName!: string;
  @ApiProperty({ enum: ['staff', 'auditor', 'admin'] }) @Text(16) role!: string;
  @ApiPropertyOptional({ description: 'exam area (staff only)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  areaCode?: string;
  @ApiPropertyOptional({ description: 'exam site (staff only)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  siteCode?: string;
}

export class StaffAccountDecisionRequest {
  @ApiProperty({ example: '已调离考务岗位', description: 'why (4 to 200 characters)' }) @Text(512) reason!: string;
}

@ApiTags('staff accounts')
@Controller('api')
export class StaffAccountsApiController {
  constructor(
    private readonly staff: StaffAccountService,
    private readonly query: StaffAccountsQuery,
    private readonly login: LoginService,
    private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('staff-accounts/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Staff, auditor or admin login (captcha, lockout as for candidates); sets the session cookie',
  })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS' })
  async signIn(@Req() req: Request, @Body() body: LoginRequestDto, @Res({ passthrough: true }) res: Response) {
    const { token, account } = await this.login.login(
      { ...body, previousSessionId: (req as RequestWithPrincipal).principal?.sessionId },
      (username) => this.staff.loginAccount(username),
      commandContext(req),
    );
    res.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req));
    return { id: account.id, username: account.username, role: account.role, scope: account.scope ?? null };
  }

  @Get('admin/staff-accounts')
  @Roles('admin')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Staff, auditor and admin accounts, newest first' })
  list(): Promise<StaffAccountRow[]> {
    return this.query.list();
  }

  @Post('admin/staff-accounts')
  @Roles('admin')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Create a staff account (scoped to an area or site), an auditor or an admin' })
  @ApiResponse({ status: 409, description: 'STAFF_USERNAME_TAKEN' })
  @ApiResponse({ status: 422, description: 'STAFF_SCOPE_INVALID' })
  async create(
    @Req() req: RequestWithPrincipal,
    @Body() body: CreateStaffAccountRequest,
  ): Promise<{ staffId: string }> {
    const result = await this.staff.create(body, (req.principal as Principal).id, commandContext(req));
    if (result.position !== null)
      await this.projections.waitFor(result.position, [STAFF_ACCOUNTS_PROJECTION], this.config.readYourWritesTimeoutMs);
    return { staffId: result.state.status === 'active' ? result.state.staffId : '' };
  }

  @Post('admin/staff-accounts/:staffId/disable')
  @Roles('admin')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Disable a staff, auditor or admin account with a reason; its sessions end at once' })
  @ApiResponse({ status: 404, description: 'ACCOUNT_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'REASON_REQUIRED, REASON_TOO_LONG, CANNOT_DISABLE_SELF, LAST_ACTIVE_ADMIN' })
  async disable(
    @Req() req: RequestWithPrincipal,
    @Param('staffId') staffId: string,
    @Body() body: StaffAccountDecisionRequest,
  ): Promise<StaffAccountStatus> {
    const result = await this.staff.disable(staffId, body.reason, adminRef(req), commandContext(req));
    return this.settled(result);
  }

  @Post('admin/staff-accounts/:staffId/enable')
  @Roles('admin')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Re-enable a disabled staff, auditor or admin account with a reason' })
  @ApiResponse({ status: 404, description: 'ACCOUNT_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'REASON_REQUIRED, REASON_TOO_LONG' })
  async enable(
    @Req() req: RequestWithPrincipal,
    @Param('staffId') staffId: string,
    @Body() body: StaffAccountDecisionRequest,
  ): Promise<StaffAccountStatus> {
    const result = await this.staff.enable(staffId, body.reason, adminRef(req), commandContext(req));
    return this.settled(result);
  }

  /** The admin list shows the new status once this answers. */
  private async settled(result: Awaited<ReturnType<StaffAccountService['enable']>>): Promise<StaffAccountStatus> {
    if (result.position !== null)
      await this.projections.waitFor(result.position, [STAFF_ACCOUNTS_PROJECTION], this.config.readYourWritesTimeoutMs);
    const state = result.state;
    return state.status === 'none' ? { staffId: '', status: 'none' } : { staffId: state.staffId, status: state.status };
  }
}

interface StaffAccountStatus {
  staffId: string;
  status: 'active' | 'disabled' | 'none';
}
