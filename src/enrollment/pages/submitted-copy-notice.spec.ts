import { submittedCopyNotice } from './submitted-copy-notice';

const submitted = { sessionCode: '2027', status: 'submitted', ticketNumber: '' };
const open = { withdrawal: true, registration: true };

describe('the notice that the 报名表 kept what 个人信息 no longer says', () => {
  it('says nothing while every copied step still matches', () => {
    expect(submittedCopyNotice(submitted, [], open)).toBeUndefined();
  });

  it('names the steps and offers 放弃报考 while the candidate could still enroll again', () => {
    expect(submittedCopyNotice(submitted, [2, 3], open)).toEqual({
      stepNames: '第二步“核实基本情况”、第三步“核实工作情况”',
      approved: false,
      ticketIssued: false,
      withdrawHref: '/enrollment/2027/withdraw',
    });
  });

  it('offers no 放弃报考 once either window has closed: withdrawn, the form could not be filled in again', () => {
    expect(
      submittedCopyNotice(submitted, [2], { withdrawal: false, registration: true })?.withdrawHref,
    ).toBeUndefined();
    expect(
      submittedCopyNotice(submitted, [2], { withdrawal: true, registration: false })?.withdrawHref,
    ).toBeUndefined();
  });

  it('tells an approved candidate what withdrawing would give up, the ticket number too when issued', () => {
    const approved = { ...submitted, status: 'approved', ticketNumber: '271103110000001' };
    expect(submittedCopyNotice(approved, [4], open)).toMatchObject({ approved: true, ticketIssued: true });
    expect(submittedCopyNotice({ ...approved, ticketNumber: '' }, [4], open)).toMatchObject({ ticketIssued: false });
  });
});
