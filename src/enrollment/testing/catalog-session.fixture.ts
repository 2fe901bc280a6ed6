import type { CatalogSession } from '../../catalog/catalog.state';

/** A catalog session with only what the staff session choice reads: its code, name and opening. */
export const catalogSession = (sessionCode: string, registrationOpensAt: string): CatalogSession =>
  ({
    sessionCode,
    name: `${sessionCode}年医师资格考试`,
    year: 2027,
    windows: { registrationOpensAt },
  }) as CatalogSession;
