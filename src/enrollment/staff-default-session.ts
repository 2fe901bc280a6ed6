import { Injectable } from '@nestjs/common';
import { CatalogQueries } from '../catalog/catalog-queries';
import type { CatalogSession } from '../catalog/catalog.state';

/** The seeded session's code: what staff see while the catalog holds no session at all. */
export const SEEDED_SESSION = '2027';

/**
 * The session staff work on when they name none: the one whose registration opened most recently
 * (staff review last year's until this year's opens), else the next to open.
 */
export function defaultStaffSession(sessions: CatalogSession[], now: Date): string {
  // Instants, not text: the catalog accepts any offset (…Z, …+08:00).
  const opensAt = (session: CatalogSession) => Date.parse(session.windows.registrationOpensAt);
  const byOpening = [...sessions].sort((a, b) => opensAt(a) - opensAt(b));
  const opened = byOpening.filter((session) => opensAt(session) <= now.getTime());
  return (opened.at(-1) ?? byOpening[0])?.sessionCode ?? SEEDED_SESSION;
}

/** The same default for the staff API, so that a list, an export and a page agree on it. */
@Injectable()
export class StaffDefaultSession {
  constructor(private readonly catalogs: CatalogQueries) {}

  /** The session asked for, or the default one when none is. */
  async or(asked: string | undefined): Promise<string> {
    if (asked) return asked;
    const views = await this.catalogs.listSessions();
    return defaultStaffSession(
      views.map((view) => view.session),
      new Date(),
    );
  }
}
