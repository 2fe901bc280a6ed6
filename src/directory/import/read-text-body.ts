import type { Request } from '../../infrastructure/http/http-types';
import { ValidationError } from '../../shared/errors';

/** A text/csv or text/plain body (kept as bytes by its parser) as UTF-8 text, refused past `maxBytes`. */
export function readTextBody(req: Request, maxBytes: number): string {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body))
    throw new ValidationError([{ field: 'file', code: 'FILE_NOT_TEXT', message: '请以 text/csv 格式提交 CSV 文件' }]);
  if (body.length > maxBytes)
    throw new ValidationError([
      { field: 'file', code: 'FILE_TOO_LARGE', message: `文件不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB` },
    ]);
  const text = body.toString('utf8');
  if (text.includes('\uFFFD'))
    throw new ValidationError([{ field: 'file', code: 'FILE_NOT_UTF8', message: '文件须为 UTF-8 编码' }]);
  return text;
}
