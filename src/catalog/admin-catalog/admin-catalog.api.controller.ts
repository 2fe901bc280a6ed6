import { Body, Controller, Delete, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import type { CatalogCommand } from '../catalog.decider';
import { CatalogCommands } from '../catalog-commands.service';
import { CatalogQueries, type CatalogView } from '../catalog-queries';
import { CatalogReadYourWrites } from '../catalog-read-your-writes';
import { AreaDto, CapacityDto, CategoryDto, ScheduleSessionDto, SessionWindowsDto, SiteDto } from './admin-catalog.dto';

/** Admins change the catalog; every change is an event on `exam-<sessionCode>`. */
@ApiTags('admin-catalog')
@Roles('admin')
@Controller('api/admin/catalog/sessions')
export class AdminCatalogApiController {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
    private readonly readYourWrites: CatalogReadYourWrites,
  ) {}

  private async run(req: Request, sessionCode: string, command: CatalogCommand): Promise<CatalogView> {
    const position = await this.commands.execute(sessionCode, command, commandContext(req));
    await this.readYourWrites.waitFor(position);
    return this.queries.getSession(sessionCode);
  }

  @Post()
  @HttpCode(201)
  schedule(@Req() req: Request, @Body() body: ScheduleSessionDto) {
    const { sessionCode, name, year, windows } = body;
    return this.run(req, sessionCode, {
      type: 'ScheduleExamSession',
      sessionCode,
      name,
      year,
      windows: { ...windows },
    });
  }

  @Put(':session/windows')
  changeWindows(@Req() req: Request, @Param('session') session: string, @Body() body: SessionWindowsDto) {
    return this.run(req, session, { type: 'ChangeSessionWindows', windows: { ...body } });
  }

  @Post(':session/categories')
  @HttpCode(201)
  offerCategory(@Req() req: Request, @Param('session') session: string, @Body() body: CategoryDto) {
    return this.run(req, session, {
      type: 'OfferCategory',
      category: { ...body, requirements: { ...body.requirements } },
    });
  }

  @Put(':session/categories/:code')
  changeCategory(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('code') code: string,
    @Body() body: CategoryDto,
  ) {
    const category = { ...body, code, requirements: { ...body.requirements } };
    return this.run(req, session, { type: 'ChangeCategory', category });
  }

  @Delete(':session/categories/:code')
  withdrawCategory(@Req() req: Request, @Param('session') session: string, @Param('code') code: string) {
    return this.run(req, session, { type: 'WithdrawCategory', code });
  }

  @Post(':session/areas')
  @HttpCode(201)
  openArea(@Req() req: Request, @Param('session') session: string, @Body() body: AreaDto) {
    return this.run(req, session, { type: 'OpenExamArea', code: body.code, name: body.name });
  }

  @Post(':session/sites')
  @HttpCode(201)
  openSite(@Req() req: Request, @Param('session') session: string, @Body() body: SiteDto) {
    return this.run(req, session, { type: 'OpenExamSite', site: { ...body } });
  }

  @Put(':session/sites/:site/capacity')
  changeCapacity(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('site') site: string,
    @Body() body: CapacityDto,
  ) {
    return this.run(req, session, { type: 'ChangeSiteCapacity', siteCode: site, capacity: body.capacity });
  }

  @Delete(':session/sites/:site')
  closeSite(@Req() req: Request, @Param('session') session: string, @Param('site') site: string) {
    return this.run(req, session, { type: 'CloseExamSite', siteCode: site });
  }

  /** 恢复报名: a stopped site takes registrations again (nothing happens to an open one). */
  @Post(':session/sites/:site/reopen')
  @HttpCode(200)
  reopenSite(@Req() req: Request, @Param('session') session: string, @Param('site') site: string) {
    return this.run(req, session, { type: 'ReopenExamSite', siteCode: site });
  }
}
