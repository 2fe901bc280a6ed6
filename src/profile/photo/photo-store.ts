import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'jpeg-js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ValidationError } from '../../shared/errors';

export interface StoredPhoto {
  sha256: string;
  bytes: number;
  width: number;
  height: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * 证件照 files, outside the events: DATA_DIR/photos/<sha256>.jpg, written once (content-addressed,
 * so the same photo twice is one file). The event carries the hash.
 */
@Injectable()
export class PhotoStore {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.dir = join(config.dataDir, 'photos');
  }

  /** Decodes the upload to prove it is a JPEG of the configured pixel size and byte limit. */
  check(file: Buffer | undefined): StoredPhoto {
    const { maxBytes, width, height } = this.config.photo;
    const refuse = (code: string, message: string): never => {
      throw new ValidationError([{ field: 'photo', code, message }]);
    };
    if (!file || file.length === 0) return refuse('PHOTO_REQUIRED', '请选择要上传的照片');
    if (file.length > maxBytes) throw this.tooLarge(`当前 ${Math.ceil(file.length / 1024)} KB`);
    if (file[0] !== 0xff || file[1] !== 0xd8 || file[2] !== 0xff) refuse('PHOTO_NOT_JPEG', '照片须为 JPG 格式');
    let image: { width: number; height: number };
    try {
      image = decode(file, { useTArray: true, maxResolutionInMP: 4, maxMemoryUsageInMB: 64 });
    } catch {
      return refuse('PHOTO_NOT_JPEG', '照片文件已损坏或不是 JPG 格式');
    }
    if (image.width !== width || image.height !== height)
      refuse('PHOTO_WRONG_SIZE', `照片须为 ${width}×${height} 像素（宽×高），当前为 ${image.width}×${image.height}`);
    return { sha256: createHash('sha256').update(file).digest('hex'), bytes: file.length, width, height };
  }

  /** The refusal of a photo over the limit, `current` saying its size or that it passed the upload cutoff. */
  tooLarge(current: string): ValidationError {
    const limit = `${Math.floor(this.config.photo.maxBytes / 1024)} KB`;
    return new ValidationError([
      { field: 'photo', code: 'PHOTO_TOO_LARGE', message: `照片不能超过 ${limit}（${current}）` },
    ]);
  }

  save(file: Buffer, photo: StoredPhoto): void {
    mkdirSync(this.dir, { recursive: true });
    const target = this.pathOf(photo.sha256);
    if (existsSync(target)) return;
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, file);
    renameSync(temp, target);
  }

  read(sha256: string): Buffer | null {
    if (!SHA256.test(sha256)) return null;
    const path = this.pathOf(sha256);
    return existsSync(path) ? readFileSync(path) : null;
  }

  private pathOf(sha256: string): string {
    return join(this.dir, `${sha256}.jpg`);
  }
}
