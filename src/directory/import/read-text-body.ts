import type { Request } from 'express';
import { ValidationError } from '../../shared/errors';

/** The raw request body as UTF-8 text (the app parses only JSON and forms), refused past `maxBytes`. */
export async function readTextBody(req: Request, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
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
