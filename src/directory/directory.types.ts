/** The two directories: 工作单位 (employers: hospitals and health institutions) and 毕业学校 (schools). */
export const DIRECTORY_KINDS = ['employer', 'school'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

export const isDirectoryKind = (value: unknown): value is DirectoryKind =>
  typeof value === 'string' && (DIRECTORY_KINDS as readonly string[]).includes(value);

export interface DirectoryEntry {
  name: string;
  /** Short province name (北京, 内蒙古 …), as in seed/directory/SOURCES.md. */
  province: string;
  /** Prefecture-level city (保定市 …); empty when the source gives none. */
  city: string;
  /** Schools: 本科 / 专科; employers: the grade when known. Often empty. */
  category: string;
}

/** How a hit matched, best first: the whole name or spelling, its start, a word inside it, any part. */
export type MatchKind = 'exact' | 'prefix' | 'word' | 'substring';

export interface DirectoryHit extends DirectoryEntry {
  match: MatchKind;
}
