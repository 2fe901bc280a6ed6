import { Injectable } from '@nestjs/common';
import { AccountQueries } from '../../accounts/accounts.queries';
import { AuditAccessLog } from '../../audit/access/audit-access-log';
import type { CommandContext } from '../../shared/messages';
import { fullIdNumberBehind } from '../../accounts/security/full-id-number';
import type { EnrollmentState } from '../enrollment.state';

/**
 * The holder's full 证件号码 for 资格审核 of one enrollment, which staff compare with the ID card.
 * Read from the account (the enrollment holds it masked); callers check the staff member's scope
 * first. The look-up is recorded before the number is read (StaffViewedCandidateRecord, in the
 * auditors' history of the candidate): one that cannot be recorded is not answered. Lists and
 * exports never ask for it.
 */
@Injectable()
export class FullIdNumbers {
  constructor(
    private readonly accounts: AccountQueries,
    private readonly access: AuditAccessLog,
  ) {}

  async of(
    candidateId: string,
    sessionCode: string,
    state: EnrollmentState,
    context: CommandContext,
  ): Promise<string | undefined> {
    await this.access.recordStaffView(candidateId, sessionCode, 'review', context);
    return fullIdNumberBehind(state.basicInfo?.idNumberMasked, await this.accounts.idNumberOf(candidateId));
  }
}
