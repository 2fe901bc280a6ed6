import { DocumentTokenSigner } from '../documents/document-token';
import { documentClaims, documentVersion } from '../documents/document-version';
import type { DocumentModel } from '../documents/document-models';
import type { PrintableEnrollment } from '../documents/enrollment-documents.port';
import { sampleAdmissionTicket, sampleRegistrationForm } from '../testing/document-fixtures';
import { DocumentVerifier, maskName } from './document-verifier';

const signer = new DocumentTokenSigner('verify-key-0123456789abcdef0123456789');
const now = new Date('2027-08-10T00:00:00Z');
const form = sampleRegistrationForm();
const ticket = sampleAdmissionTicket();

function tokenFor(model: DocumentModel, key = signer): string {
  return key.sign(documentClaims(model));
}

function verifierWith(enrollment: Partial<PrintableEnrollment> | undefined): DocumentVerifier {
  const stored = enrollment && {
    enrollmentId: form.enrollmentId,
    candidateId: 'c1',
    areaCode: '11',
    siteCode: '1101',
    withdrawn: false,
    form,
    ticket,
    ...enrollment,
  };
  return new DocumentVerifier(signer, {
    findEnrollment: async (id) => (stored && id === stored.enrollmentId ? stored : undefined),
  });
}

describe('verifying a printed document by its QR token', () => {
  it('confirms a current ticket as genuine and shows only masked, printed data', async () => {
    const result = await verifierWith({}).verify(tokenFor(ticket), now);
    expect(result).toEqual({
      outcome: 'genuine',
      kind: 'admission-ticket',
      summary: {
        title: '准考证',
        sessionName: '2027年医师资格考试',
        candidateName: '吉**',
        idNumberMasked: '110108********012X',
        categoryName: '临床执业医师',
        ticketNumber: '271101110000123',
        siteName: '海淀区考点（北京大学医学部）',
        issuedAt: '2027-08-01T00:00:00.000Z',
      },
    });
  });

  it('calls the ticket of a withdrawn enrollment revoked (已作废)', async () => {
    const result = await verifierWith({ withdrawn: true }).verify(tokenFor(ticket), now);
    expect(result.outcome).toBe('revoked');
    expect(result.summary?.ticketNumber).toBeUndefined();
  });

  it('says a newer version exists when the form was changed after printing', async () => {
    const changed = sampleRegistrationForm({
      site: { code: '1102', name: '朝阳区考点' },
      asOf: '2027-02-01T00:00:00Z',
    });
    const result = await verifierWith({ form: changed }).verify(tokenFor(form), now);
    expect(result.outcome).toBe('superseded');
    expect(result.kind).toBe('registration-form');
    expect(result.summary).toMatchObject({ candidateName: '吉**', categoryName: undefined, siteName: undefined });
  });

  it('confirms a form printed after 提交 as genuine once staff approved it, saying the status of now', async () => {
    const approved = sampleRegistrationForm({
      status: { code: 'approved', label: '审核通过' },
      asOf: '2027-03-01T00:00:00Z',
    });
    const result = await verifierWith({ form: approved }).verify(tokenFor(form), now);
    expect(result.outcome).toBe('genuine');
    expect(result.summary?.statusNow).toBe('审核通过');
  });

  it('confirms a paper whose token carries the whole model’s version (printed before the status was left out)', async () => {
    const older = signer.sign({ ...documentClaims(form), version: documentVersion(form) });
    expect((await verifierWith({}).verify(older, now)).outcome).toBe('genuine');
  });

  it('confirms a form printed with the full ID number as genuine, and still shows the number masked', async () => {
    const printed = sampleRegistrationForm({ candidate: { ...form.candidate, idNumber: '11010819980307012X' } });
    const result = await verifierWith({}).verify(tokenFor(printed), now);
    expect(result.outcome).toBe('genuine');
    expect(result.summary?.idNumberMasked).toBe('110108********012X');
    expect(JSON.stringify(result)).not.toContain('11010819980307012X');
  });

  it('confirms an unchanged form as genuine', async () => {
    expect((await verifierWith({}).verify(tokenFor(form), now)).outcome).toBe('genuine');
  });

  it('calls a forged token invalid and shows nothing', async () => {
    const forger = new DocumentTokenSigner('someone-elses-key-0123456789abcdef');
    expect(await verifierWith({}).verify(tokenFor(ticket, forger), now)).toEqual({ outcome: 'invalid' });
    expect(await verifierWith({}).verify('x'.repeat(20), now)).toEqual({ outcome: 'invalid' });
  });

  it('calls a genuine token past its expiry expired', async () => {
    expect(await verifierWith({}).verify(tokenFor(ticket), new Date('2027-10-01T00:00:00Z'))).toEqual({
      outcome: 'expired',
    });
  });

  it('calls a genuine token of an enrollment that no longer exists revoked', async () => {
    expect(await verifierWith(undefined).verify(tokenFor(ticket), now)).toEqual({
      outcome: 'revoked',
      kind: 'admission-ticket',
    });
  });
});

describe('masking names', () => {
  it('keeps the first character and counts rare characters once', () => {
    expect(maskName('吉𠮷䶮')).toBe('吉**');
    expect(maskName('王')).toBe('王');
    expect(maskName('Zhang San')).toBe('Z********');
  });
});
