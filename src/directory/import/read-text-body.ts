import type { Request } from '../../infrastructure/http/http-types';
import { ValidationError } from '../../shared/errors';
import { isUnreadStream } from '../../infrastructure/http/unread-stream';

/**
 * A text body (left unread by its content-type parser) as UTF-8 text, read only up to `maxBytes`:
 * a bigger one is refused without being buffered.
 */
export async function readTextBody(req: Request, maxBytes: number): Promise<string> {
  const body: unknown = req.body;
  if (!isUnreadStream(body))
    throw new ValidationError([{ field: 'file', code: 'FILE_NOT_TEXT', message: '请以 text/csv 格式提交 CSV 文件' }]);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes)
      throw new ValidationError([
        { field: 'file', code: 'FILE_TOO_LARGE', message: `文件不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB` },
      ]);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.includes('\uFFFD'))
    throw new ValidationError([{ field: 'file', code: 'FILE_NOT_UTF8', message: '文件须为 UTF-8 编码' }]);
  return text;
}
