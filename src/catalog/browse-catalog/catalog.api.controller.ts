import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../infrastructure/http/roles.decorator';
import { CatalogQueries } from '../catalog-queries';

/** The published catalog: sessions, their dates, categories, areas and sites. */
@ApiTags('catalog')
@Public()
@Controller('api/catalog/sessions')
export class CatalogApiController {
  constructor(private readonly queries: CatalogQueries) {}

  @Get()
  list() {
    return this.queries.listSessions();
  }

  @Get(':session')
  get(@Param('session') session: string) {
    return this.queries.getSession(session);
  }
}
