import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandMetrics } from '../../src/infrastructure/command-handling/command-metrics';
import { EventSourcedHandler } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import type { AppConfig } from '../../src/config/app-config';
import { examStream } from '../../src/catalog/catalog.events';
import { readCatalogSeed } from '../../src/catalog/catalog-seed';
import { CatalogSeeder } from '../../src/catalog/seed-catalog/catalog-seeder.service';

const seedFile = join(__dirname, '../../seed/catalog-2027.json');

/** Each "process" has its own connection to the one SQLite file, as separate app processes do. */
function startProcess(file: string) {
  const store = new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) });
  const seeder = new CatalogSeeder(
    { seedCatalogFile: seedFile } as AppConfig,
    new EventSourcedHandler(store, new CommandMetrics()),
  );
  return { store, seeder };
}

describe('catalog seeding at first start', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'catalog-seed-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('schedules the 2027 session once; starting again appends nothing', async () => {
    const first = startProcess(join(dir, 'events.sqlite'));
    const appended = await first.seeder.seed();
    const seed = readCatalogSeed(seedFile);
    const siteCount = seed.areas.reduce((sum, area) => sum + area.sites.length, 0);
    expect(appended).toBe(1 + seed.categories.length + seed.areas.length + siteCount);
    expect(await first.seeder.seed()).toBe(0);
    const events = await first.store.readStream(examStream('2027'));
    expect(events).toHaveLength(appended);
    expect(events[0].type).toBe('ExamSessionScheduled');
    expect(events[0].metadata.actor).toEqual({ id: 'catalog-seeder', role: 'system' });
    await first.store.close();
  });

  it('lets exactly one of several processes starting at once write the catalog', async () => {
    const processes = Array.from({ length: 6 }, () => startProcess(join(dir, 'events.sqlite')));
    const results = await Promise.all(processes.map((p) => p.seeder.seed()));
    expect(results.filter((count) => count > 0)).toHaveLength(1);
    const events = await processes[0].store.readStream(examStream('2027'));
    expect(events).toHaveLength(Math.max(...results));
    expect(events.filter((event) => event.type === 'ExamSessionScheduled')).toHaveLength(1);
    await Promise.all(processes.map((p) => p.store.close()));
  });
});
