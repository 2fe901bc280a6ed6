import type { EnrollmentRow } from '../../../projections/enrollment-table/enrollment-table.projection';
import { initialEnrollmentState, type EnrollmentState } from '../enrollment.state';
import { windowsAroundNow } from '../../catalog/testing/windows-around-now';
import { enrollmentCard, enrollmentSteps } from './enrollment-page-helpers';

const row = (status: EnrollmentRow['status'], ticketNumber = '', state: Partial<EnrollmentState> = {}): EnrollmentRow =>
  ({
    status,
    ticketNumber,
    sessionCode: '2027',
    startedAt: '2027-01-10T02:00:00.000Z',
    state: {
      ...initialEnrollmentState(),
      status,
      ticket: ticketNumber ? { ticketNumber, siteCode: '1101', room: 1, seat: 1 } : null,
      ...state,
    },
  }) as unknown as EnrollmentRow;

const shownAt = new Date('2027-01-15T00:00:00Z');
const candidate = { id: 'c1', role: 'candidate' } as const;
/** Registration and withdrawal open; `closed`: forty days on, both past. */
const open = { now: shownAt, actor: candidate, windows: windowsAroundNow(shownAt.getTime()) };
const closed = { ...open, now: new Date(shownAt.getTime() + 40 * 24 * 3600_000) };

describe('the candidate’s enrollment card', () => {
  it.each(['submitted', 'approved', 'rejected'] as const)('offers 打印 once %s (guide item 7)', (status) => {
    expect(enrollmentCard(row(status), open).canPrint).toBe(true);
  });

  it.each(['draft', 'withdrawn'] as const)('offers no print while %s: there is no form to print', (status) => {
    expect(enrollmentCard(row(status), open).canPrint).toBe(false);
  });

  it('keeps the site fixed once a ticket is issued, and closes changes after the deadline', () => {
    expect(enrollmentCard(row('approved', '2027110010011'), open).canChangeSite).toBe(false);
    expect(enrollmentCard(row('approved'), open).canChangeSite).toBe(true);
    expect(enrollmentCard(row('rejected'), open)).toMatchObject({ canChangeSite: false, canContinue: true });
    expect(enrollmentCard(row('draft'), open)).toMatchObject({ canChangeSite: false, canWithdraw: true });
    expect(enrollmentCard(row('withdrawn'), open)).toMatchObject({ canChangeSite: false, canWithdraw: false });
    // A session no longer in the catalog: nothing offered rather than a guess.
    expect(enrollmentCard(row('submitted'), { ...open, windows: undefined })).toMatchObject({
      canChangeSite: false,
      canWithdraw: false,
      canContinue: false,
    });
    expect(enrollmentCard(row('submitted'), closed)).toMatchObject({
      canChangeSite: false,
      canWithdraw: false,
      canContinue: false,
    });
  });

  it('says after the close that a draft is void and a rejected enrollment can no longer be resubmitted', () => {
    expect(enrollmentCard(row('draft'), closed)).toMatchObject({
      canContinue: false,
      closedNote: '网上报名已截止，未提交的报名无效。',
    });
    expect(enrollmentCard(row('rejected'), closed).closedNote).toBe('网上报名已截止，不能再修改并重新提交。');
    expect(enrollmentCard(row('submitted'), closed).closedNote).toBe('');
    expect(enrollmentCard(row('draft'), open).closedNote).toBe('');
  });

  it('names a decision by its own outcome, and shows neither it nor the ticket once withdrawn', () => {
    const decided = (status: EnrollmentRow['status'], outcome: 'approved' | 'rejected') => ({
      ...row(status, status === 'rejected' ? '' : '271103110000001', {
        decision: { outcome, staffId: 's', reason: '材料齐全' },
        ticket: status === 'rejected' ? null : { ticketNumber: '271103110000001', siteCode: '1103', room: 1, seat: 1 },
      }),
      decidedAt: '2027-01-11T02:00:00.000Z',
      decisionReason: '材料齐全',
      room: 1,
      seat: 1,
    });
    expect(enrollmentCard(decided('approved', 'approved'), open)).toMatchObject({ decisionLabel: '审核通过' });
    expect(enrollmentCard(decided('rejected', 'rejected'), open)).toMatchObject({ decisionLabel: '审核未通过' });
    // A row projected before withdrawal cleared the decision and the ticket from the table.
    expect(enrollmentCard(decided('withdrawn', 'approved'), open)).toMatchObject({
      statusLabel: '已放弃报考',
      decisionLabel: '',
      decidedAtText: '',
      decisionReason: '',
      ticketNumber: '',
      room: null,
      seat: null,
    });
  });

  it('carries the notice of steps whose copy 个人信息 no longer matches, and none when all match', () => {
    expect(enrollmentCard(row('submitted'), open, [2]).copyNotice).toMatchObject({
      stepNames: '第二步“核实基本情况”',
      withdrawHref: '/enrollment/2027/withdraw',
    });
    expect(enrollmentCard(row('submitted'), open).copyNotice).toBeUndefined();
  });
});

describe('the card’s ticket printing window', () => {
  const printing = {
    ...open,
    windows: {
      ...open.windows,
      ticketPrintingOpensAt: '2027-05-25T00:00:00Z',
      ticketPrintingClosesAt: '2027-08-22T04:00:00Z',
    },
  };
  it('comes with the ticket number, in Beijing time', () => {
    expect(enrollmentCard(row('approved', '2711011100011'), printing).ticketPrintingText).toBe(
      '2027年5月25日 08:00 至 2027年8月22日 12:00',
    );
  });
  it('is not shown before a number is issued', () => {
    expect(enrollmentCard(row('approved'), printing).ticketPrintingText).toBe('');
  });
});

describe('the step indicator', () => {
  /** Every step filled in, as far as `done` says (`nextStep` reads what each step holds). */
  const filled = (status: EnrollmentState['status'], more: Partial<EnrollmentState> = {}) =>
    ({
      ...initialEnrollmentState(),
      status,
      category: { code: '110', name: '临床执业医师', level: '执业医师' },
      basicInfo: {},
      employment: {},
      qualifications: { education: [], training: [] },
      certificates: [],
      site: { areaCode: '11', areaName: '北京', siteCode: '1101', siteName: '东城' },
      ...more,
    }) as unknown as EnrollmentState;
  const hrefs = (status?: EnrollmentState['status']) =>
    enrollmentSteps('2027', status && filled(status)).map((step) => step.href);
  const steps2to6 = [2, 3, 4, 5, 6].map((n) => `/enrollment/2027/step/${n}`);

  it('links every finished step back while the enrollment is a draft', () => {
    expect(hrefs('draft')).toEqual(['/enrollment/2027/categories', ...steps2to6]);
  });

  it('after a rejection links steps 2–6 but not the category: another one takes 放弃报考', () => {
    expect(hrefs('rejected')).toEqual([undefined, ...steps2to6]);
  });

  it.each(['submitted', 'approved'] as const)('links nothing once %s: a step saved then is refused', (status) => {
    expect(hrefs(status)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it.each(['none', 'withdrawn'] as const)('lets the category be chosen when %s', (status) => {
    expect(hrefs(status)[0]).toBe('/enrollment/2027/categories');
    expect(enrollmentSteps('2027', filled(status)).some((step) => step.done)).toBe(false);
  });

  it('shows a step the check page says to redo as not done, still linked', () => {
    const steps = enrollmentSteps('2027', filled('draft'), [5]);
    expect(steps.map((step) => step.done)).toEqual([true, true, true, true, false, true]);
    expect(steps[4].href).toBe('/enrollment/2027/step/5');
  });

  it('counts a step saved incomplete with 保存 as not done, and links nothing beyond it', () => {
    const saved = filled('draft', { qualificationsDraft: { education: [], training: [] } });
    const steps = enrollmentSteps('2027', saved);
    expect(steps.map((step) => step.done)).toEqual([true, true, true, false, false, false]);
    expect(steps.map((step) => step.saved)).toEqual([false, false, false, true, false, false]);
    expect(steps.map((step) => step.href)).toEqual([
      '/enrollment/2027/categories',
      ...steps2to6.slice(0, 3),
      undefined,
      undefined,
    ]);
  });

  it('shows step 5 saved incomplete as saved once step 4 is done, and nothing as saved otherwise', () => {
    const saved = enrollmentSteps('2027', filled('draft', { certificatesDraft: [] }));
    expect(saved.map((step) => step.saved)).toEqual([false, false, false, false, true, false]);
    expect(enrollmentSteps('2027', filled('draft')).some((step) => step.saved)).toBe(false);
  });
});
