import { Inject, Injectable } from '@nestjs/common';
import { identityStreamFor } from '../../accounts/security/identity-key';
import { isIdType, normalizeIdNumber } from '../../accounts/validation/id-number.rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Principal } from '../../infrastructure/http/principal';
import { assertInScope, OutOfScopeError, staffAreaOf } from '../staff-scope';
import { CaseNotFoundError, IdentityCaseQueries } from './identity-case.queries';

/**
 * The case of the person at the desk, found by the ID number on the document they hold: keyed
 * exactly as the identity stream is (type, normalized number, HMAC), so the number itself is
 * neither stored nor looked up anywhere. Only a case is found (the number was tried again), and
 * another area's number is answered as none, before anything is read: the answer must not tell
 * staff whether someone elsewhere registered with it.
 */
@Injectable()
export class CaseLookupService {
  constructor(
    private readonly queries: IdentityCaseQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async streamOf(idType: string, idNumber: string, principal: Principal): Promise<string> {
    if (!isIdType(idType) || idNumber.trim() === '') throw new CaseNotFoundError();
    const staffArea = staffAreaOf(principal);
    if (idType === 'resident' && staffArea !== null && normalizeIdNumber(idNumber).slice(0, 2) !== staffArea)
      throw new CaseNotFoundError();
    const stream = identityStreamFor(this.config.secrets.identityKey, idType, idNumber);
    if (!(await this.queries.isCase(stream))) throw new CaseNotFoundError();
    try {
      assertInScope(principal, await this.queries.areaOf(stream));
    } catch (error) {
      if (error instanceof OutOfScopeError) throw new CaseNotFoundError();
      throw error;
    }
    return stream;
  }
}
