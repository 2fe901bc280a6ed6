import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isCommonPassword } from '../accounts/security/common-passwords';
import { validatePassword } from '../accounts/validation/password.rules';
import { StaffAccountService } from './staff-account.service';

/** Passwords that ship in examples and must never guard a production admin. */
const DEFAULT_PASSWORDS = [
  'admin',
  'admin123',
  'admin1234',
  'administrator',
  'changeme',
  'change-me',
  'password',
  'secret',
];
const PRODUCTION_MIN_LENGTH = 12;

/** Why the configured admin password may not be used in production, or null. */
export function weakAdminPasswordReason(username: string, password: string): string | null {
  const lowered = password.toLowerCase();
  if (DEFAULT_PASSWORDS.some((weak) => lowered.includes(weak))) return 'is a default password';
  if (Array.from(password).length < PRODUCTION_MIN_LENGTH) return `is shorter than ${PRODUCTION_MIN_LENGTH} characters`;
  const rule = validatePassword(password, { username, isCommonPassword });
  return rule ? `is refused (${rule.code})` : null;
}

/**
 * The first admin comes from ADMIN_USERNAME / ADMIN_PASSWORD at start, created once (later starts
 * leave the account as it is). In production a weak or default password stops the start.
 */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  constructor(
    private readonly staff: StaffAccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.initialAdmin;
    if (!admin) return;
    const weak = weakAdminPasswordReason(admin.username, admin.password);
    if (weak && this.config.env === 'production')
      throw new Error(`ADMIN_PASSWORD ${weak}: refused in production; set a strong, unique password`);
    await this.staff.create(
      { username: admin.username, password: admin.password, displayName: '系统管理员', role: 'admin' },
      'configuration',
      { actor: { id: 'configuration', role: 'system' }, correlationId: randomUUID(), now: new Date() },
      { ifAbsent: true, fromConfiguration: true },
    );
  }
}
