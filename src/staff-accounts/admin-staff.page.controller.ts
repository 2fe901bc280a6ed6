import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../infrastructure/http/http-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { commandContext } from '../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../infrastructure/http/principal';
import { Roles } from '../infrastructure/http/roles.decorator';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { formBody, renderRefusal, safeValues } from '../accounts/web/form-page';
import { normalizeUsername } from '../accounts/username/username.events';
import { AppError } from '../shared/errors';
import { CatalogQueries } from '../catalog/catalog-queries';
import { scopeText } from '../catalog/catalog-place-names';
import { formatBeijingTime } from '../catalog/browse-catalog/catalog-dates';
import { adminRef } from './admin-ref';
import { onStaffRow, reasonFieldOf } from './staff-row-refusal';
import { StaffAccountService } from './staff-account.service';
import { StaffAccountsQuery } from './staff-accounts.query';
import { STAFF_ACCOUNTS_PROJECTION } from './staff-accounts.projection';

const VIEW = 'accounts/admin-staff';

/** The row whose 停用/恢复 was refused: its typed reason and its messages are shown on it again. */
interface RefusedRow {
  staffId: string;
  reason: string;
  errors: Array<{ field: string; message: string }>;
}

export const ROLE_OPTIONS = [
  { value: 'staff', label: '考务人员（限考区或考点）' },
  { value: 'auditor', label: '审计员' },
  { value: 'admin', label: '管理员' },
];

/** 工作人员账户: admins list and create staff (scoped to an area or a site) and auditors, and disable or re-enable them. */
@ApiExcludeController()
@Controller('admin/staff')
export class AdminStaffPageController {
  constructor(
    private readonly staff: StaffAccountService,
    private readonly query: StaffAccountsQuery,
    private readonly projections: ProjectionRunner,
    private readonly catalogs: CatalogQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async locals(values: Record<string, unknown>, extra: Record<string, unknown> = {}, refused?: RefusedRow) {
    const [accounts, places] = await Promise.all([this.query.list(), this.catalogs.placeNames()]);
    return {
      title: '工作人员账户',
      roles: ROLE_OPTIONS,
      // Times in Beijing time and scopes with their names, as people read them (stored: UTC, codes).
      accounts: accounts.map((account) => ({
        ...account,
        scopeText: scopeText(account, places),
        // The first admin is made at start from ADMIN_USERNAME / ADMIN_PASSWORD, by no one.
        createdBy: account.createdBy === 'configuration' ? '系统配置（首个管理员）' : account.createdBy,
        createdAtText: formatBeijingTime(account.createdAt),
        statusChangedAtText: account.statusChangedAt ? formatBeijingTime(account.statusChangedAt) : '',
        ...(account.staffId === refused?.staffId && {
          reasonShown: refused.reason,
          reasonError: refused.errors.find((error) => error.field === reasonFieldOf(account.staffId))?.message,
        }),
      })),
      values,
      ...extra,
    };
  }

  @Get()
  @Roles('admin')
  async show(
    @Query('created') created: unknown,
    @Query('disabled') disabled: unknown,
    @Query('enabled') enabled: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const notice =
      typeof created === 'string'
        ? `已创建账户 ${created}。`
        : typeof disabled === 'string'
          ? `已停用账户 ${disabled}，其登录状态已全部失效。`
          : typeof enabled === 'string'
            ? `已恢复账户 ${enabled}。`
            : undefined;
    res.render(VIEW, await this.locals({ role: 'staff' }, { notice }));
  }

  @Post(':staffId/disable')
  @Roles('admin')
  disable(
    @Req() req: RequestWithPrincipal,
    @Param('staffId') staffId: string,
    @Body() body: unknown,
    @Res() res: Response,
  ) {
    const reason = formBody(body).reason ?? '';
    return this.decide(res, staffId, reason, 'disabled', () =>
      this.staff.disable(staffId, reason, adminRef(req), commandContext(req)),
    );
  }

  @Post(':staffId/enable')
  @Roles('admin')
  enable(
    @Req() req: RequestWithPrincipal,
    @Param('staffId') staffId: string,
    @Body() body: unknown,
    @Res() res: Response,
  ) {
    const reason = formBody(body).reason ?? '';
    return this.decide(res, staffId, reason, 'enabled', () =>
      this.staff.enable(staffId, reason, adminRef(req), commandContext(req)),
    );
  }

  private async decide(
    res: Response,
    staffId: string,
    reason: string,
    outcome: 'disabled' | 'enabled',
    write: () => Promise<{ position: bigint | null }>,
  ): Promise<void> {
    try {
      const result = await write();
      if (result.position !== null)
        await this.projections.waitFor(
          result.position,
          [STAFF_ACCOUNTS_PROJECTION],
          this.config.readYourWritesTimeoutMs,
        );
      res.redirect(`/admin/staff?${outcome}=${encodeURIComponent(staffId)}`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Not renderRefusal: the errors are renamed to the row's own box, which the decider cannot know.
      const row = normalizeUsername(staffId);
      const errors = onStaffRow(error, row);
      const locals = await this.locals({ role: 'staff' }, {}, { staffId: row, reason, errors });
      res.status(error.httpStatus).render(VIEW, { ...locals, errors, errorMessage: error.message });
    }
  }

  @Post()
  @Roles('admin')
  async create(@Req() req: RequestWithPrincipal, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    const admin = req.principal as Principal;
    try {
      const result = await this.staff.create(
        {
          username: form.username ?? '',
          password: form.password ?? '',
          displayName: form.displayName ?? '',
          role: form.role ?? '',
          areaCode: form.areaCode,
          siteCode: form.siteCode,
        },
        admin.id,
        commandContext(req),
      );
      if (result.position !== null)
        await this.projections.waitFor(
          result.position,
          [STAFF_ACCOUNTS_PROJECTION],
          this.config.readYourWritesTimeoutMs,
        );
      res.redirect(`/admin/staff?created=${encodeURIComponent(form.username ?? '')}`, 303);
    } catch (error) {
      renderRefusal(res, VIEW, error, await this.locals(safeValues(form)));
    }
  }
}
