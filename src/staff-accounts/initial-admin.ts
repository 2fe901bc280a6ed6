import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StaffAccountService } from './staff-account.service';

/**
 * The first admin comes from ADMIN_USERNAME / ADMIN_PASSWORD at start, created once (later starts
 * leave the account as it is). A weak or default password in production is refused with the rest of
 * the configuration (loadConfig), before any store opens.
 */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('InitialAdmin');

  constructor(
    private readonly staff: StaffAccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.initialAdmin;
    if (!admin) return;
    const { events } = await this.staff.create(
      { username: admin.username, password: admin.password, displayName: '系统管理员', role: 'admin' },
      'configuration',
      { actor: { id: 'configuration', role: 'system' }, correlationId: randomUUID(), now: new Date() },
      { ifAbsent: true, fromConfiguration: true },
    );
    // An operator who changes ADMIN_PASSWORD later must learn that it is not applied.
    if (events.length > 0) this.logger.log(`Admin account ${admin.username} created from ADMIN_USERNAME`);
    else
      this.logger.log(
        `Admin account ${admin.username} already exists: ADMIN_PASSWORD is not applied (the admin changes it at /staff/security)`,
      );
  }
}
