import type { RecordedEvent } from '../../../shared/messages';
import type { EventStore } from '../event-store.port';
import { type HeadAnchor, readHeadAnchor, signHeadAnchor, writeHeadAnchor } from './head-anchor';
import { digestSignature, DIGEST_STREAM, isDigest } from './log-digest';

/**
 * Events read per query while counting. The writer runs on the request thread; between batches it
 * lets requests run, so a second of peak appends costs them a few short pauses, not one long one.
 */
const DEFAULT_BATCH = 200;
const letRequestsRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Where the anchor stands: the newest event anchored and how many events the log held through it. */
interface AnchorState {
  position: bigint;
  count: number;
  streamId: string;
  revision: bigint;
  hash: string;
}

export type AnchorOutcome = 'written' | 'unchanged' | 'diverged';

/**
 * Moves the head anchor forward to the log's newest event. Counting goes on from the anchor (or
 * from the last signed digest, whose count the verifier checks), reading only the new events.
 * It never moves an anchor whose event is no longer in the log as anchored ('diverged'): that
 * anchor is the evidence the verifier reports, and new events must not paper over it.
 */
export class HeadAnchorWriter {
  private state: AnchorState | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly key: string,
    private readonly file: string,
    private readonly batch = DEFAULT_BATCH,
  ) {}

  async update(now: Date = new Date()): Promise<AnchorOutcome> {
    const base = this.newest(this.state, this.fromFile()) ?? (await this.fromLastDigest());
    const head = await this.store.headPosition();
    if (head < base.position || !(await this.stillThere(base))) return 'diverged';
    const next = { ...base };
    while (head > next.position) {
      if (next.position > base.position) await letRequestsRun();
      const events = await this.store.readAll({ after: next.position, maxCount: this.batch });
      if (events.length === 0) break;
      next.count += events.length;
      this.moveTo(next, events[events.length - 1]);
    }
    this.state = next;
    if (next.position === 0n) return 'unchanged'; // an empty log: nothing to anchor yet
    // Already on file (or further: another process); a missing file is written again.
    const onFile = this.fromFile();
    if (onFile && onFile.position >= next.position) return 'unchanged';
    writeHeadAnchor(
      this.file,
      signHeadAnchor(this.key, {
        position: next.position.toString(),
        count: next.count,
        streamId: next.streamId,
        revision: next.revision.toString(),
        hash: next.hash,
        writtenAt: now.toISOString(),
      }),
    );
    return 'written';
  }

  /** The anchored event is still in the log, unchanged (nothing was deleted or replaced at the head). */
  private async stillThere(state: AnchorState): Promise<boolean> {
    if (state.position === 0n) return true;
    const [event] = await this.store.readAll({ after: state.position - 1n, maxCount: 1 });
    return event !== undefined && event.position === state.position && hashOf(event) === state.hash;
  }

  private fromFile(): AnchorState | undefined {
    const stored = readHeadAnchor(this.file, this.key);
    return stored.kind === 'valid' ? stateOf(stored.anchor) : undefined;
  }

  /** No anchor yet: start from the last signed digest (or the empty log) and count from there. */
  private async fromLastDigest(): Promise<AnchorState> {
    const empty = { position: 0n, count: 0, streamId: '', revision: -1n, hash: '' };
    const [last] = await this.store.readStream(DIGEST_STREAM, { direction: 'backwards', maxCount: 1 });
    if (!last || !isDigest(last)) return empty;
    const { signature, ...signed } = last.data;
    if (digestSignature(this.key, signed) !== signature) return empty;
    const through = BigInt(last.data.throughPosition);
    const [event] = await this.store.readAll({ after: through - 1n, maxCount: 1 });
    if (!event || event.position !== through) return empty;
    const state = { ...empty, count: last.data.count };
    this.moveTo(state, event);
    return state;
  }

  private moveTo(state: AnchorState, event: RecordedEvent): void {
    state.position = event.position;
    state.streamId = event.streamId;
    state.revision = event.revision;
    state.hash = hashOf(event);
  }

  private newest(a: AnchorState | undefined, b: AnchorState | undefined): AnchorState | undefined {
    if (!a || !b) return a ?? b;
    return b.position > a.position ? b : a;
  }
}

function hashOf(event: RecordedEvent): string {
  return typeof event.metadata.hash === 'string' ? event.metadata.hash : '';
}

function stateOf(anchor: HeadAnchor): AnchorState {
  return {
    position: BigInt(anchor.position),
    count: anchor.count,
    streamId: anchor.streamId,
    revision: BigInt(anchor.revision),
    hash: anchor.hash,
  };
}
