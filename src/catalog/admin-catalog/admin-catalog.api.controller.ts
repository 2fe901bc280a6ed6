import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { NotFoundError } from '../../shared/errors';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import type { CatalogCommand } from '../catalog.decider';
import { CatalogCommands } from '../catalog-commands.service';
import { CatalogQueries, type CatalogView } from '../catalog-queries';
import { CatalogReadYourWrites } from '../catalog-read-your-writes';
import { CatalogReader } from '../catalog-reader';
import { categoryVersion, categoryVersionOf, windowsVersion, windowsVersionOf } from '../changed-since-shown';
import { etagOf, versionFromIfMatch } from './catalog-etag';
import { AreaDto, CapacityDto, CategoryDto, ScheduleSessionDto, SessionWindowsDto, SiteDto } from './admin-catalog.dto';

const IF_MATCH =
  'ETag from the GET of the same resource: if another admin changed it since, nothing is saved (409 CATALOG_CHANGED)';

/** Admins change the catalog; every change is an event on `exam-<sessionCode>`. */
@ApiTags('admin-catalog')
@Roles('admin')
@Controller('api/admin/catalog/sessions')
export class AdminCatalogApiController {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
    private readonly readYourWrites: CatalogReadYourWrites,
    private readonly catalogs: CatalogReader,
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

  @Get(':session/windows')
  @ApiOperation({ summary: 'The windows as stored; the ETag is the version to send back in If-Match' })
  async windows(@Param('session') session: string, @Res({ passthrough: true }) res: Response) {
    const state = await this.catalogs.loadScheduled(session);
    res.header('ETag', etagOf(windowsVersion(state)));
    return { windows: state.session.windows };
  }

  @Put(':session/windows')
  @ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH })
  async changeWindows(
    @Req() req: Request,
    @Param('session') session: string,
    @Body() body: SessionWindowsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const shown = versionFromIfMatch(ifMatch);
    const windows = { ...body };
    const view = await this.run(req, session, { type: 'ChangeSessionWindows', windows, shown });
    res.header('ETag', etagOf(windowsVersionOf(windows))); // accepted: what is stored now
    return view;
  }

  @Post(':session/categories')
  @HttpCode(201)
  offerCategory(@Req() req: Request, @Param('session') session: string, @Body() body: CategoryDto) {
    return this.run(req, session, {
      type: 'OfferCategory',
      category: { ...body, requirements: { ...body.requirements } },
    });
  }

  @Get(':session/categories/:code')
  @ApiOperation({ summary: 'A category as stored; the ETag is the version to send back in If-Match' })
  async category(
    @Param('session') session: string,
    @Param('code') code: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const state = await this.catalogs.loadScheduled(session);
    const category = state.categories[code];
    if (!category) throw new NotFoundError('CATEGORY_NOT_FOUND', '报考类别不存在');
    res.header('ETag', etagOf(categoryVersion(state, code)));
    return category;
  }

  @Put(':session/categories/:code')
  @ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH })
  async changeCategory(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('code') code: string,
    @Body() body: CategoryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const category = { ...body, code, requirements: { ...body.requirements } };
    const shown = versionFromIfMatch(ifMatch);
    const view = await this.run(req, session, { type: 'ChangeCategory', category, shown });
    res.header('ETag', etagOf(categoryVersionOf(category))); // accepted: what is stored now
    return view;
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
