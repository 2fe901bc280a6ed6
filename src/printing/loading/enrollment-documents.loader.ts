import { Inject, Injectable } from '@nestjs/common';
import { CatalogReader } from '../../catalog/catalog-reader';
import { parseEnrollmentId } from '../../enrollment/enrollment-ids';
import { type EnrollmentEvent, enrollmentStream } from '../../enrollment/enrollment.events';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { PhotoStore } from '../../profile/photo/photo-store';
import { ProfileQueries } from '../../profile/view-profile/profile-queries';
import type { RecordedEvent } from '../../shared/messages';
import type { EnrollmentDocumentSource, PrintableEnrollment } from '../documents/enrollment-documents.port';
import { buildPrintableEnrollment } from './printable-enrollment.builder';

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
    const [catalog, photo] = await Promise.all([this.catalog.load(sessionCode), this.photoOf(candidateId)]);
    return buildPrintableEnrollment(enrollmentId, events as Array<RecordedEvent<EnrollmentEvent>>, catalog, photo);
  }

  /** The 证件照 from the candidate's profile; a new photo makes new document versions. */
  private async photoOf(candidateId: string): Promise<string | undefined> {
    const photo = (await this.profiles.get(candidateId))?.photo;
    const bytes = photo ? this.photos.read(photo.sha256) : null;
    return bytes ? `data:image/jpeg;base64,${bytes.toString('base64')}` : undefined;
  }
}
