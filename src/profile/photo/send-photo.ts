import type { Response } from '../../infrastructure/http/http-types';
import { NotFoundError } from '../../shared/errors';

/** A stored 证件照 as the answer (404 when the file is gone), never sniffed as anything but a JPEG. */
export function sendPhoto(res: Response, bytes: Buffer | null | undefined, cacheControl: string): void {
  if (!bytes) throw new NotFoundError('PHOTO_NOT_FOUND', '照片不存在');
  res.header('Content-Type', 'image/jpeg');
  res.header('Cache-Control', cacheControl);
  res.header('X-Content-Type-Options', 'nosniff');
  res.send(bytes);
}
