/** The session windows the admin page edits, in the order shown, with their labels. */
export const WINDOW_FIELDS = [
  ['registrationOpensAt', '报名开始'],
  ['registrationClosesAt', '报名截止'],
  ['withdrawalDeadline', '放弃报考、修改考点截止'],
  ['ticketPrintingOpensAt', '准考证打印开始'],
  ['ticketPrintingClosesAt', '准考证打印结束'],
] as const;
