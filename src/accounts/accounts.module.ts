import { Module } from '@nestjs/common';
import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';
import { AccountsApiController } from './api/accounts.api.controller';
import { ACCOUNT_EVENT_TYPES } from './accounts.events';
import { AccountQueries } from './accounts.queries';
import { CaptchaService } from './captcha/captcha.service';
import { AccountSecurityService } from './change-password/account-security.service';
import { SecurityPageController } from './change-password/security.page.controller';
import { IDENTITY_EVENT_TYPES } from './identity/identity.events';
import { IpThrottle } from './login/ip-throttle';
import { RegistrationIpLimit } from './register/registration-ip-limit';
import { LOGIN_ATTEMPT_EVENT_TYPES } from './login/login-attempts.events';
import { LoginAttemptsRecorder } from './login/login-attempts.recorder';
import { LoginPageController } from './login/login.page.controller';
import { LoginService } from './login/login.service';
import { RecoverPasswordService } from './recover-password/recover-password.service';
import { RecoverPageController } from './recover-password/recover.page.controller';
import { RegisterCandidateService } from './register/register-candidate.service';
import { RegisterPageController } from './register/register.page.controller';
import { RulesScriptController } from './rules-script/rules-script.controller';
import { PasswordHashQueue, passwordHashQueueProvider } from './security/password-hash-queue';
import { PasswordHasher } from './security/password-hasher';
import { SessionHook } from './sessions/session-hook';
import { SessionStore } from './sessions/session.store';
import { USERNAME_EVENT_TYPES } from './username/username.events';

eventRegistry.registerTypes(
  ...ACCOUNT_EVENT_TYPES,
  ...USERNAME_EVENT_TYPES,
  ...IDENTITY_EVENT_TYPES,
  ...LOGIN_ATTEMPT_EVENT_TYPES,
);

/** Candidate accounts (注册, 登录, 安全设置, 找回密码) and the session machinery every slice relies on. */
@Module({
  controllers: [
    AccountsApiController,
    RegisterPageController,
    LoginPageController,
    SecurityPageController,
    RecoverPageController,
    RulesScriptController,
  ],
  providers: [
    passwordHashQueueProvider,
    PasswordHasher,
    CaptchaService,
    SessionStore,
    SessionHook,
    IpThrottle,
    LoginAttemptsRecorder,
    LoginService,
    AccountQueries,
    RegisterCandidateService,
    RegistrationIpLimit,
    AccountSecurityService,
    RecoverPasswordService,
  ],
  exports: [
    PasswordHashQueue,
    PasswordHasher,
    CaptchaService,
    SessionStore,
    IpThrottle,
    LoginAttemptsRecorder,
    LoginService,
    AccountQueries,
  ],
})
export class AccountsModule {}
