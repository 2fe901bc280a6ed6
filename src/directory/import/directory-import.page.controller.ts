import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { formBody, renderRefusal } from '../../accounts/web/form-page';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { type FieldError, ValidationError } from '../../shared/errors';
import { DirectoryCatalog } from '../directory-catalog.service';
import { DIRECTORY_KINDS, type DirectoryKind, isDirectoryKind } from '../directory.types';
import { DirectoryImportService, type ImportReport, MAX_IMPORT_ROWS } from './directory-import.service';

const VIEW = 'admin/directory/import';
/** The urlencoded body limit of create-app.ts (BODY_LIMIT): the page states it, the script checks it. */
export const FORM_LIMIT_BYTES = 1024 * 1024;
const KIND_LABELS: Record<DirectoryKind, string> = { employer: '工作单位', school: '毕业学校' };
const KIND_OPTIONS = [
  { value: 'employer', label: '工作单位（医院及医疗卫生机构）' },
  { value: 'school', label: '毕业学校' },
];
/** The API reports the whole file as `file` (or its `header`); here that is the textarea. */
const PAGE_FIELDS: Record<string, string> = { file: 'csv', header: 'csv' };
const SHOWN_ROW_CHARS = 80;

/** 名录导入: the admin's page over the same CSV import as POST /api/admin/directory/import. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/directory')
export class DirectoryImportPageController {
  constructor(
    private readonly imports: DirectoryImportService,
    private readonly catalog: DirectoryCatalog,
  ) {}

  @Get()
  show(@Res() res: Response): void {
    res.render(VIEW, this.locals({}));
  }

  @Post()
  async import(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    const kind = form.kind ?? '';
    const csv = form.csv ?? '';
    try {
      checkForm(kind, csv);
      const report = await this.imports.import(kind as DirectoryKind, csv, commandContext(req));
      res.status(200).render(VIEW, this.locals({ kind }, { report: reportView(report, csv) }));
    } catch (error) {
      renderRefusal(res, VIEW, onThisPage(error), this.locals({ kind, csv }));
    }
  }

  private locals(values: Record<string, string>, extra: Record<string, unknown> = {}) {
    return {
      title: '单位与学校名录',
      kinds: KIND_OPTIONS,
      counts: DIRECTORY_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], size: this.catalog.size(kind) })),
      limitBytes: FORM_LIMIT_BYTES,
      limitMb: FORM_LIMIT_BYTES / 1024 / 1024,
      maxRows: MAX_IMPORT_ROWS,
      values,
      ...extra,
    };
  }
}

/** What the form alone can get wrong, all reported at once. */
function checkForm(kind: string, csv: string): void {
  const errors: FieldError[] = [];
  if (!isDirectoryKind(kind))
    errors.push({ field: 'kind', code: 'DIRECTORY_KIND_INVALID', message: '请选择导入到工作单位还是毕业学校' });
  if (csv.trim() === '')
    errors.push({ field: 'csv', code: 'CSV_REQUIRED', message: '请选择 CSV 文件，或把 CSV 内容粘贴到文本框中' });
  // U+FFFD: a file decoded with the wrong encoding; its names would be imported garbled.
  else if (csv.includes('\uFFFD'))
    errors.push({
      field: 'csv',
      code: 'CSV_NOT_DECODED',
      message: '内容中有无法识别的字符（�），请将文件另存为 UTF-8 编码后再导入',
    });
  if (errors.length > 0) throw new ValidationError(errors);
}

function onThisPage(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  return new ValidationError(
    error.fields.map((field) => ({ ...field, field: PAGE_FIELDS[field.field] ?? field.field })),
    error.message,
  );
}

/** The report as the page shows it: counts, and each refused row with its text and reasons. */
function reportView(report: ImportReport, csv: string) {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  return {
    ...report,
    kindLabel: KIND_LABELS[report.kind],
    rejected: report.rejected.map(({ line, errors }) => {
      const text = lines[line - 1] ?? '';
      return {
        line,
        text: text.length > SHOWN_ROW_CHARS ? `${text.slice(0, SHOWN_ROW_CHARS)}…` : text,
        reasons: errors.map((error) => error.message).join('；'),
      };
    }),
  };
}
