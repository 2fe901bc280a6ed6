import { Inject, Injectable } from '@nestjs/common';
import { CatalogReader } from '../../catalog/catalog-reader';
import { parseEnrollmentId } from '../../enrollment/enrollment-ids';
import { type EnrollmentEvent, enrollmentStream } from '../../enrollment/enrollment.events';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { PhotoStore } from '../../profile/photo/photo-store';
import { ProfileQueries } from '../../profile/view-profile/profile-queries';
import type { RecordedEvent } from '../../shared/messages';
import type { EnrollmentDocumentSource, PrintableEnrollment } from '../documents/enrollment-documents.port';
import { buildPrintableEnrollment, type PrintedPhoto, submittedPhotoOf } from './printable-enrollment.builder';

/** Session codes hold no underscore; candidate ids are UUID-like. Anything else names nothing. */
const ENROLLMENT_ID = /^[A-Za-z0-9]{1,32}_[A-Za-z0-9-]{1,64}$/;

/**
 * Reads an enrollment's documents from its own stream and the session's catalog: the stream
 * holds the snapshots the candidate confirmed, so what is printed is exactly what was submitted,
 * and a document printed right after a change already shows it (no projection lag).
 */
@Injectable()
export class EnrollmentDocumentsLoader implements EnrollmentDocumentSource {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: CatalogReader,
    private readonly profiles: ProfileQueries,
    private readonly photos: PhotoStore,
  ) {}

  async findEnrollment(enrollmentId: string): Promise<PrintableEnrollment | undefined> {
    if (!ENROLLMENT_ID.test(enrollmentId)) return undefined;
    const { sessionCode, candidateId } = parseEnrollmentId(enrollmentId);
    const events = await this.store.readStream(enrollmentStream(sessionCode, candidateId));
    if (events.length === 0) return undefined;
    const enrollment = events as Array<RecordedEvent<EnrollmentEvent>>;
    const [catalog, photo] = await Promise.all([this.catalog.load(sessionCode), this.photoOf(candidateId, enrollment)]);
    return buildPrintableEnrollment(enrollmentId, enrollment, catalog, photo);
  }

  /**
   * The 证件照 submitted with the enrollment, so a photo uploaded later changes no document; the
   * profile's current one only where the stream records none (a draft, or an older submission).
   */
  private async photoOf(
    candidateId: string,
    events: Array<RecordedEvent<EnrollmentEvent>>,
  ): Promise<PrintedPhoto | undefined> {
    const submitted = submittedPhotoOf(events);
    const sha256 = submitted !== undefined ? submitted : (await this.profiles.get(candidateId))?.photo?.sha256;
    const bytes = sha256 ? this.photos.read(sha256) : null;
    // Without the file the paper shows the glue-a-photo box, and the model says so (no hash).
    return sha256 && bytes ? { sha256, dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}` } : undefined;
  }
}
