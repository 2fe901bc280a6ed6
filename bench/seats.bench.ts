/**
 * npm run bench:seats — the cost of the seat ledger's fold as a site fills. A site stream is folded
 * cold (after a restart or a cache eviction: every hold in turn) and each new hold is evolved onto
 * the state of all earlier ones (the warm path of 提交). Measured for the real decider, whose
 * holders are a persistent set, against the copy-every-holder record it replaced (an object spread
 * per hold), in the same run. Targets: a 10,000-seat site folds cold in < 100 ms; a hold onto
 * 10,000 holders costs < 20 µs. Writes bench/results/seats.json.
 */
import { evolveSeat, initialSeatState } from '../src/enrollment/seats/seat.decider';
import type { SeatHeld } from '../src/enrollment/seats/seat.events';
import { writeBenchReport } from './support/bench-report';
import { printTable } from './support/bench-table';
import { now } from './support/timing';

const SIZES = [300, 3_000, 10_000, 30_000];
/** The baseline is quadratic: beyond this it would take minutes, so it is not run. */
const BASELINE_MAX = 10_000;
const TARGET_COLD_FOLD_MS = 100;
const TARGET_HOLD_US = 20;

interface RecordState {
  held: number;
  holders: Readonly<Record<string, true>>;
}

/** The former evolve of a hold: a new record with every holder copied. */
function evolveRecord(state: RecordState, event: SeatHeld): RecordState {
  if (state.holders[event.data.enrollmentId]) return state;
  return { held: state.held + 1, holders: { ...state.holders, [event.data.enrollmentId]: true } };
}

function holds(count: number): SeatHeld[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'SeatHeld' as const,
    data: {
      sessionCode: '2027',
      siteCode: '1101',
      enrollmentId: `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`,
    },
  }));
}

/** Folds all events; then times `probe` more holds each onto the full state (none kept), per hold. */
function measure<State extends { held: number }>(
  events: SeatHeld[],
  initial: State,
  evolve: (state: State, event: SeatHeld) => State,
) {
  const started = now();
  let state = initial;
  for (const event of events) state = evolve(state, event);
  const coldFoldMs = now() - started;
  if (state.held !== events.length) throw new Error(`folded ${state.held} holds of ${events.length}`);
  const probes = holds(events.length + 200).slice(events.length);
  const probeStarted = now();
  for (const probe of probes) if (evolve(state, probe).held !== events.length + 1) throw new Error('hold lost');
  return { coldFoldMs, holdUs: ((now() - probeStarted) * 1000) / probes.length };
}

function main(): void {
  const rows = SIZES.map((size) => {
    const events = holds(size);
    const persistent = measure(events, initialSeatState(), evolveSeat);
    const record = size <= BASELINE_MAX ? measure(events, { held: 0, holders: {} }, evolveRecord) : null;
    return {
      holders: size,
      coldFoldMs: Math.round(persistent.coldFoldMs * 10) / 10,
      holdUs: Math.round(persistent.holdUs * 100) / 100,
      baselineColdFoldMs: record ? Math.round(record.coldFoldMs * 10) / 10 : 'not run',
      baselineHoldUs: record ? Math.round(record.holdUs * 100) / 100 : 'not run',
    };
  });
  printTable('Seat ledger fold: persistent holders vs a record copied per hold', rows);
  const at10k = rows.find((row) => row.holders === 10_000)!;
  const targets = {
    coldFold10kMs: {
      value: at10k.coldFoldMs,
      target: `< ${TARGET_COLD_FOLD_MS}`,
      met: at10k.coldFoldMs < TARGET_COLD_FOLD_MS,
    },
    hold10kUs: { value: at10k.holdUs, target: `< ${TARGET_HOLD_US}`, met: at10k.holdUs < TARGET_HOLD_US },
  };
  console.log(JSON.stringify(targets, null, 2));
  console.log(`written to ${writeBenchReport('seats', { rows, targets })}`);
}

main();
