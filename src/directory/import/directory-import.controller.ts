import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { ValidationError } from '../../shared/errors';
import { isDirectoryKind } from '../directory.types';
import { DirectoryImportService } from './directory-import.service';
import { readTextBody } from './read-text-body';

const MAX_CSV_BYTES = 8 * 1024 * 1024;

@ApiTags('directory')
@Controller('api/admin/directory')
export class DirectoryImportController {
  constructor(private readonly imports: DirectoryImportService) {}

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Import institutions from CSV (name,province,city,kind|level); bad rows are reported by line',
  })
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'kind', enum: ['employer', 'school'] })
  @ApiOkResponse({
    description:
      '{ kind, importId, imported (= added + updated), added, updated, unchanged (not written), rejected: [{ line, errors }], directorySize }',
  })
  async import(@Query('kind') kind: unknown, @Req() req: Request) {
    if (!isDirectoryKind(kind))
      throw new ValidationError([
        { field: 'kind', code: 'DIRECTORY_KIND_INVALID', message: 'kind 须为 employer 或 school' },
      ]);
    if (!/^text\/(csv|plain)\b/i.test(req.headers['content-type'] ?? ''))
      throw new ValidationError([
        { field: 'file', code: 'CSV_CONTENT_TYPE', message: '请以 text/csv 上传 UTF-8 编码的 CSV 文件' },
      ]);
    const csv = await readTextBody(req, MAX_CSV_BYTES);
    return this.imports.import(kind, csv, commandContext(req));
  }
}
