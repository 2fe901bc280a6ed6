import { eventRecorder, memoryCollections } from '../testing/memory-collections';
import { ENROLLMENT_TABLE_COLLECTION, enrollmentTableProjection } from './enrollment-table.projection';

const site = { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '东城区考点' };
const started = {
  sessionCode: '2027',
  candidateId: 'c1',
  attempt: 1,
  pledgeVersion: 'v1',
  categoryCode: '110',
  categoryName: '临床执业医师',
  level: '执业医师',
};

/** One candidate's enrollment stream, projected event by event into a fresh store. */
function enrollmentOf(candidateId: string) {
  const store = memoryCollections();
  const recorded = eventRecorder(`enrollment-2027_${candidateId}`);
  return {
    rows: () => store.docs(ENROLLMENT_TABLE_COLLECTION),
    row: () => store.docs(ENROLLMENT_TABLE_COLLECTION).get(`2027_${candidateId}`)?.doc,
    apply: async (type: string, data: object) => enrollmentTableProjection.apply(recorded(type, data), store),
  };
}

describe('enrollment-table projection', () => {
  it('keeps one row per enrollment with status, place, decision and times', async () => {
    const store = memoryCollections();
    const recorded = eventRecorder('enrollment-2027_c1');
    const events = [
      recorded('EnrollmentStarted', started, '2027-01-10T01:00:00.000Z'),
      recorded('BasicInfoConfirmed', {
        basicInfo: {
          fullName: '张三',
          gender: '男',
          birthDate: '1995-03-01',
          idType: '居民身份证',
          idNumberMasked: '110***1234',
        },
      }),
      recorded('ExamSiteChosen', site),
      recorded('EnrollmentSubmitted', { ...site, attempt: 1 }, '2027-01-10T03:00:00.000Z'),
      recorded('EnrollmentRejected', { staffId: 'staff-7', reason: '照片不清晰' }, '2027-01-11T03:00:00.000Z'),
    ];
    for (const event of events) await enrollmentTableProjection.apply(event, store);
    await enrollmentTableProjection.apply(events[3], store); // redelivered: changes nothing

    const row = store.docs(ENROLLMENT_TABLE_COLLECTION).get('2027_c1')?.doc;
    expect(row).toMatchObject({
      sessionCode: '2027',
      candidateId: 'c1',
      status: 'rejected',
      candidateName: '张三',
      categoryCode: '110',
      siteCode: '1101',
      submittedAt: '2027-01-10T03:00:00.000Z',
      decidedBy: 'staff-7',
      decisionReason: '照片不清晰',
    });
  });

  it('files a rejected enrollment under the site of its seat until the candidate resubmits at the new choice', async () => {
    const other = { areaCode: '11', areaName: '北京市', siteCode: '1102', siteName: '海淀区考点' };
    const { row, apply } = enrollmentOf('c2');
    await apply('EnrollmentStarted', { ...started, candidateId: 'c2' });
    await apply('ExamSiteChosen', site);
    expect(row()).toMatchObject({ siteCode: '1101', pendingSiteCode: '' }); // a draft: where it was chosen
    await apply('EnrollmentSubmitted', { ...site, attempt: 1 });
    await apply('EnrollmentRejected', { staffId: 'staff-7', reason: '照片不清晰' });
    await apply('ExamSiteChosen', other); // step 6 again, not resubmitted: the seat is still at 1101

    expect(row()).toMatchObject({
      status: 'rejected',
      siteCode: '1101',
      siteName: '东城区考点',
      pendingSiteCode: '1102',
      pendingSiteName: '海淀区考点',
    });

    await apply('EnrollmentSubmitted', { ...other, attempt: 1 });
    // Resubmitted: awaiting a new decision, the earlier one no longer shown as this row's; the
    // row names the stream revision it shows (5: its sixth event), which decisions are pinned to.
    expect(row()).toMatchObject({
      status: 'submitted',
      siteCode: '1102',
      pendingSiteCode: '',
      decidedBy: '',
      decisionReason: '',
      revision: 5,
    });
    await apply('ExamSiteChanged', { ...site, fromSiteCode: '1102' });
    expect(row()).toMatchObject({ siteCode: '1101', siteName: '东城区考点', pendingSiteCode: '' });
    await apply('EnrollmentWithdrawn', { attempt: 1, siteCode: '1101' });
    expect(row()).toMatchObject({ status: 'withdrawn', siteCode: '1101', seatSite: null });
  });

  it('keeps a withdrawn enrollment with the site whose seat it gave back, even with another site chosen', async () => {
    const far = { areaCode: '22', areaName: '吉林省', siteCode: '2201', siteName: '长春市考点' };
    const { row, apply } = enrollmentOf('c3');
    await apply('EnrollmentStarted', { ...started, candidateId: 'c3' });
    await apply('ExamSiteChosen', site);
    await apply('EnrollmentSubmitted', { ...site, attempt: 1 });
    await apply('EnrollmentRejected', { staffId: 'staff-7', reason: '照片不清晰' });
    await apply('ExamSiteChosen', far);
    await apply('EnrollmentWithdrawn', { attempt: 1, siteCode: '1101' });
    expect(row()).toMatchObject({ status: 'withdrawn', areaCode: '11', siteCode: '1101', pendingSiteCode: '' });
  });

  it('clears the decision and the ticket on withdrawal, the folded state keeping them as history', async () => {
    const { row, apply } = enrollmentOf('c5');
    await apply('EnrollmentStarted', { ...started, candidateId: 'c5' });
    await apply('ExamSiteChosen', site);
    await apply('EnrollmentSubmitted', { ...site, attempt: 1 });
    await apply('EnrollmentApproved', { staffId: 'staff-7', reason: '材料齐全' });
    await apply('AdmissionTicketIssued', {
      ticketNumber: '271101110000001',
      siteCode: '1101',
      room: 1,
      seat: 1,
      staffId: 'staff-7',
    });
    expect(row()).toMatchObject({ decidedBy: 'staff-7', decisionReason: '材料齐全', ticketNumber: '271101110000001' });
    await apply('EnrollmentWithdrawn', { attempt: 1, siteCode: '1101' });
    expect(row()).toMatchObject({
      status: 'withdrawn',
      decidedAt: '',
      decidedBy: '',
      decisionReason: '',
      ticketNumber: '',
      room: null,
      seat: null,
      state: { decision: { outcome: 'approved' }, ticket: { ticketNumber: '271101110000001' } },
    });
  });

  it('files a row written before the seat was recorded at its seat from the next event on', async () => {
    const { rows, apply } = enrollmentOf('c4');
    await apply('EnrollmentStarted', { ...started, candidateId: 'c4' });
    await apply('ExamSiteChosen', site);
    await apply('EnrollmentSubmitted', { ...site, attempt: 1 });
    const old = rows().get('2027_c4')!.doc as Record<string, unknown>;
    delete old.seatSite; // as the projection wrote it before
    await apply('EnrollmentRejected', { staffId: 'staff-7', reason: '照片不清晰' });
    await apply('ExamSiteChosen', { areaCode: '11', areaName: '北京市', siteCode: '1102', siteName: '海淀区考点' });
    expect(rows().get('2027_c4')?.doc).toMatchObject({ siteCode: '1101', pendingSiteCode: '1102' });
  });
});
