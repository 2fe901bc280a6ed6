import { Inject, Injectable } from '@nestjs/common';
import { identityStreamFor } from '../../accounts/security/identity-key';
import { isIdType } from '../../accounts/validation/id-number.rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Principal } from '../../infrastructure/http/principal';
import { assertInScope } from '../staff-scope';
import { CaseNotFoundError, IdentityCaseQueries } from './identity-case.queries';

/**
 * The case of the person at the desk, found by the ID number on the document they hold: keyed
 * exactly as the identity stream is (type, normalized number, HMAC), so the number itself is
 * neither stored nor looked up anywhere. Another area's case is refused as any case page is.
 */
@Injectable()
export class CaseLookupService {
  constructor(
    private readonly queries: IdentityCaseQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async streamOf(idType: string, idNumber: string, principal: Principal): Promise<string> {
    if (!isIdType(idType) || idNumber.trim() === '') throw new CaseNotFoundError();
    const stream = identityStreamFor(this.config.secrets.identityKey, idType, idNumber);
    assertInScope(principal, await this.queries.areaOf(stream));
    return stream;
  }
}
