import { Injectable, type PipeTransform } from '@nestjs/common';
import { CatalogReader } from '../catalog/catalog-reader';

/**
 * A `:session` in a candidate's URL names a scheduled exam session, or the answer is 404
 * SESSION_NOT_FOUND: an unknown code is not an enrollment "not started", nor a closed window.
 */
@Injectable()
export class ScheduledSessionPipe implements PipeTransform<string, Promise<string>> {
  constructor(private readonly catalogs: CatalogReader) {}

  async transform(session: string): Promise<string> {
    await this.catalogs.loadScheduled(session);
    return session;
  }
}
