import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '../../shared/errors';
import { DirectoryCatalog } from '../directory-catalog.service';
import { type DirectoryHit, isDirectoryKind } from '../directory.types';
import { Public } from '../../infrastructure/http/roles.decorator';
import { MAX_LIMIT } from './directory-index';

const MAX_QUERY_LENGTH = 50;

/**
 * The institution directory is public reference data (names, province, city), so the search is
 * open like the pages that use it; it holds nothing about candidates.
 */
@ApiTags('directory')
@Controller('api/directory')
export class DirectorySearchController {
  constructor(private readonly catalog: DirectoryCatalog) {}

  @Get('search')
  @Public()
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: '按拼音首字母、全拼或汉字检索工作单位 / 毕业学校（如 bjdx）' })
  @ApiQuery({ name: 'kind', enum: ['employer', 'school'] })
  @ApiQuery({ name: 'q', description: 'pinyin initials, full pinyin or Chinese, at most 50 characters' })
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${MAX_LIMIT}, default 10` })
  @ApiOkResponse({ description: '{ items: [{ code, name, province, city, category, match }] }, best first' })
  search(@Query('kind') kind: unknown, @Query('q') q: unknown, @Query('limit') limit: unknown) {
    const errors = [];
    if (!isDirectoryKind(kind))
      errors.push({ field: 'kind', code: 'DIRECTORY_KIND_INVALID', message: 'kind 须为 employer 或 school' });
    if (typeof q !== 'string' || q.trim() === '')
      errors.push({ field: 'q', code: 'QUERY_REQUIRED', message: '请输入检索内容' });
    else if (q.length > MAX_QUERY_LENGTH)
      errors.push({ field: 'q', code: 'QUERY_TOO_LONG', message: `检索内容不能超过 ${MAX_QUERY_LENGTH} 个字符` });
    const max = limit === undefined ? 10 : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIMIT)
      errors.push({ field: 'limit', code: 'LIMIT_INVALID', message: `limit 须为 1 到 ${MAX_LIMIT} 的整数` });
    if (errors.length > 0 || !isDirectoryKind(kind) || typeof q !== 'string') throw new ValidationError(errors);
    return { items: this.catalog.search(kind, q, max).map(toItem) };
  }
}

/** The combobox script reads `code` and `name`; an entry's name is its identity in the directory. */
const toItem = ({ name, province, city, category, match }: DirectoryHit) => ({
  code: name,
  name,
  province,
  city,
  category,
  match,
});
