import type { CatalogEvent } from '../../catalog/catalog.events';
import { evolveCatalog, initialCatalogState } from '../../catalog/catalog.state';
import type { EnrollmentEvent } from '../../enrollment/enrollment.events';
import type { RecordedEvent } from '../../shared/messages';
import type { Principal } from '../../infrastructure/http/principal';
import { mayPrint } from '../access/document-access';
import { documentVersion } from '../documents/document-version';
import { buildPrintableEnrollment, submittedPhotoOf } from './printable-enrollment.builder';

const windows = {
  registrationOpensAt: '2026-11-15T08:00:00+08:00',
  registrationClosesAt: '2027-02-28T17:00:00+08:00',
  withdrawalDeadline: '2027-02-28T17:00:00+08:00',
  ticketPrintingOpensAt: '2027-05-25T08:00:00+08:00',
  ticketPrintingClosesAt: '2027-08-22T12:00:00+08:00',
  examDates: ['2027-08-21'],
};
const catalog = (
  [
    { type: 'ExamSessionScheduled', data: { sessionCode: '2027', name: '2027年医师资格考试', year: 2027, ...windows } },
    { type: 'ExamAreaOpened', data: { sessionCode: '2027', code: '11', name: '北京市' } },
    {
      type: 'ExamSiteOpened',
      data: {
        sessionCode: '2027',
        code: '1101',
        areaCode: '11',
        city: '北京',
        name: '海淀考点',
        address: '学院路38号',
        capacity: 300,
      },
    },
    { type: 'ExamAreaOpened', data: { sessionCode: '2027', code: '12', name: '天津市' } },
    {
      type: 'ExamSiteOpened',
      data: {
        sessionCode: '2027',
        code: '1201',
        areaCode: '12',
        city: '天津',
        name: '和平考点',
        address: '南京路1号',
        capacity: 300,
      },
    },
  ] as CatalogEvent[]
).reduce(evolveCatalog, initialCatalogState());

const ID = '2027_cand-1';
let revision = 0n;
function recorded(event: EnrollmentEvent, occurredAt: string): RecordedEvent<EnrollmentEvent> {
  revision++;
  return {
    id: `e${revision}`,
    streamId: `enrollment-${ID}`,
    type: event.type,
    data: event.data,
    revision,
    position: revision,
    recordedAt: occurredAt,
    metadata: {
      messageId: `e${revision}`,
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'cand-1', role: 'candidate' },
      occurredAt,
      schemaVersion: 1,
    },
  } as RecordedEvent<EnrollmentEvent>;
}

const photoA = { sha256: 'a'.repeat(64), dataUrl: 'data:image/jpeg;base64,/9j/AAAA' };
const photoB = { sha256: 'b'.repeat(64), dataUrl: 'data:image/jpeg;base64,/9j/BBBB' };
const site = { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '海淀考点' };
const submitted = [
  recorded(
    {
      type: 'EnrollmentStarted',
      data: {
        sessionCode: '2027',
        candidateId: 'cand-1',
        attempt: 1,
        pledgeVersion: 'v1',
        categoryCode: '110',
        categoryName: '临床执业医师',
        level: '执业医师',
      },
    },
    '2027-01-10T01:00:00.000Z',
  ),
  recorded(
    {
      type: 'BasicInfoConfirmed',
      data: {
        basicInfo: {
          fullName: '刘䶮',
          gender: '男',
          birthDate: '1990-01-01',
          idType: '居民身份证',
          idNumberMasked: '1101**********1234',
          phoneMasked: '139****0000',
          address: '北京市\u202e东城区\u200b', // copied before the profile dropped what does not show
          postcode: '100010',
        },
      },
    },
    '2027-01-10T01:01:00.000Z',
  ),
  recorded(
    { type: 'EmploymentConfirmed', data: { employment: { status: '在职', employer: '北京医院', employerId: 'h1' } } },
    '2027-01-10T01:02:00.000Z',
  ),
  recorded(
    {
      type: 'QualificationsSelected',
      data: {
        education: [
          { id: 'ed1', school: '首都医科大学', major: '临床医学', degree: '本科', from: '2008-09', to: '2013-07' },
          {
            id: 'ed2',
            school: '北京大学医学部',
            major: '内科学',
            degree: '硕士研究生',
            academicDegree: '硕士',
            studyForm: '全日制',
            from: '2013-09',
            to: '2016-07',
          },
        ],
        training: [],
      },
    },
    '2027-01-10T01:03:00.000Z',
  ),
  recorded({ type: 'CertificatesSelected', data: { certificates: [] } }, '2027-01-10T01:04:00.000Z'),
  recorded({ type: 'ExamSiteChosen', data: site }, '2027-01-10T01:05:00.000Z'),
  recorded(
    { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256: photoA.sha256 } },
    '2027-01-10T01:06:00.000Z',
  ),
];
const ticketIssued = recorded(
  {
    type: 'AdmissionTicketIssued',
    data: { ticketNumber: '271101110000007', siteCode: '1101', room: 3, seat: 7, staffId: 'staff-1' },
  },
  '2027-05-20T00:00:00.000Z',
);

describe('an enrollment stream made printable', () => {
  it('prints what the candidate confirmed, with the times of the pledge and the submission', () => {
    const printable = buildPrintableEnrollment(ID, submitted, catalog);
    expect(printable).toMatchObject({
      candidateId: 'cand-1',
      areaCode: '11',
      siteCode: '1101',
      withdrawn: false,
      ticket: undefined,
    });
    expect(printable?.form).toMatchObject({
      session: { code: '2027', name: '2027年医师资格考试' },
      candidate: { name: '刘䶮', idNumberMasked: '1101**********1234' },
      contact: { phone: '139****0000', address: '北京市东城区', postcode: '100010' },
      employment: { status: '在职', employer: '北京医院' },
      // 学历/学位: an entry copied before 学位 was copied shows its 学历 alone.
      education: [
        { school: '首都医科大学', major: '临床医学', degree: '本科', from: '2008-09', to: '2013-07' },
        { school: '北京大学医学部', major: '内科学', degree: '硕士研究生/硕士', from: '2013-09', to: '2016-07' },
      ],
      pledge: { version: 'v1', acceptedAt: '2027-01-10T01:00:00.000Z' },
      status: { code: 'submitted', label: '已提交，待审核' },
      submittedAt: '2027-01-10T01:06:00.000Z',
      asOf: '2027-01-10T01:06:00.000Z',
    });
    expect(printable?.ticketPrintWindow).toEqual({
      opensAt: windows.ticketPrintingOpensAt,
      closesAt: windows.ticketPrintingClosesAt,
    });
  });

  it('adds the admission ticket once issued, with the site address and the exam day units', () => {
    const printable = buildPrintableEnrollment(ID, [...submitted, ticketIssued], catalog, photoA);
    expect(printable?.form.candidate).toMatchObject({ photoDataUrl: photoA.dataUrl, photoSha256: photoA.sha256 });
    expect(printable?.ticket).toMatchObject({
      ticketNumber: '271101110000007',
      candidate: { name: '刘䶮', photoDataUrl: photoA.dataUrl, photoSha256: photoA.sha256 },
      site: { code: '1101', name: '海淀考点', address: '学院路38号' },
      area: { code: '11', name: '北京市' },
      room: '003',
      seat: '07',
      issuedAt: '2027-05-20T00:00:00.000Z',
      sittings: [
        { subject: '08月21日上午', startsAt: '2027-08-21T01:00:00.000Z', endsAt: '2027-08-21T03:30:00.000Z' },
        { subject: '08月21日下午', startsAt: '2027-08-21T06:00:00.000Z', endsAt: '2027-08-21T08:30:00.000Z' },
      ],
    });
  });

  it('keeps the form version when nothing it shows changed, and marks a withdrawal', () => {
    const before = buildPrintableEnrollment(ID, submitted, catalog);
    const withTicket = buildPrintableEnrollment(ID, [...submitted, ticketIssued], catalog);
    expect(documentVersion(withTicket!.form)).toBe(documentVersion(before!.form));
    const withdrawn = buildPrintableEnrollment(
      ID,
      [
        ...submitted,
        ticketIssued,
        recorded({ type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1101' } }, '2027-02-01T00:00:00.000Z'),
      ],
      catalog,
    );
    expect(withdrawn?.withdrawn).toBe(true);
    expect(withdrawn?.form.status.label).toBe('已放弃报考');
    expect(documentVersion(withdrawn!.form)).not.toBe(documentVersion(before!.form));
  });

  it('prints and files a rejected enrollment at its seat’s site while another step-6 choice is not resubmitted', () => {
    const tianjin = { areaCode: '12', areaName: '天津市', siteCode: '1201', siteName: '和平考点' };
    const rejectedThenChoseTianjin = [
      ...submitted,
      recorded(
        { type: 'EnrollmentRejected', data: { staffId: 's', reason: '照片不清晰' } },
        '2027-02-01T00:00:00.000Z',
      ),
      recorded({ type: 'ExamSiteChosen', data: tianjin }, '2027-02-02T00:00:00.000Z'),
    ];
    const printable = buildPrintableEnrollment(ID, rejectedThenChoseTianjin, catalog)!;
    expect(printable).toMatchObject({ areaCode: '11', siteCode: '1101' });
    expect(printable.form).toMatchObject({
      area: { code: '11', name: '北京市' },
      site: { code: '1101', name: '海淀考点' },
    });
    const staffOf = (scope: Principal['scope']): Principal => ({
      role: 'staff',
      id: 's',
      username: 's',
      scope,
      sessionId: 'x',
    });
    expect(mayPrint(staffOf({ siteCode: '1101' }), printable)).toBe(true);
    expect(mayPrint(staffOf({ areaCode: '11' }), printable)).toBe(true);
    expect(mayPrint(staffOf({ siteCode: '1201' }), printable)).toBe(false);
    expect(mayPrint(staffOf({ areaCode: '12' }), printable)).toBe(false);

    // Withdrawn with the choice still unsent, it stays filed where its seat was.
    const withdrawn = buildPrintableEnrollment(
      ID,
      [
        ...rejectedThenChoseTianjin,
        recorded({ type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1101' } }, '2027-02-03T00:00:00.000Z'),
      ],
      catalog,
    )!;
    expect(withdrawn).toMatchObject({ withdrawn: true, areaCode: '11', siteCode: '1101' });
    expect(withdrawn.form.site).toEqual({ code: '1101', name: '海淀考点' });
    expect(mayPrint(staffOf({ siteCode: '1101' }), withdrawn)).toBe(true);
    expect(mayPrint(staffOf({ siteCode: '1201' }), withdrawn)).toBe(false);
  });

  it('does not print an earlier attempt’s submission time on a later attempt withdrawn before 提交', () => {
    const [started, ...steps] = submitted;
    const secondAttempt = [
      recorded(
        { type: 'EnrollmentStarted', data: { ...started.data, attempt: 2 } } as EnrollmentEvent,
        '2027-02-02T00:00:00.000Z',
      ),
      ...steps
        .slice(0, -1)
        .map((event) => ({ ...event, metadata: { ...event.metadata, occurredAt: '2027-02-02T00:01:00.000Z' } })),
    ];
    const printable = buildPrintableEnrollment(
      ID,
      [
        ...submitted,
        recorded({ type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1101' } }, '2027-02-01T00:00:00.000Z'),
        ...secondAttempt,
        recorded({ type: 'EnrollmentWithdrawn', data: { attempt: 2, siteCode: null } }, '2027-02-03T00:00:00.000Z'),
      ],
      catalog,
    )!;
    expect(printable.form.status.label).toBe('已放弃报考');
    expect(printable.form.submittedAt).toBeUndefined();
    expect(printable.form.pledge.acceptedAt).toBe('2027-02-02T00:00:00.000Z');
  });

  it('versions the documents by the photo printed: another photo, another version; the same, the same', () => {
    const events = [...submitted, ticketIssued];
    const withA = buildPrintableEnrollment(ID, events, catalog, photoA)!;
    const withB = buildPrintableEnrollment(ID, events, catalog, photoB)!;
    const without = buildPrintableEnrollment(ID, events, catalog)!;
    expect(documentVersion(buildPrintableEnrollment(ID, events, catalog, { ...photoA })!.ticket!)).toBe(
      documentVersion(withA.ticket!),
    );
    for (const kind of ['form', 'ticket'] as const) {
      const versions = new Set([withA, withB, without].map((printable) => documentVersion(printable[kind]!)));
      expect(versions.size).toBe(3);
    }
  });

  it('finds the photo the submission recorded: the latest submission’s, none, or unrecorded', () => {
    expect(submittedPhotoOf(submitted)).toBe(photoA.sha256);
    expect(submittedPhotoOf(submitted.slice(0, -1))).toBeUndefined(); // a draft: nothing submitted yet
    const at = '2027-02-01T00:00:00.000Z';
    const rejected = recorded({ type: 'EnrollmentRejected', data: { staffId: 's', reason: '照片不清晰' } }, at);
    const resubmit = (photoSha256?: string | null) =>
      recorded({ type: 'EnrollmentSubmitted', data: { ...site, attempt: 1, photoSha256 } }, at);
    expect(submittedPhotoOf([...submitted, rejected, resubmit(photoB.sha256)])).toBe(photoB.sha256);
    expect(submittedPhotoOf([...submitted, rejected, resubmit(null)])).toBeNull();
    // Written before submissions recorded the photo (no field): the loader falls back to the profile's.
    const older = recorded({ type: 'EnrollmentSubmitted', data: { ...site, attempt: 1 } }, at);
    expect(submittedPhotoOf([...submitted.slice(0, -1), older])).toBeUndefined();
  });

  it('has nothing to print before the steps are done or for an unknown session', () => {
    expect(buildPrintableEnrollment(ID, submitted.slice(0, 2), catalog)).toBeUndefined();
    expect(buildPrintableEnrollment(ID, submitted, initialCatalogState())).toBeUndefined();
    expect(buildPrintableEnrollment(ID, [], catalog)).toBeUndefined();
  });
});
