/** What the verifier found wrong, naming the first event concerned. */
export type ChainProblemKind =
  | 'altered' // the event's content no longer matches its hash
  | 'removed' // an event is missing (a revision gap, a broken link, or a stream head a digest recorded)
  | 'reordered' // an event is genuine but not where it was written
  | 'unsigned' // an event without a hash: written around the chaining store
  | 'digestMismatch' // a signed digest disagrees with the log it covers
  | 'digestForged'; // a digest whose signature does not verify

export interface ChainProblem {
  kind: ChainProblemKind;
  streamId: string;
  /** The revision concerned (for 'removed': the first missing one). */
  revision: string | null;
  position: string | null;
  eventId: string | null;
  eventType: string | null;
  message: string;
}

export interface VerifyReport {
  scope: string;
  intact: boolean;
  eventsChecked: number;
  streamsChecked: number;
  digestsChecked: number;
  /** The first problem in the order checked (global order for the whole log), or null. */
  firstProblem: ChainProblem | null;
  /** Up to MAX_PROBLEMS problems; `problemCount` counts them all. */
  problems: ChainProblem[];
  problemCount: number;
  elapsedMs: number;
}

export const MAX_PROBLEMS = 50;
