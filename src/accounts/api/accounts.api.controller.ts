import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { randomUUID } from 'node:crypto';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Public, Roles } from '../../infrastructure/http/roles.decorator';
import { AccountQueries } from '../accounts.queries';
import { todayInChina } from '../accounts.streams';
import { CaptchaService } from '../captcha/captcha.service';
import { AccountSecurityService } from '../change-password/account-security.service';
import { LoginService } from '../login/login.service';
import { RecoverPasswordService } from '../recover-password/recover-password.service';
import { RegisterCandidateService } from '../register/register-candidate.service';
import { parseRegistration } from '../register/registration-input';
import { clearSessionCookieOptions, SESSION_COOKIE, sessionCookieOptions } from '../sessions/session-cookie';
import * as dto from './accounts.dto';

/** The same commands as the pages, as JSON. Errors: `{ error: { code, message, fields } }`. */
@ApiTags('accounts')
@Controller('api/accounts')
export class AccountsApiController {
  constructor(
    private readonly registration: RegisterCandidateService,
    private readonly login: LoginService,
    private readonly accounts: AccountQueries,
    private readonly captchas: CaptchaService,
    private readonly security: AccountSecurityService,
    private readonly recovery: RecoverPasswordService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: '注册 a candidate account' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'or `registrationKey` in the body (8–64 of A-Z a-z 0-9 _ -): a retry with the same key completes the same registration',
  })
  @ApiResponse({ status: 201, type: dto.RegisterResponse })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED with field codes (ID_NUMBER_CHECKSUM, PASSWORD_TOO_COMMON…)',
  })
  @ApiResponse({
    status: 409,
    description: 'IDENTITY_ALREADY_REGISTERED (the guide’s message, username masked) or USERNAME_TAKEN',
  })
  @ApiResponse({
    status: 503,
    description: 'SERVER_BUSY (Retry-After): too many password hashes waiting; nothing done',
  })
  async register(@Req() req: Request, @Body() body: dto.RegisterRequest): Promise<dto.RegisterResponse> {
    const context = commandContext(req);
    const input = parseRegistration({ ...body }, todayInChina(context.now));
    const header = req.headers['idempotency-key'];
    const key = body.registrationKey ?? (typeof header === 'string' ? header : undefined);
    const registrationKey = key && /^[\w-]{8,64}$/.test(key) ? key : randomUUID();
    const { candidateId } = await this.registration.register(input, registrationKey, context);
    return { candidateId };
  }

  @Post('captcha')
  @Public()
  @ApiOperation({ summary: 'A fresh 校验码, usable once (login and recovery)' })
  @ApiResponse({ status: 201, type: dto.CaptchaResponse })
  captcha(): Promise<dto.CaptchaResponse> {
    return this.captchas.issue();
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '考生登录: sets the session cookie (httpOnly, SameSite=Lax)' })
  @ApiResponse({ status: 200, type: dto.LoginResponse })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS (same for unknown username and wrong password)' })
  @ApiResponse({ status: 400, description: 'CAPTCHA_INVALID' })
  @ApiResponse({ status: 429, description: 'ACCOUNT_LOCKED or IP_THROTTLED (Retry-After)' })
  @ApiResponse({
    status: 503,
    description: 'SERVER_BUSY (Retry-After): too many password hashes waiting; nothing done',
  })
  async signIn(@Req() req: Request, @Body() body: dto.LoginRequestDto, @Res({ passthrough: true }) res: Response) {
    const context = commandContext(req);
    const { token, account } = await this.login.login(
      { ...body, previousSessionId: (req as RequestWithPrincipal).principal?.sessionId },
      (username) => this.accounts.loginAccount(username),
      context,
    );
    res.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req));
    const recoveries = await this.security.takeRecoveryNotices(account.id, {
      ...context,
      actor: { id: account.id, role: 'candidate' },
    });
    return {
      id: account.id,
      username: account.username,
      role: account.role,
      recoveries: recoveries.map(({ at, ip }) => ({ at, ip })),
    };
  }

  @Post('logout')
  @Roles('candidate', 'staff', 'auditor', 'admin')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Ends the session' })
  async signOut(@Req() req: RequestWithPrincipal, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.login.logout(req.principal as Principal, commandContext(req));
    res.clearCookie(SESSION_COOKIE, clearSessionCookieOptions(req));
  }

  @Get('me')
  @Roles('candidate', 'staff', 'auditor', 'admin')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@Req() req: RequestWithPrincipal) {
    const { id, role, username, scope } = req.principal as Principal;
    return { id, role, username, scope };
  }

  @Post('password')
  @Roles('candidate')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: '修改密码 (current password required; other sessions end)' })
  async changePassword(@Req() req: RequestWithPrincipal, @Body() body: dto.ChangePasswordRequest): Promise<void> {
    const principal = req.principal as Principal;
    await this.security.changePassword(principal.id, principal.sessionId, body, commandContext(req));
  }

  @Post('security-question')
  @Roles('candidate')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: '修改密码查询问题 (current password required)' })
  async changeQuestion(
    @Req() req: RequestWithPrincipal,
    @Body() body: dto.ChangeSecurityQuestionRequest,
  ): Promise<void> {
    await this.security.changeSecurityQuestion((req.principal as Principal).id, body, commandContext(req));
  }

  @Post('recover')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: '找回密码: name, ID and security answer → new password (RECOVERY_FAILED for any mismatch)' })
  async recover(@Req() req: Request, @Body() body: dto.RecoverPasswordRequest): Promise<void> {
    await this.recovery.recover(body, commandContext(req));
  }
}
