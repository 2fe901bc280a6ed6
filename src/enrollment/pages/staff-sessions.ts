import type { CatalogSession } from '../../catalog/catalog.state';
import { DEFAULT_SESSION } from '../staff-review/staff-review.api.controller';

/**
 * The session staff pages show when the URL names none: the one whose registration opened most
 * recently (staff review last year's until this year's opens), else the next to open; the
 * seeded default when the catalog has no session at all.
 */
export function defaultStaffSession(sessions: CatalogSession[], now: Date): string {
  // Instants, not text: the catalog accepts any offset (…Z, …+08:00).
  const opensAt = (session: CatalogSession) => Date.parse(session.windows.registrationOpensAt);
  const byOpening = [...sessions].sort((a, b) => opensAt(a) - opensAt(b));
  const opened = byOpening.filter((session) => opensAt(session) <= now.getTime());
  return (opened.at(-1) ?? byOpening[0])?.sessionCode ?? DEFAULT_SESSION;
}

/** The session selector's options, newest code first; a code the catalog lacks is shown as such. */
export function staffSessionOptions(sessions: CatalogSession[], shown: string) {
  const options = sessions
    .map((session) => ({ value: session.sessionCode, label: `${session.name}（${session.sessionCode}）` }))
    .sort((a, b) => b.value.localeCompare(a.value));
  if (!options.some((option) => option.value === shown))
    options.unshift({ value: shown, label: `${shown}（目录中没有此考试）` });
  return options;
}
