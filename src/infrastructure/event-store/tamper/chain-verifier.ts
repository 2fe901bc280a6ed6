import type { EventStore } from '../event-store.port';
import { ChainChecker } from './chain-checker';
import { type ChainRecord, chainRecordOf } from './event-hash';
import { chainRecordOfRow, type SqliteRawLog } from './sqlite-raw-log';
import { type ChainProblem, MAX_PROBLEMS, type VerifyReport } from './chain-problem';
import { type Digest, DigestWalk } from './digest-walk';
import { checkHeadAnchor } from './head-anchor.check';
import { digestSignature, DIGEST_STREAM, isDigest, type SegmentHasher } from './log-digest';
import { StoredRowCheck } from './stored-row-check';

/**
 * Rows per read on the fast path: a batch this size dies young in V8's heap; 10,000 rows
 * (~10 MB of strings) outlive a scavenge and cost about a quarter more CPU in GC.
 */
const RAW_ROWS_PER_READ = 2000;

/** Collects problems in the order found; keeps the first MAX_PROBLEMS and counts the rest. */
class Findings {
  readonly problems: ChainProblem[] = [];
  count = 0;
  add(problem: ChainProblem | null): void {
    if (!problem) return;
    this.count += 1;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }
}

/**
 * Proves streams, a candidate's history or the whole log intact: stream chains (altered, removed,
 * reordered events) and the signed digests (a deleted last event, events missing from the log).
 */
export class ChainVerifier {
  constructor(
    private readonly store: EventStore,
    private readonly key: string,
  ) {}

  /**
   * The whole log in global order, one pass, batch by batch: through the port (any adapter), or
   * from the embedded store's rows when a raw reader is given (no JSON parsing: much faster; its
   * head anchor, if any, also checked: the newest events, which no digest knows yet).
   */
  async verifyLog(options: { batchSize?: number; raw?: SqliteRawLog } = {}): Promise<VerifyReport> {
    const started = performance.now();
    const batchSize = options.batchSize ?? (options.raw ? RAW_ROWS_PER_READ : 5000);
    const findings = new Findings();
    const checker = new ChainChecker(this.key);
    const digests = await this.readDigests(findings);
    const walk = new DigestWalk(digests, (digest, segment, events) =>
      findings.add(this.compareDigest(digest, segment, checker, events)),
    );
    const checkRecord = (record: ChainRecord) => {
      walk.reach(Number(record.position));
      findings.add(checker.check(record));
      walk.add(record.storedHash, record.id);
    };
    if (options.raw) {
      const fast = new StoredRowCheck(this.key, checker);
      for (let after = 0; ;) {
        const rows = options.raw.readRows(after, batchSize);
        if (rows.length === 0) break;
        for (const row of rows) {
          walk.reach(row[0]);
          const hash = fast.verify(row);
          if (hash === null) checkRecord(chainRecordOfRow(row));
          else walk.add(hash, row[3]);
        }
        after = rows[rows.length - 1][0];
        await yieldNowAndThen();
      }
    } else {
      for (let after = 0n; ;) {
        const events = await this.store.readAll({ after, maxCount: batchSize });
        if (events.length === 0) break;
        for (const event of events) checkRecord(chainRecordOf(event));
        after = events[events.length - 1].position;
      }
    }
    walk.finish();
    if (options.raw) findings.add(checkHeadAnchor(options.raw, this.key));
    return report('log', findings, walk.events, checker.streamCount, digests.length, started);
  }

  /**
   * Some streams (one, or a candidate's), each read whole, plus the heads the digests recorded.
   * `digests: false` checks the streams' hash chains only (an edited or forged event), in time
   * proportional to those streams: reading every digest grows with the whole log's age.
   */
  async verifyStreams(streams: string[], scope: string, options: { digests?: boolean } = {}): Promise<VerifyReport> {
    const started = performance.now();
    const findings = new Findings();
    const digests = options.digests === false ? [] : await this.readDigests(findings);
    const recordedHeads = new Map<string, bigint>();
    for (const digest of digests)
      for (const [stream, revision] of digest.data.heads) {
        const head = BigInt(revision);
        if (head > (recordedHeads.get(stream) ?? -1n)) recordedHeads.set(stream, head);
      }
    let events = 0;
    for (const stream of streams) {
      const checker = new ChainChecker(this.key);
      const recorded = (await this.store.readStream(stream)).map(chainRecordOf);
      checker.knowStream(recorded);
      for (const record of recorded) findings.add(checker.check(record));
      events += recorded.length;
      const head = recordedHeads.get(stream);
      const last = recorded.length === 0 ? -1n : recorded[recorded.length - 1].revision;
      if (head !== undefined && last < head) findings.add(missingTail(stream, last + 1n, head));
    }
    return report(scope, findings, events, streams.length, digests.length, started);
  }

  private async readDigests(findings: Findings): Promise<Digest[]> {
    const digests: Digest[] = [];
    for (const event of await this.store.readStream(DIGEST_STREAM)) {
      if (!isDigest(event)) continue;
      const { signature, ...signed } = event.data;
      if (digestSignature(this.key, signed) !== signature) {
        findings.add({
          kind: 'digestForged',
          streamId: DIGEST_STREAM,
          revision: event.revision.toString(),
          position: event.position.toString(),
          eventId: event.id,
          eventType: event.type,
          message: '日志摘要的签名无效（摘要被伪造或修改）',
        });
        continue;
      }
      digests.push(event);
    }
    return digests.sort((a, b) => Number(BigInt(a.data.throughPosition) - BigInt(b.data.throughPosition)));
  }

  /** At a digest's position: the heads it recorded must still be there, and the running hash match. */
  private compareDigest(
    digest: Digest,
    segment: SegmentHasher,
    checker: ChainChecker,
    countedSoFar: number,
  ): ChainProblem | null {
    for (const [stream, revision] of digest.data.heads) {
      const head = BigInt(revision);
      const last = checker.lastRevisionOf(stream);
      if (last < head) return missingTail(stream, last + 1n, head);
    }
    if (segment.finish() === digest.data.runningHash && countedSoFar === digest.data.count) return null;
    return {
      kind: 'digestMismatch',
      streamId: DIGEST_STREAM,
      revision: digest.revision.toString(),
      position: digest.position.toString(),
      eventId: digest.id,
      eventType: digest.type,
      message:
        `位置 ${digest.data.fromPosition}–${digest.data.throughPosition} 之间的日志与签名摘要不符` +
        '（事件被删除、插入或调换）',
    };
  }
}

function missingTail(stream: string, first: bigint, head: bigint): ChainProblem {
  return {
    kind: 'removed',
    streamId: stream,
    revision: first.toString(),
    position: null,
    eventId: null,
    eventType: null,
    message: `签名摘要记录该流末尾为第 ${head} 号事件，但第 ${first} 号起已缺失（末尾事件被删除）`,
  };
}

function report(
  scope: string,
  findings: Findings,
  eventsChecked: number,
  streamsChecked: number,
  digestsChecked: number,
  started: number,
): VerifyReport {
  return {
    scope,
    intact: findings.count === 0,
    eventsChecked,
    streamsChecked,
    digestsChecked,
    firstProblem: findings.problems[0] ?? null,
    problems: findings.problems,
    problemCount: findings.count,
    elapsedMs: Math.round(performance.now() - started),
  };
}

let lastYield = 0;
/**
 * The raw pass is synchronous SQLite and hashing: without a pause it would hold a server's event
 * loop for seconds (1,000,000 events ≈ 7 s) when run through /api/audit/verify. Every ~20 ms of
 * work it lets waiting requests run; the CLI loses nothing measurable.
 */
async function yieldNowAndThen(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < 20) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastYield = performance.now();
}
