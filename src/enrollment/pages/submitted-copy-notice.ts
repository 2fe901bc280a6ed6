import { copiedStepNames, type CopiedStep } from '../profile-drift';

/** What the card's notice needs to say that the 报名表 kept what 个人信息 no longer says. */
export interface SubmittedCopyNotice {
  /** The steps whose copy differs, named as the step bar names them. */
  stepNames: string;
  /** Approved: withdrawing gives up the approval, so the notice says so before offering it. */
  approved: boolean;
  /** Withdrawing also voids the ticket number already issued. */
  ticketIssued: boolean;
  /**
   * 放弃报考's page while withdrawing and enrolling again can still update the form; absent once
   * either window has closed (withdrawn then, the candidate could not enroll again): the copy stands.
   */
  withdrawHref?: string;
}

/**
 * The notice on a submitted or approved enrollment's card when steps it copied from 个人信息 no
 * longer match it (outdatedSinceSubmitted); none when they all still do.
 */
export function submittedCopyNotice(
  card: { sessionCode: string; status: string; ticketNumber: string },
  outdated: CopiedStep[],
  open: { withdrawal: boolean; registration: boolean },
): SubmittedCopyNotice | undefined {
  if (outdated.length === 0) return undefined;
  return {
    stepNames: copiedStepNames(outdated),
    approved: card.status === 'approved',
    ticketIssued: card.ticketNumber !== '',
    withdrawHref:
      open.withdrawal && open.registration ? `/enrollment/${encodeURIComponent(card.sessionCode)}/withdraw` : undefined,
  };
}
