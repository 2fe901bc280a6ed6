import type { INestApplicationContext } from '@nestjs/common';
import { CatalogReader } from '../../src/catalog/catalog-reader';
import { EnrollmentDecisions } from '../../src/enrollment/enrollment-decisions';
import { enrollmentStream } from '../../src/enrollment/enrollment.events';
import { EnrollmentSeats } from '../../src/enrollment/seats/enrollment-seats.service';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { documentVersion } from '../../src/printing/documents/document-version';
import { EnrollmentDocumentsLoader } from '../../src/printing/loading/enrollment-documents.loader';
import type { PhotoStore } from '../../src/profile/photo/photo-store';
import type { ProfileQueries } from '../../src/profile/view-profile/profile-queries';
import type { CommandContext } from '../../src/shared/messages';
import {
  candidateContext,
  profileOf,
  readyToSubmit,
  startEnrollmentContext,
  tempDir,
  writeTestSeed,
} from './enrollment-fixture';

/**
 * The documents print the 证件照 submitted with the enrollment (the one staff reviewed), not one
 * uploaded afterwards; a resubmission after a rejection takes the photo of that moment.
 */
describe('the 证件照 printed is the one submitted', () => {
  jest.setTimeout(60_000);
  const PHOTO_A = 'a'.repeat(64);
  const PHOTO_B = 'b'.repeat(64);
  /** Each candidate's current profile photo: what an upload on the 个人信息 page changes. */
  const currentPhoto = new Map<string, string>();
  let app: INestApplicationContext;
  let loader: EnrollmentDocumentsLoader;
  let remove: () => void;

  beforeAll(async () => {
    const temp = tempDir('enrollment-photo-');
    remove = temp.remove;
    app = await startEnrollmentContext(temp.dir, writeTestSeed(temp.dir, 300), {
      get: async (id) => ({ ...profileOf(id), photoSha256: currentPhoto.get(id) ?? null }),
    });
    // Printing's loader over the real streams and catalog; the profile and the photo files are stubs.
    const profiles = {
      get: async (id: string) => (currentPhoto.has(id) ? { photo: { sha256: currentPhoto.get(id) } } : null),
    } as unknown as ProfileQueries;
    const photos = {
      read: (sha256: string) => ([PHOTO_A, PHOTO_B].includes(sha256) ? Buffer.from(`jpeg ${sha256}`) : null),
    } as unknown as PhotoStore;
    loader = new EnrollmentDocumentsLoader(app.get(EVENT_STORE), app.get(CatalogReader), profiles, photos);
  });
  afterAll(async () => {
    await app.close();
    remove();
  });

  const staff: CommandContext = { actor: { id: 'staff-1', role: 'staff' }, correlationId: 'review', now: new Date() };
  const review = (id: string, command: Parameters<EnrollmentDecisions['execute']>[2]) =>
    app.get(EnrollmentDecisions).execute('2027', id, command, staff);

  const stepsDone = (id: string) => readyToSubmit(app, id, '1102');
  const submit = (id: string) => app.get(EnrollmentSeats).submit('2027', id, candidateContext(id));
  const approveAndIssue = async (id: string, ticketNumber: string) => {
    await review(id, { type: 'ApproveEnrollment', reason: '', scope: 'all' });
    await review(id, { type: 'IssueAdmissionTicket', ticketNumber, siteCode: '1102', room: 1, seat: 2, scope: 'all' });
  };
  const ticketOf = async (id: string) => (await loader.findEnrollment(`2027_${id}`))!.ticket!;

  it('a photo uploaded after submission changes neither the ticket’s photo nor its version', async () => {
    currentPhoto.set('photo-a', PHOTO_A);
    await stepsDone('photo-a');
    await submit('photo-a');
    await approveAndIssue('photo-a', '2711021100011');
    const before = await ticketOf('photo-a');
    expect(before.candidate.photoSha256).toBe(PHOTO_A);
    expect(before.candidate.photoDataUrl).toBe(
      `data:image/jpeg;base64,${Buffer.from(`jpeg ${PHOTO_A}`).toString('base64')}`,
    );

    currentPhoto.set('photo-a', PHOTO_B);
    const after = await ticketOf('photo-a');
    expect(after.candidate.photoSha256).toBe(PHOTO_A);
    expect(documentVersion(after)).toBe(documentVersion(before));
  });

  it('a resubmission after a rejection prints the photo of the resubmission', async () => {
    currentPhoto.set('photo-b', PHOTO_A);
    await stepsDone('photo-b');
    await submit('photo-b');
    const rejectedForm = (await loader.findEnrollment('2027_photo-b'))!.form;
    await review('photo-b', { type: 'RejectEnrollment', reason: '照片不符合要求', scope: 'all' });
    currentPhoto.set('photo-b', PHOTO_B);
    await submit('photo-b');
    await approveAndIssue('photo-b', '2711021100029');
    const ticket = await ticketOf('photo-b');
    expect(ticket.candidate.photoSha256).toBe(PHOTO_B);
    const form = (await loader.findEnrollment('2027_photo-b'))!.form;
    expect(form.candidate.photoSha256).toBe(PHOTO_B);
    expect(documentVersion(form)).not.toBe(documentVersion(rejectedForm));
  });

  it('an enrollment submitted without a photo keeps the glue-a-photo box after one is uploaded', async () => {
    await stepsDone('photo-none');
    await submit('photo-none');
    currentPhoto.set('photo-none', PHOTO_A);
    const { form } = (await loader.findEnrollment('2027_photo-none'))!;
    expect(form.candidate.photoSha256).toBeUndefined();
    expect(form.candidate.photoDataUrl).toBeUndefined();
  });

  it('a submission written before submissions recorded the photo prints the current profile photo', async () => {
    await stepsDone('photo-old');
    const store = app.get<EventStore>(EVENT_STORE);
    const stream = enrollmentStream('2027', 'photo-old');
    const site = (await app.get(EnrollmentDecisions).load('2027', 'photo-old')).site!;
    await store.append(
      stream,
      toNewEvents([{ type: 'EnrollmentSubmitted', data: { ...site, attempt: 1 } }], candidateContext('photo-old')),
      'any',
    );
    currentPhoto.set('photo-old', PHOTO_B);
    expect((await loader.findEnrollment('2027_photo-old'))!.form.candidate.photoSha256).toBe(PHOTO_B);
  });
});
