import { Inject, Injectable } from '@nestjs/common';
import { CatalogReader } from '../catalog/catalog-reader';
import type { CatalogCategory } from '../catalog/catalog.state';
import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from './candidate-profile/enrollment-profiles.port';
import { highestEducation, meetsMinimum } from './enrollment-rules';

/** The categories a candidate may choose: offered, within their education, matching the search. */
@Injectable()
export class EnrollmentCatalogView {
  constructor(
    private readonly catalogs: CatalogReader,
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
  ) {}

  async openCategories(sessionCode: string, candidateId: string, search?: string): Promise<CatalogCategory[]> {
    const [catalog, profile] = await Promise.all([
      this.catalogs.loadScheduled(sessionCode),
      this.profiles.get(candidateId),
    ]);
    const level = highestEducation(profile?.education.map((entry) => entry.degree) ?? []);
    // Typed with a Chinese IME, １１０ is 110; spaces are no part of a code or name. Names are folded
    // the same way, so a name's own full-width brackets or commas are still found.
    const folded = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
    const needle = folded(search ?? '');
    return Object.values(catalog.categories)
      .filter((category) => category.offered && meetsMinimum(level, category.requirements.minimumEducation))
      .filter((category) => !needle || category.code.includes(needle) || folded(category.name).includes(needle))
      .sort((a, b) => a.code.localeCompare(b.code));
  }
}
