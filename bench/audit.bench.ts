/**
 * npm run bench:audit — writes bench/results/audit.json with historyP99Ms (a candidate with 1,000
 * events, read from a log of ~1,000,000), asOfP99Ms, and verifyEventsPerSec (the whole log). The
 * log is written through the ChainingEventStore over the embedded SQLite store in a temp folder,
 * so every event carries its chain hash, plus signed digests. Targets (issue 7): history and
 * as-of p99 < 50 ms; verify ≥ 100,000 events/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../src/accounts/accounts.module';
import { AsOfService } from '../src/audit/as-of/as-of.service';
import { CandidateHistoryService } from '../src/audit/history/candidate-history.service';
import { CandidateLocator } from '../src/audit/history/candidate-locator';
import type { AppConfig } from '../src/config/app-config';
import { eventRegistry } from '../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainingEventStore } from '../src/infrastructure/event-store/tamper/chaining-event-store';
import { ChainVerifier } from '../src/infrastructure/event-store/tamper/chain-verifier';
import { LogDigestWriter } from '../src/infrastructure/event-store/tamper/log-digest.writer';
import { SqliteRawLog } from '../src/infrastructure/event-store/tamper/sqlite-raw-log';
import { createReadStore } from '../src/infrastructure/read-store/read-store.factory';
import type { DomainEvent, NewEvent } from '../src/shared/messages';
import { writeBenchReport } from './support/bench-report';
import { perSecond } from './support/timing';

const SETTINGS = { logEvents: Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000), streamLength: 100, samples: 200 };
const KEY = 'bench-audit-chain-key-0123456789abcdef';
const CANDIDATE = '0b9f6f0e-4c2a-4d1e-9a55-6a4f1c2b3d4e';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

let clock = Date.parse('2027-01-01T00:00:00Z');
function events(types: Array<DomainEvent>): NewEvent[] {
  return types.map((event) => {
    const id = crypto.randomUUID();
    clock += 1000;
    return {
      id,
      type: event.type,
      data: event.data,
      metadata: {
        messageId: id,
        correlationId: id,
        causationId: id,
        actor: { id: CANDIDATE, role: 'candidate' },
        occurredAt: new Date(clock).toISOString(),
        ip: '198.51.100.7',
        schemaVersion: 1,
      },
    };
  });
}

/** The audited candidate: 1,000 events across account, username, identity and login streams. */
async function writeCandidate(store: ChainingEventStore): Promise<void> {
  const identityStream = 'identity-resident-benchbenchbenchbenchbenchbenchbenchbench';
  const at = () => new Date(clock).toISOString();
  await store.append(
    `username-zhangsan_bench`,
    events([
      {
        type: 'UsernameReserved',
        data: { username: 'zhangsan_bench', candidateId: CANDIDATE, identityStream, reservedAt: at() },
      },
      { type: 'UsernameConfirmed', data: { candidateId: CANDIDATE } },
    ]),
    'no_stream',
  );
  await store.append(
    identityStream,
    events([
      {
        type: 'IdentityClaimed',
        data: { candidateId: CANDIDATE, username: 'zhangsan_bench', realName: '张三', claimedAt: at() },
      },
    ]),
    'no_stream',
  );
  await store.append(
    `candidate-${CANDIDATE}`,
    events([
      {
        type: 'CandidateRegistered',
        data: {
          candidateId: CANDIDATE,
          username: 'zhangsan_bench',
          realName: '张三',
          gender: 'M',
          birthDate: '1990-01-01',
          idType: 'resident',
          idNumber: '110101199001010011',
          identityStream,
          nationality: '中国',
          mobile: '13800138000',
          email: 'z@example.cn',
          securityQuestion: 'q',
          securityAnswerHash: 'h',
          passwordHash: 'h',
          registeredAt: at(),
        },
      },
    ]),
    'no_stream',
  );
  for (let i = 0; i < 299; i++)
    await store.append(
      `candidate-${CANDIDATE}`,
      events([{ type: 'PasswordChanged', data: { passwordHash: `h${i}`, changedAt: at() } }]),
      'any',
    );
  for (let i = 0; i < 197; i++)
    await store.append(
      identityStream,
      events([
        {
          type: 'DuplicateRegistrationAttempted',
          data: {
            attemptedAt: at(),
            ip: '203.0.113.9',
            realNameTyped: '李四',
            usernameTyped: `lisi${i}`,
            holderCandidateId: CANDIDATE,
            holderUsername: 'zhangsan_bench',
          },
        },
      ]),
      'any',
    );
  for (let i = 0; i < 500; i++)
    await store.append(
      `loginAttempts-${CANDIDATE}`,
      events([{ type: 'LoginSucceeded', data: { at: at(), ip: '198.51.100.7', sessionRef: `s${i}` } }]),
      'any',
    );
}

/** Other candidates' streams, in batches, until the log holds `total` events. */
async function fillLog(store: ChainingEventStore, total: number): Promise<void> {
  let written = Number(await store.headPosition());
  for (let n = 0; written < total; n++) {
    const count = Math.min(SETTINGS.streamLength, total - written);
    const batch = events(
      Array.from({ length: count }, (_, i) => ({
        type: 'LoginSucceeded',
        data: { at: '2027-01-01T00:00:00Z', ip: null, sessionRef: `r${i}` },
      })),
    );
    await store.append(`loginAttempts-other${n}`, batch, 'no_stream');
    written += count;
    if (n % 1000 === 0) process.stderr.write(`\rwriting the log: ${written} / ${total}`);
  }
  process.stderr.write('\n');
}

async function timeMany(samples: number, run: () => Promise<unknown>): Promise<{ p50Ms: number; p99Ms: number }> {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const inner = new SqliteEventStore({
    file: join(folder, 'events.sqlite'),
    serializer: new EventSerializer(eventRegistry),
  });
  const store = new ChainingEventStore(inner, KEY);
  const readStore = await createReadStore({ kind: 'embedded', file: join(folder, 'read.sqlite') });
  try {
    await writeCandidate(store);
    const midpoint = new Date(clock - 500_000);
    await fillLog(store, SETTINGS.logEvents);
    const digests = await new LogDigestWriter(store, KEY, 10_000).writeDigests();
    const config = { secrets: { identityKey: KEY } } as AppConfig;
    const locator = new CandidateLocator(store, readStore, config);
    const history = new CandidateHistoryService(store, locator);
    const asOf = new AsOfService(history, locator);

    const first = await history.history(CANDIDATE, { pageSize: 50 });
    if (first.total !== 1000) throw new Error(`expected 1000 events, found ${first.total}`);
    const historyTimes = await timeMany(SETTINGS.samples, () => history.history(CANDIDATE, { pageSize: 50, page: 10 }));
    const asOfTimes = await timeMany(SETTINGS.samples, () => asOf.compare(CANDIDATE, midpoint));

    const verifier = new ChainVerifier(store, KEY);
    const raw = new SqliteRawLog(join(folder, 'events.sqlite'));
    const report = await verifier.verifyLog({ raw });
    if (!report.intact) throw new Error(`log not intact: ${JSON.stringify(report.firstProblem)}`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const again = await verifier.verifyLog({ raw });
    const verifyMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    raw.close();
    const portT0 = performance.now();
    const viaPort = await verifier.verifyLog({ batchSize: 10_000 });
    const portMs = performance.now() - portT0;

    const path = writeBenchReport('audit', {
      historyP99Ms: historyTimes.p99Ms,
      historyP50Ms: historyTimes.p50Ms,
      asOfP99Ms: asOfTimes.p99Ms,
      asOfP50Ms: asOfTimes.p50Ms,
      verifyEventsPerSec: perSecond(again.eventsChecked, verifyMs),
      verifyEventsPerCpuSec: perSecond(again.eventsChecked, (used.user + used.system) / 1000),
      verifyEventsPerSecViaPort: perSecond(viaPort.eventsChecked, portMs),
      verifiedEvents: again.eventsChecked,
      verifiedStreams: again.streamsChecked,
      digests: again.digestsChecked,
      digestsWritten: digests.written,
      settings: {
        ...SETTINGS,
        candidateEvents: first.total,
        note: 'history: page 10 of 50 entries of a 1,000-event candidate (all streams read and merged each time); as-of: candidate view and identity folded at the midpoint and today; verify: second full pass over the log (chain hashes, per-stream order, digests) from the SQLite rows (the path verify:log and /api/audit/verify take on the embedded store); verifyEventsPerSecViaPort: the same through the EventStore port (any adapter), for comparison.',
      },
    });
    process.stdout.write(
      `history p99 ${historyTimes.p99Ms} ms, as-of p99 ${asOfTimes.p99Ms} ms, verify ${perSecond(again.eventsChecked, verifyMs)} events/s → ${path}\n`,
    );
  } finally {
    await store.close();
    await readStore.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
