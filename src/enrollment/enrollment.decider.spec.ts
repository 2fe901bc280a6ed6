import type { CopiedStep } from './profile-drift';
import { deciderSpecification } from '../catalog/decider-specification';
import type { SessionWindows } from '../catalog/catalog.events';
import type { CatalogCategory } from '../catalog/catalog.state';
import type { Actor } from '../shared/messages';
import {
  enrollmentDecider,
  requireSiteChangeable,
  requireWithdrawable,
  type CandidateCommand,
  type EnrollmentCommand,
  type StaffCommand,
} from './enrollment.decider';
import type { EnrollmentEvent } from './enrollment.events';
import { enrollmentView } from './enrollment-view';

const spec = deciderSpecification(enrollmentDecider);
const windows: SessionWindows = {
  registrationOpensAt: '2027-01-05T08:00:00+08:00',
  registrationClosesAt: '2027-01-31T17:00:00+08:00',
  withdrawalDeadline: '2027-02-05T17:00:00+08:00',
  ticketPrintingOpensAt: '2027-05-25T08:00:00+08:00',
  ticketPrintingClosesAt: '2027-06-12T17:00:00+08:00',
  examDates: ['2027-06-08'],
};
const during = new Date('2027-01-10T10:00:00+08:00');
const beforeOpening = new Date('2027-01-05T07:59:59+08:00');
const afterClosing = new Date('2027-01-31T17:00:00+08:00'); // the closing instant itself is too late
const afterDeadline = new Date('2027-02-05T17:00:01+08:00');
const candidate: Actor = { id: 'c1', role: 'candidate' };
const staff: Actor = { id: 'staff-7', role: 'staff' };

const clinical: CatalogCategory = {
  code: '110',
  name: '临床执业医师',
  level: '执业医师',
  requirements: { minimumEducation: '本科', trainingRequired: true, certificatesRequired: false },
  offered: true,
};
const fold = (events: EnrollmentEvent[]) => events.reduce(enrollmentDecider.evolve, enrollmentDecider.initialState());
const as = (command: CandidateCommand | StaffCommand, now = during, actor = candidate): EnrollmentCommand => ({
  ...command,
  now,
  actor,
  windows,
});
const start = (extra: Partial<Extract<CandidateCommand, { type: 'StartEnrollment' }>> = {}): CandidateCommand => ({
  type: 'StartEnrollment',
  sessionCode: '2027',
  candidateId: 'c1',
  pledgeVersion: 'v1',
  currentPledgeVersion: 'v1',
  category: clinical,
  highestEducation: '本科',
  ...extra,
});

const basicInfo = {
  fullName: '张三',
  gender: '男',
  birthDate: '1995-03-01',
  idType: '居民身份证',
  idNumberMasked: '110***********1234',
};
const bachelor = { id: 'e1', school: '某医学院', major: '临床医学', degree: '本科', from: '2013-09', to: '2018-07' };
const training = { id: 't1', kind: '试用期', institution: '某医院', from: '2018-08', to: '2019-08' };
const site = { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '东城区考点' };
const otherSite = { areaCode: '11', areaName: '北京市', siteCode: '1102', siteName: '海淀区考点' };

const started: EnrollmentEvent = {
  type: 'EnrollmentStarted',
  data: {
    sessionCode: '2027',
    candidateId: 'c1',
    attempt: 1,
    pledgeVersion: 'v1',
    categoryCode: '110',
    categoryName: '临床执业医师',
    level: '执业医师',
  },
};
const draftDone: EnrollmentEvent[] = [
  started,
  { type: 'BasicInfoConfirmed', data: { basicInfo } },
  { type: 'EmploymentConfirmed', data: { employment: { status: '在职', employer: '某医院' } } },
  { type: 'QualificationsSelected', data: { education: [bachelor], training: [training] } },
  { type: 'CertificatesSelected', data: { certificates: [] } },
  { type: 'ExamSiteChosen', data: site },
];
/** 证件照 content hashes: the one submitted, and one uploaded after. */
const photoA = 'a'.repeat(64);
const photoB = 'b'.repeat(64);
const submit = (
  photoSha256: string | null = photoA,
  siteCode = site.siteCode,
  category: CatalogCategory | undefined = clinical,
  outdatedSteps: CopiedStep[] = [],
): CandidateCommand => ({
  type: 'SubmitEnrollment',
  siteCode,
  seatHoldId: 'hold-2',
  photoSha256,
  category,
  outdatedSteps,
});
/** Submitted with the hold 'hold-1' on its seat at 1101. */
const submitted: EnrollmentEvent[] = [
  ...draftDone,
  { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: photoA, seatHoldId: 'hold-1' } },
];
const rejected: EnrollmentEvent[] = [
  ...submitted,
  { type: 'EnrollmentRejected', data: { staffId: 'staff-7', reason: '学历证明不清晰' } },
];
const withdrawn: EnrollmentEvent[] = [
  ...submitted,
  { type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1101' } },
];
const approved: EnrollmentEvent[] = [
  ...submitted,
  { type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '' } },
];

describe('enrollment decider', () => {
  describe('starting (pledge accepted, category chosen)', () => {
    it('starts the first attempt with the pledge version', () => spec([]).when(as(start())).then([started]));
    it('refuses before the registration window opens', () =>
      spec([]).when(as(start(), beforeOpening)).thenThrows('REGISTRATION_NOT_OPEN'));
    it('refuses once registration has closed', () =>
      spec([]).when(as(start(), afterClosing)).thenThrows('REGISTRATION_CLOSED'));
    it('refuses an outdated pledge, and asks for the pledge when none was agreed to', () => {
      spec([])
        .when(as(start({ currentPledgeVersion: 'v2' })))
        .thenThrows('PLEDGE_OUTDATED', '不是现行的考生承诺书');
      spec([])
        .when(as(start({ pledgeVersion: '' })))
        .thenThrows('PLEDGE_REQUIRED', '请先阅读并同意考生承诺书');
    });
    it('refuses a category that is not offered', () =>
      spec([])
        .when(as(start({ category: { ...clinical, offered: false } })))
        .thenThrows('CATEGORY_NOT_OFFERED'));
    it('refuses a category above the candidate’s education', () =>
      spec([])
        .when(as(start({ highestEducation: '大专' })))
        .thenThrows('CATEGORY_NOT_OPEN'));
    it('keeps one enrollment: a second start while submitted is refused', () =>
      spec(submitted).when(as(start())).thenThrows('ALREADY_ENROLLED'));
    it('changes nothing when the same draft is started again', () =>
      spec([started]).when(as(start())).thenNothingHappens());
    it('restarts a draft with another category, same attempt', () =>
      spec([started])
        .when(as(start({ category: { ...clinical, code: '120', name: '口腔执业医师' } })))
        .thenMatches(([event]) => expect(event).toMatchObject({ data: { attempt: 1, categoryCode: '120' } })));
    it('continues the same stream after a withdrawal, as attempt 2', () =>
      spec(withdrawn)
        .when(as(start()))
        .thenMatches(([event]) => expect(event).toMatchObject({ type: 'EnrollmentStarted', data: { attempt: 2 } })));
  });

  describe('steps 2–6', () => {
    it('confirms basic info', () =>
      spec([started])
        .when(as({ type: 'ConfirmBasicInfo', basicInfo }))
        .then([{ type: 'BasicInfoConfirmed', data: { basicInfo } }]));
    it('saves nothing when the same basic info is saved again', () =>
      spec(draftDone)
        .when(as({ type: 'ConfirmBasicInfo', basicInfo }))
        .thenNothingHappens());
    it('refuses a step before the one before it', () =>
      spec([started])
        .when(as({ type: 'ConfirmEmployment', employment: { status: '在职' } }))
        .thenThrows('STEP_OUT_OF_ORDER'));
    it('refuses steps without a started enrollment', () =>
      spec([])
        .when(as({ type: 'ConfirmBasicInfo', basicInfo }))
        .thenThrows('NOT_ENROLLED'));
    it('refuses steps after registration has closed', () =>
      spec([started])
        .when(as({ type: 'ConfirmBasicInfo', basicInfo }, afterClosing))
        .thenThrows('REGISTRATION_CLOSED'));
    it('lets staff correct a step after registration has closed', () =>
      spec([started])
        .when(as({ type: 'ConfirmBasicInfo', basicInfo }, afterClosing, staff))
        .then([{ type: 'BasicInfoConfirmed', data: { basicInfo } }]));
    const qualifications = (education = [bachelor], chosenTraining = [training]): CandidateCommand => ({
      type: 'SelectQualifications',
      education,
      training: chosenTraining,
      requirements: clinical.requirements,
    });
    const upToStep4 = draftDone.slice(0, 3);
    it('demands at least one education entry', () =>
      spec(upToStep4)
        .when(as(qualifications([])))
        .thenThrows('VALIDATION_FAILED'));
    it('refuses education below the minimum', () => {
      let code: string | undefined;
      try {
        enrollmentDecider.decide(
          as(qualifications([{ ...bachelor, degree: '大专' }])),
          upToStep4.reduce(enrollmentDecider.evolve, enrollmentDecider.initialState()),
        );
      } catch (error) {
        code = (error as { fields: Array<{ code: string }> }).fields[0].code;
      }
      expect(code).toBe('EDUCATION_BELOW_MINIMUM');
    });
    it('demands training where the category requires it', () =>
      spec(upToStep4)
        .when(as(qualifications([bachelor], [])))
        .thenThrows('VALIDATION_FAILED'));
    it('accepts no training where the category does not require it', () =>
      spec(upToStep4)
        .when(
          as({
            ...qualifications([bachelor], []),
            requirements: { ...clinical.requirements, trainingRequired: false },
          } as CandidateCommand),
        )
        .then([{ type: 'QualificationsSelected', data: { education: [bachelor], training: [] } }]));
    it('demands a certificate where the category requires it', () =>
      spec(draftDone.slice(0, 4))
        .when(
          as({
            type: 'SelectCertificates',
            certificates: [],
            requirements: { ...clinical.requirements, certificatesRequired: true },
          }),
        )
        .thenThrows('VALIDATION_FAILED'));
  });

  describe('保存 on steps 4 and 5: an incomplete selection is kept as a draft, 下一步 refuses it', () => {
    const upToStep4 = draftDone.slice(0, 3);
    const saving = (education: (typeof bachelor)[], chosenTraining = [training]): CandidateCommand => ({
      type: 'SelectQualifications',
      education,
      training: chosenTraining,
      requirements: clinical.requirements,
      keepIncomplete: true,
    });
    const certificatesRequired = { ...clinical.requirements, certificatesRequired: true };
    const draft: EnrollmentEvent = { type: 'QualificationsDraftSaved', data: { education: [], training: [training] } };

    it('saves none ticked as a draft instead of refusing it', () =>
      spec(upToStep4)
        .when(as(saving([])))
        .then([draft]));
    it('saves a selection short of the category’s training as a draft', () =>
      spec(upToStep4)
        .when(as(saving([bachelor], [])))
        .then([{ type: 'QualificationsDraftSaved', data: { education: [bachelor], training: [] } }]));
    it('saves a complete selection as the step’s choice, as 下一步 would', () =>
      spec(upToStep4)
        .when(as(saving([bachelor])))
        .then([{ type: 'QualificationsSelected', data: { education: [bachelor], training: [training] } }]));
    it('saves nothing when the same draft is saved again', () =>
      spec([...upToStep4, draft])
        .when(as(saving([])))
        .then([]));
    it('leaves the step to do, keeping the last complete choice for the review', () => {
      const state = fold([...draftDone, draft]);
      expect(state.qualificationsDraft).toEqual({ education: [], training: [training] });
      expect(state.qualifications).toEqual({ education: [bachelor], training: [training] });
      expect(enrollmentView('2027', state).nextStep).toBe(4);
    });
    it('blocks the later steps and 提交 while a draft is pending', () => {
      spec([...draftDone, draft])
        .when(as({ type: 'SelectCertificates', certificates: [], requirements: clinical.requirements }))
        .thenThrows('STEP_OUT_OF_ORDER');
      spec([...draftDone, draft])
        .when(as(submit()))
        .thenThrows('STEP_OUT_OF_ORDER');
    });
    it('clears the draft with a complete selection, even the one chosen before it', () => {
      spec([...draftDone, draft])
        .when(as(saving([bachelor])))
        .then([{ type: 'QualificationsSelected', data: { education: [bachelor], training: [training] } }]);
      const state = fold([
        ...draftDone,
        draft,
        { type: 'QualificationsSelected', data: { education: [bachelor], training: [training] } },
      ]);
      expect(state.qualificationsDraft).toBeNull();
      expect(enrollmentView('2027', state).nextStep).toBe(7);
    });
    it('keeps certificates a category requires as a draft when none is ticked, and the step to do', () => {
      const certificatesDraft: EnrollmentEvent = { type: 'CertificatesDraftSaved', data: { certificates: [] } };
      spec(draftDone.slice(0, 4))
        .when(
          as({
            type: 'SelectCertificates',
            certificates: [],
            requirements: certificatesRequired,
            keepIncomplete: true,
          }),
        )
        .then([certificatesDraft]);
      expect(enrollmentView('2027', fold([...draftDone, certificatesDraft])).nextStep).toBe(5);
      spec([...draftDone, certificatesDraft])
        .when(as({ type: 'ChooseExamSite', choice: otherSite, siteOpen: true }))
        .thenThrows('STEP_OUT_OF_ORDER');
    });
    it('clears a certificates draft with a complete selection, even the one chosen before it', () => {
      const certificatesDraft: EnrollmentEvent = { type: 'CertificatesDraftSaved', data: { certificates: [] } };
      spec([...draftDone, certificatesDraft])
        .when(as({ type: 'SelectCertificates', certificates: [], requirements: clinical.requirements }))
        .then([{ type: 'CertificatesSelected', data: { certificates: [] } }]);
      const state = fold([
        ...draftDone,
        certificatesDraft,
        { type: 'CertificatesSelected', data: { certificates: [] } },
      ]);
      expect(state.certificatesDraft).toBeNull();
      expect(enrollmentView('2027', state).nextStep).toBe(7);
    });
    it('keeps a rejected candidate’s draft from resubmission, and drops it when staff approve as submitted', () => {
      spec([...rejected, draft])
        .when(as(submit()))
        .thenThrows('STEP_OUT_OF_ORDER');
      const state = fold([
        ...rejected,
        draft,
        { type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '' } },
      ]);
      expect(state.status).toBe('approved');
      expect(state.qualificationsDraft).toBeNull();
      expect(state.qualifications).toEqual({ education: [bachelor], training: [training] });
      expect(enrollmentView('2027', state).nextStep).toBe(7);
    });
    it('forgets drafts when the enrollment is started again with another category', () => {
      const state = fold([...draftDone, draft, { ...started, data: { ...started.data, categoryCode: '120' } }]);
      expect(state.qualificationsDraft).toBeNull();
      expect(state.certificatesDraft).toBeNull();
    });
  });

  describe('steps 2–6 (sites and locking)', () => {
    it('refuses a site with no free seat (名额已满)', () =>
      spec(draftDone.slice(0, 5))
        .when(as({ type: 'ChooseExamSite', choice: site, siteOpen: true, siteFull: true }))
        .thenThrows('SITE_FULL'));
    it('refuses a closed site', () =>
      spec(draftDone.slice(0, 5))
        .when(as({ type: 'ChooseExamSite', choice: site, siteOpen: false }))
        .thenThrows('SITE_CLOSED'));
    it('locks the steps once submitted', () =>
      spec(submitted)
        .when(as({ type: 'ConfirmBasicInfo', basicInfo: { ...basicInfo, fullName: '李四' } }))
        .thenThrows('ALREADY_SUBMITTED'));
  });

  describe('submission', () => {
    it('submits when every step is done, with the 证件照 of that moment', () =>
      spec(draftDone)
        .when(as(submit(photoA)))
        .then([
          { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: photoA, seatHoldId: 'hold-2' } },
        ]));
    it('submits without a 证件照 (neither the guide nor the design requires one), recording that there is none', () =>
      spec(draftDone)
        .when(as(submit(null)))
        .then([
          { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: null, seatHoldId: 'hold-2' } },
        ]));
    it('refuses to submit at another site than the one whose seat was held (step 6 saved meanwhile)', () =>
      spec(draftDone)
        .when(as(submit(photoA, otherSite.siteCode)))
        .thenThrows('SITE_CHOICE_CHANGED'));
    it('refuses to submit in a category the catalog has stopped since the candidate started', () =>
      spec(draftDone)
        .when(as(submit(photoA, site.siteCode, { ...clinical, offered: false })))
        .thenThrows('CATEGORY_NOT_OFFERED', '请重新选择报考类别')); // a draft chooses another; nothing to give up
    it('refuses to submit when the category now requires what steps 4–5 did not choose', () => {
      const stricter = (requirements: Partial<CatalogCategory['requirements']>) => ({
        ...clinical,
        requirements: { ...clinical.requirements, ...requirements },
      });
      spec(draftDone)
        .when(as(submit(photoA, site.siteCode, stricter({ certificatesRequired: true }))))
        .thenThrows('REQUIREMENTS_CHANGED', '请回到第五步重新选择后再提交');
      // Step 4 may not help: the candidate may have no such education at all.
      spec(draftDone)
        .when(as(submit(photoA, site.siteCode, stricter({ minimumEducation: '硕士研究生' }))))
        .thenThrows('REQUIREMENTS_CHANGED', '如您有符合要求的教育经历，请回到第四步选择；如没有，请重新选择报考类别');
      spec(rejected)
        .when(as(submit(photoA, site.siteCode, { ...clinical, offered: false })))
        .thenThrows('CATEGORY_NOT_OFFERED', '请放弃本次报名后选择其他类别');
    });
    it('refuses to submit while a step’s copy of the profile is out of date (corrected on 个人信息 since)', () => {
      spec(rejected)
        .when(as(submit(photoA, site.siteCode, clinical, [2, 4])))
        .thenThrows('PROFILE_CHANGED', '第二步“核实基本情况”、第四步“选择教育经历和培训经历”');
      spec(draftDone)
        .when(as(submit(photoA, site.siteCode, clinical, [5])))
        .thenThrows('PROFILE_CHANGED');
    });
    it('refuses to submit before step 6', () =>
      spec(draftDone.slice(0, 5)).when(as(submit())).thenThrows('STEP_OUT_OF_ORDER', '请先完成第六步“选择考区及考点”'));
    it('refuses a repeated 提交 from a page that showed another site than the one submitted', () =>
      spec(submitted)
        .when(as(submit(photoA, otherSite.siteCode)))
        .thenThrows('SITE_CHOICE_CHANGED'));
    it('keeps one enrollment when 提交 is repeated, even with another photo since', () =>
      spec(submitted)
        .when(as(submit(photoB)))
        .thenNothingHappens());
    it('refuses to submit after registration has closed', () =>
      spec(draftDone).when(as(submit(), afterClosing)).thenThrows('REGISTRATION_CLOSED'));
    it('lets a rejected enrollment be corrected and submitted again, with the photo of the resubmission', () => {
      spec(rejected)
        .when(as({ type: 'ConfirmBasicInfo', basicInfo: { ...basicInfo, fullName: '张叁' } }))
        .thenMatches((e) => expect(e).toHaveLength(1));
      spec(rejected)
        .when(as(submit(photoB)))
        .then([
          {
            type: 'EnrollmentSubmitted',
            data: {
              ...site,
              attempt: 1,
              photoSha256: photoB,
              seatHoldId: 'hold-2',
              // The seat of the first submission, to give back once this one is written.
              previousSeat: { siteCode: '1101', seatHoldId: 'hold-1' },
            },
          },
        ]);
    });
  });

  describe('the submitted 证件照 (state)', () => {
    it('is recorded by the submission and kept through review, change of site, ticket and withdrawal', () => {
      const events: EnrollmentEvent[] = [
        ...submitted,
        { type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '' } },
        { type: 'ExamSiteChanged', data: { ...otherSite, fromSiteCode: '1101' } },
        { type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1102' } },
      ];
      for (let n = submitted.length; n <= events.length; n++)
        expect(fold(events.slice(0, n)).submittedPhotoSha256).toBe(photoA);
    });
    it('is replaced by a resubmission and forgotten by a new start', () => {
      const resubmitted: EnrollmentEvent[] = [
        ...rejected,
        { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: photoB } },
      ];
      expect(fold(resubmitted).submittedPhotoSha256).toBe(photoB);
      const restarted: EnrollmentEvent[] = [
        ...resubmitted,
        { type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1101' } },
        { type: 'EnrollmentStarted', data: { ...started.data, attempt: 2 } } as EnrollmentEvent,
      ];
      expect(fold(restarted).submittedPhotoSha256).toBeUndefined();
    });
    it('is null when submitted without one, and unrecorded for a submission written before photos were', () => {
      const without: EnrollmentEvent[] = [
        ...draftDone,
        { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: null } },
      ];
      expect(fold(without).submittedPhotoSha256).toBeNull();
      const older: EnrollmentEvent[] = [...draftDone, { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1 } }];
      expect(fold(older)).toMatchObject({ status: 'submitted', seatSiteCode: '1101' });
      expect(fold(older).submittedPhotoSha256).toBeUndefined();
    });
  });

  describe('change of site and withdrawal', () => {
    const change: CandidateCommand = {
      type: 'ChangeExamSite',
      choice: otherSite,
      seatHoldId: 'hold-3',
      siteOpen: true,
    };
    const holds = { seatHoldId: 'hold-3', fromSeatHoldId: 'hold-1' };
    it('changes the site before the deadline, naming the hold on the new seat and the one given back', () =>
      spec(submitted)
        .when(as(change))
        .then([{ type: 'ExamSiteChanged', data: { ...otherSite, fromSiteCode: '1101', ...holds } }]));
    it('follows the hold on the seat through submission, change of site and withdrawal', () => {
      const changed: EnrollmentEvent[] = [
        ...submitted,
        { type: 'ExamSiteChanged', data: { ...otherSite, fromSiteCode: '1101', ...holds } },
      ];
      expect(fold(submitted)).toMatchObject({ seatSiteCode: '1101', seatHoldId: 'hold-1' });
      expect(fold(changed)).toMatchObject({ seatSiteCode: '1102', seatHoldId: 'hold-3' });
      spec(changed)
        .when(as({ type: 'WithdrawEnrollment' }))
        .then([{ type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1102', seatHoldId: 'hold-3' } }]);
      expect(fold(withdrawn)).toMatchObject({ seatSiteCode: null, seatHoldId: null });
      // Submitted before holds were named: the hold ''.
      const older: EnrollmentEvent[] = [...draftDone, { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1 } }];
      expect(fold(older)).toMatchObject({ seatSiteCode: '1101', seatHoldId: '' });
    });
    it('refuses a move to the same site as any other move would be refused, before it answers that nothing changed', () => {
      const same = { ...change, choice: site };
      const ticketed: EnrollmentEvent[] = [
        ...approved,
        {
          type: 'AdmissionTicketIssued',
          data: { ticketNumber: '2711011100013', siteCode: '1101', room: 1, seat: 1, staffId: 'staff-7' },
        },
      ];
      spec(rejected).when(as(same)).thenThrows('REJECTED_RESUBMIT');
      spec(ticketed).when(as(same)).thenThrows('TICKET_ALREADY_ISSUED');
      spec(submitted).when(as(same, afterDeadline)).thenThrows('DEADLINE_PASSED');
      spec(rejected)
        .when(as({ ...same, note: '调整', scope: 'all' }, afterDeadline, staff))
        .thenThrows('REJECTED_RESUBMIT');
      spec(ticketed)
        .when(as({ ...same, note: '调整', scope: 'all' }, afterDeadline, staff))
        .thenThrows('TICKET_ALREADY_ISSUED');
    });
    it('tells staff a move to the site the enrollment is at changes nothing; the candidate’s own is no change', () => {
      const same = { ...change, choice: site };
      spec(submitted)
        .when(as({ ...same, note: '调整', scope: 'all' }, afterDeadline, staff))
        .thenThrows('SAME_SITE');
      spec(submitted).when(as(same)).then([]);
    });
    it('refuses a change after the deadline', () =>
      spec(submitted).when(as(change, afterDeadline)).thenThrows('DEADLINE_PASSED'));
    it('lets staff change the site after the deadline', () =>
      spec(submitted)
        .when(as(change, afterDeadline, staff))
        .thenMatches((e) => expect(e[0].type).toBe('ExamSiteChanged')));
    it('lets staff move or withdraw only within their scope, the seat’s site and the new one', () => {
      const moving = { ...change, note: '考点停用' };
      spec(submitted)
        .when(as({ ...moving, scope: { siteCode: '1101' } }, afterDeadline, staff))
        .thenThrows('OUT_OF_SCOPE'); // the new site 1102 is not theirs
      spec(submitted)
        .when(as({ ...moving, scope: { areaCode: '44' } }, afterDeadline, staff))
        .thenThrows('OUT_OF_SCOPE');
      spec(submitted)
        .when(as({ ...moving, scope: { areaCode: '11' } }, afterDeadline, staff))
        .thenMatches((e) => expect(e[0].type).toBe('ExamSiteChanged'));
      spec(submitted)
        .when(
          as({ type: 'WithdrawEnrollment', note: '考生书面申请', scope: { siteCode: '1102' } }, afterDeadline, staff),
        )
        .thenThrows('OUT_OF_SCOPE');
      spec(submitted)
        .when(
          as({ type: 'WithdrawEnrollment', note: '考生书面申请', scope: { siteCode: '1101' } }, afterDeadline, staff),
        )
        .thenMatches((e) => expect(e[0].type).toBe('EnrollmentWithdrawn'));
    });
    it('records why staff changed the site or withdrew, after the deadline too', () => {
      spec(submitted)
        .when(as({ ...change, note: '考点停用，统一调整' }, afterDeadline, staff))
        .then([
          {
            type: 'ExamSiteChanged',
            data: { ...otherSite, fromSiteCode: '1101', ...holds, note: '考点停用，统一调整' },
          },
        ]);
      spec(submitted)
        .when(as({ type: 'WithdrawEnrollment', note: '考生书面申请' }, afterDeadline, staff))
        .then([
          {
            type: 'EnrollmentWithdrawn',
            data: { attempt: 1, siteCode: '1101', seatHoldId: 'hold-1', note: '考生书面申请' },
          },
        ]);
    });
    it('changes nothing when the site is already the one held', () =>
      spec(submitted)
        .when(as({ ...change, choice: site }))
        .thenNothingHappens());
    it('refuses a change before submission', () => spec(draftDone).when(as(change)).thenThrows('NOT_SUBMITTED'));
    it('refuses to move a rejected enrollment: it is corrected and submitted again', () =>
      spec(rejected).when(as(change)).thenThrows('REJECTED_RESUBMIT'));
    it('sends an approved enrollment back to review after a change', () => {
      const state = [
        ...approved,
        { type: 'ExamSiteChanged', data: { ...otherSite, fromSiteCode: '1101' } } as EnrollmentEvent,
      ].reduce(enrollmentDecider.evolve, enrollmentDecider.initialState());
      expect(state).toMatchObject({ status: 'submitted', seatSiteCode: '1102', decision: null });
    });
    it('withdraws before the deadline, naming the seat and the hold to release', () =>
      spec(submitted)
        .when(as({ type: 'WithdrawEnrollment' }))
        .then([{ type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1101', seatHoldId: 'hold-1' } }]));
    it('refuses a withdrawal after the deadline', () =>
      spec(submitted)
        .when(as({ type: 'WithdrawEnrollment' }, afterDeadline))
        .thenThrows('DEADLINE_PASSED'));
    it('changes nothing when withdrawing twice', () =>
      spec(withdrawn)
        .when(as({ type: 'WithdrawEnrollment' }))
        .thenNothingHappens());
    it('refuses to withdraw what was never started', () =>
      spec([])
        .when(as({ type: 'WithdrawEnrollment' }))
        .thenThrows('NOT_ENROLLED'));
  });

  describe('review and tickets (staff)', () => {
    it('does not approve a rejected enrollment whose candidate chose another site and has not resubmitted', () =>
      spec([...rejected, { type: 'ExamSiteChosen', data: otherSite }])
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all' }, afterDeadline, staff))
        .thenThrows('RESUBMISSION_PENDING'));
    it('does not approve a rejected enrollment whose candidate changed a step and has not resubmitted', () => {
      const corrected: EnrollmentEvent[] = [
        ...rejected,
        { type: 'BasicInfoConfirmed', data: { basicInfo: { ...basicInfo, phoneMasked: '139****0000' } } },
      ];
      expect(fold(corrected).changedSinceSubmission).toBe(true);
      spec(corrected)
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all' }, afterDeadline, staff))
        .thenThrows('RESUBMISSION_PENDING');
      const resubmitted: EnrollmentEvent[] = [
        ...corrected,
        { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: photoA } },
      ];
      expect(fold(resubmitted).changedSinceSubmission).toBe(false);
      spec(resubmitted)
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all' }, afterDeadline, staff))
        .then([{ type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '' } }]);
    });
    it('approves a rejected enrollment on second thought while its site is unchanged', () =>
      spec(rejected)
        .when(as({ type: 'ApproveEnrollment', reason: '复核通过', scope: 'all' }, afterDeadline, staff))
        .then([{ type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '复核通过' } }]));
    it('records who approved', () =>
      spec(submitted)
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all' }, afterDeadline, staff))
        .then([{ type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '' } }]));
    it('refuses review by a candidate', () =>
      spec(submitted)
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all' }))
        .thenThrows('STAFF_ONLY'));
    it('demands a reason for a rejection', () =>
      spec(submitted)
        .when(as({ type: 'RejectEnrollment', reason: '  ', scope: 'all' }, during, staff))
        .thenThrows('VALIDATION_FAILED'));
    it('takes a reason of characters that do not show as none, and records a reason without them', () => {
      spec(submitted)
        .when(as({ type: 'RejectEnrollment', reason: '\u200b\u200b\u200d', scope: 'all' }, during, staff))
        .thenThrows('VALIDATION_FAILED');
      spec(submitted)
        .when(as({ type: 'RejectEnrollment', reason: '\u202e学历\u200b证明不清晰 ', scope: 'all' }, during, staff))
        .then([{ type: 'EnrollmentRejected', data: { staffId: 'staff-7', reason: '学历证明不清晰' } }]);
      spec(submitted)
        .when(as({ type: 'ApproveEnrollment', reason: '\u202e材料齐全', scope: 'all' }, during, staff))
        .then([{ type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '材料齐全' } }]);
    });
    it('refuses a reason longer than 500 characters, on every path (the page’s as the API’s)', () =>
      spec(submitted)
        .when(as({ type: 'RejectEnrollment', reason: '理'.repeat(501), scope: 'all' }, during, staff))
        .thenThrows('VALIDATION_FAILED'));
    it('records who rejected and why', () =>
      spec(submitted)
        .when(as({ type: 'RejectEnrollment', reason: '学历证明不清晰', scope: 'all' }, during, staff))
        .then([{ type: 'EnrollmentRejected', data: { staffId: 'staff-7', reason: '学历证明不清晰' } }]));
    it('approves in a batch only what awaits review: one approved before, or rejected, is reported, not counted', () => {
      const inBatch = {
        type: 'ApproveEnrollment' as const,
        reason: '',
        scope: 'all' as const,
        awaitingReviewOnly: true,
      };
      spec(submitted)
        .when(as(inBatch, during, staff))
        .then([{ type: 'EnrollmentApproved', data: { staffId: 'staff-7', reason: '' } }]);
      spec(approved)
        .when(as(inBatch, during, staff))
        .thenThrows('NOT_AWAITING_REVIEW');
      spec(rejected)
        .when(as(inBatch, during, staff))
        .thenThrows('NOT_AWAITING_REVIEW');
      spec(draftDone)
        .when(as(inBatch, during, staff))
        .thenThrows('NOT_SUBMITTED');
    });
    it('refuses to review a draft', () =>
      spec(draftDone)
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all' }, during, staff))
        .thenThrows('NOT_SUBMITTED'));
    const ticket: StaffCommand = {
      type: 'IssueAdmissionTicket',
      ticketNumber: '2711011100013',
      siteCode: '1101',
      room: 1,
      seat: 1,
      scope: 'all',
    };
    it('issues a ticket to an approved enrollment', () =>
      spec(approved)
        .when(as(ticket, afterDeadline, staff))
        .then([
          {
            type: 'AdmissionTicketIssued',
            data: { ticketNumber: '2711011100013', siteCode: '1101', room: 1, seat: 1, staffId: 'staff-7' },
          },
        ]));
    it('neither approves nor tickets the enrollment of an account an identity case suspended', () => {
      spec(submitted)
        .when(as({ type: 'ApproveEnrollment', reason: '', scope: 'all', accountSuspended: true }, during, staff))
        .thenThrows('ACCOUNT_SUSPENDED', '证件争议');
      spec(approved)
        .when(as({ ...ticket, accountSuspended: true }, afterDeadline, staff))
        .thenThrows('ACCOUNT_SUSPENDED');
      // A rejection stays possible: the reason tells the candidate what to do.
      spec(submitted)
        .when(as({ type: 'RejectEnrollment', reason: '证件争议待核实', scope: 'all' }, during, staff))
        .then([{ type: 'EnrollmentRejected', data: { staffId: 'staff-7', reason: '证件争议待核实' } }]);
    });
    it('issues nothing twice', () => {
      const issued: EnrollmentEvent = {
        type: 'AdmissionTicketIssued',
        data: { ticketNumber: '2711011100013', siteCode: '1101', room: 1, seat: 1, staffId: 'staff-7' },
      };
      spec([...approved, issued])
        .when(as(ticket, afterDeadline, staff))
        .thenNothingHappens();
      spec([...approved, issued])
        .when(as({ ...ticket, ticketNumber: '2711011100021' }, afterDeadline, staff))
        .thenThrows('TICKET_ALREADY_ISSUED');
    });
    it('refuses a ticket whose number is of another category than the enrollment', () =>
      spec(approved)
        .when(as({ ...ticket, ticketNumber: '2711011200011' }, afterDeadline, staff))
        .thenThrows('CATEGORY_MISMATCH'));
    it('decides only within the staff member’s area or site, as the seat is when the command runs', () => {
      const reject = { type: 'RejectEnrollment' as const, reason: '学历证明不清晰' };
      spec(submitted)
        .when(as({ ...reject, scope: { areaCode: '44' } }, during, staff))
        .thenThrows('OUT_OF_SCOPE');
      spec(submitted)
        .when(as({ ...reject, scope: { siteCode: '1102' } }, during, staff))
        .thenThrows('OUT_OF_SCOPE');
      // An area's code is the first two digits of its sites' codes, not any prefix.
      spec(submitted)
        .when(as({ ...reject, scope: { areaCode: '1' } }, during, staff))
        .thenThrows('OUT_OF_SCOPE');
      spec(submitted)
        .when(as({ ...ticket, scope: { areaCode: '44' } }, afterDeadline, staff))
        .thenThrows('OUT_OF_SCOPE');
      spec(submitted)
        .when(as({ ...reject, scope: { areaCode: '11' } }, during, staff))
        .then([{ type: 'EnrollmentRejected', data: { staffId: 'staff-7', reason: '学历证明不清晰' } }]);
      spec(submitted)
        .when(as({ ...reject, scope: { siteCode: '1101' } }, during, staff))
        .then([{ type: 'EnrollmentRejected', data: { staffId: 'staff-7', reason: '学历证明不清晰' } }]);
    });
    it('refuses a ticket before approval', () =>
      spec(submitted)
        .when(as(ticket, afterDeadline, staff))
        .thenThrows('NOT_APPROVED'));
  });
});

// The 修改考点 and 放弃报考 pages ask these before showing their forms: the refusals the commands give.
describe('what the change pages ask before showing a form', () => {
  const at = (now: Date, actor = candidate) => ({ now, actor, windows });
  const code = (check: () => void) => {
    try {
      check();
      return null;
    } catch (error) {
      return (error as { code: string }).code;
    }
  };
  it('refuses a move before submission, after a rejection, past the deadline and once numbered', () => {
    expect(code(() => requireSiteChangeable(at(during), fold([])))).toBe('NOT_SUBMITTED');
    expect(code(() => requireSiteChangeable(at(during), fold(submitted)))).toBeNull();
    expect(code(() => requireSiteChangeable(at(afterDeadline), fold(submitted)))).toBe('DEADLINE_PASSED');
    expect(code(() => requireSiteChangeable(at(afterDeadline, staff), fold(submitted)))).toBeNull();
  });
  it('refuses a withdrawal with nothing to withdraw or past the deadline; one withdrawn is no refusal', () => {
    expect(code(() => requireWithdrawable(at(during), fold([])))).toBe('NOT_ENROLLED');
    expect(code(() => requireWithdrawable(at(afterDeadline), fold(submitted)))).toBe('DEADLINE_PASSED');
    expect(code(() => requireWithdrawable(at(during), fold(submitted)))).toBeNull();
  });
});
