import { Injectable } from '@nestjs/common';
import { AccountQueries } from '../../accounts/accounts.queries';
import { fullIdNumberBehind } from '../../accounts/security/full-id-number';
import type { EnrollmentState } from '../enrollment.state';

/**
 * The holder's full 证件号码 for 资格审核 of one enrollment, which staff compare with the ID card.
 * Read from the account (the enrollment holds it masked); callers check the staff member's scope
 * first. Lists and exports never ask for it.
 */
@Injectable()
export class FullIdNumbers {
  constructor(private readonly accounts: AccountQueries) {}

  async of(candidateId: string, state: EnrollmentState): Promise<string | undefined> {
    return fullIdNumberBehind(state.basicInfo?.idNumberMasked, await this.accounts.idNumberOf(candidateId));
  }
}
