/**
 * A separate Node process appending through the SQLite event store port, for the durability and
 * multi-process specs (compiled by compile-event-store-child.ts; the specs read its stdout):
 *
 *   append-until-killed <file> <stream>       appends batches of 1 or 5 events with the expected
 *                                             revision, printing "ack <revision> <position> <ids>"
 *                                             after each acknowledged append, until killed
 *   contend <file> <stream> <attempts>        prints "ready", waits for "go" on stdin, then per
 *                                             attempt reads the stream's last revision and appends
 *                                             one event at it: "won <revision> <id>" or a conflict;
 *                                             ends with "done <conflicts>"
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../../src/infrastructure/event-store/event-store.errors';
import type { ExpectedRevision } from '../../../src/infrastructure/event-store/event-store.port';
import { EventRegistry } from '../../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import type { NewEvent } from '../../../src/shared/messages';
import { CHILD_EVENT } from './child-events';

/** A runaway child (its parent died) stops by itself. */
const MAX_RUN_MS = 60_000;

function childEvent(data: Record<string, unknown>): NewEvent {
  const id = randomUUID();
  const metadata = {
    messageId: id,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: `process-${process.pid}`, role: 'system' as const },
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  return { id, type: CHILD_EVENT, data: { pid: process.pid, ...data }, metadata };
}

async function appendUntilKilled(store: SqliteEventStore, stream: string): Promise<void> {
  let expected: ExpectedRevision = 'no_stream';
  const started = Date.now();
  for (let sequence = 0; Date.now() - started < MAX_RUN_MS; sequence++) {
    const events = Array.from({ length: sequence % 4 === 3 ? 5 : 1 }, (_, index) => childEvent({ sequence, index }));
    const result = await store.append(stream, events, expected);
    expected = result.nextRevision;
    // Writes to a pipe are asynchronous on POSIX: the next append waits until this ack is in the
    // pipe, or a SIGKILL under load drops queued acks and more appends than one look unacknowledged.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(
        `ack ${result.nextRevision} ${result.position} ${events.map((event) => event.id).join(',')}\n`,
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  }
}

async function contend(store: SqliteEventStore, stream: string, attempts: number): Promise<void> {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  let conflicts = 0;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    // Another process gets a chance to append between this read and our write.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
    const event = childEvent({ attempt });
    try {
      const result = await store.append(stream, [event], last === undefined ? 'no_stream' : last.revision);
      process.stdout.write(`won ${result.nextRevision} ${event.id}\n`);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      conflicts++;
    }
  }
  process.stdout.write(`done ${conflicts}\n`);
}

async function main(): Promise<void> {
  const [mode, file, stream, attempts] = process.argv.slice(2);
  const store = new SqliteEventStore({
    file,
    serializer: new EventSerializer(new EventRegistry().registerTypes(CHILD_EVENT)),
  });
  if (mode === 'append-until-killed') await appendUntilKilled(store, stream);
  else if (mode === 'contend') await contend(store, stream, Number(attempts));
  else throw new Error(`Unknown mode ${mode}`);
  await store.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
