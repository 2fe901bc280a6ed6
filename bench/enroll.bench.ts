/**
 * npm run bench:enroll — N candidates driven concurrently through HTTP (start → steps 2–6 → submit)
 * against the real app (embedded stores in a temp dir), and in the same run a no-op NestJS route as
 * the framework's ceiling. Half the candidates choose a small site, so step 6 and submissions also
 * meet 名额已满; afterwards every site stream is folded to check that none holds more seats than its
 * capacity (`oversold`, must be 0). Writes bench/results/enroll.json. Targets (issue 5) at 50
 * clients: stepCommandsPerSec / noopPerSec ≥ 0.5, p99 < 100 ms, projection lag p99 < 100 ms.
 */
import { Body, Controller, Get, Module, Put } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CAPTCHA_ANSWER } from '../src/accounts/captcha/captcha.service';
import { createApp } from '../src/bootstrap/create-app';
import type { CatalogSeed } from '../src/catalog/catalog-seed';
import { toNewEvents } from '../src/infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../src/infrastructure/event-store/event-store.port';
import { Public, Roles } from '../src/infrastructure/http/roles.decorator';
import { SiteChoiceDto } from '../src/enrollment/candidate-api/enrollment.dto';
import { metricsRegistry } from '../src/infrastructure/metrics/metrics-registry';
import { ProjectionRunner } from '../src/infrastructure/projections/projection-runner';
import { fold } from '../src/shared/decider';
import { seatDecider } from '../src/enrollment/seats/seat.decider';
import { siteStream, type SeatEvent } from '../src/enrollment/seats/seat.events';
import { repositoryRoot, writeBenchReport } from './support/bench-report';
import { type LoadRequest, percentile, requestsPerSecond, runLoad } from './support/http-load';
import { syntheticRegistration } from './support/synthetic-ids';
import { windowsAroundNow } from '../src/catalog/testing/windows-around-now';

const SETTINGS = {
  candidates: Number(process.env.BENCH_CANDIDATES ?? 400),
  clients: Number(process.env.BENCH_CLIENTS ?? 50),
  noopRequests: 4000,
  smallSiteCapacity: Number(process.env.BENCH_CANDIDATES ?? 400) / 4,
  /**
   * Candidates whose journeys (and as many no-op requests) run first, unmeasured: a registration
   * peak runs for hours, so the figures are of code V8 has already compiled, not of its warm-up.
   */
  warmupCandidates: Number(process.env.BENCH_WARMUP ?? 100),
  /** BENCH_LIST=false leaves out the list read after 提交 (as in the runs before it was added). */
  listAfterSubmit: process.env.BENCH_LIST !== 'false',
  /** SQLITE_SYNCHRONOUS=full: every commit fsyncs the WAL, as a deployment that must survive power loss runs. */
  sqliteSynchronous: process.env.SQLITE_SYNCHRONOUS ?? 'normal',
};
const NAME_CHARS = '甲乙丙丁戊己庚辛壬癸';

@Controller('bench')
class NoopController {
  @Public()
  @Get('noop')
  noop() {
    return { ok: true };
  }

  /** A step's framework path without the step: session, role, CSRF, a validated JSON body. */
  @Roles('candidate')
  @Put('noop-command')
  noopCommand(@Body() body: SiteChoiceDto) {
    return { ok: true, siteCode: body.siteCode };
  }
}

@Module({ controllers: [NoopController] })
class NoopModule {}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The default seed, registration open now, site 1101 small so that submissions contend for it. */
function writeSeed(dir: string): string {
  const seed = JSON.parse(
    readFileSync(join(repositoryRoot(__dirname), 'seed/catalog-2027.json'), 'utf8'),
  ) as CatalogSeed;
  seed.session.windows = windowsAroundNow();
  seed.areas[0].sites[0].capacity = SETTINGS.smallSiteCapacity;
  seed.areas[0].sites[1].capacity = SETTINGS.candidates + SETTINGS.warmupCandidates;
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

/** Runs `count` jobs on `clients` concurrent loops; returns every latency and the wall time. */
async function load(count: number, clients: number, job: (i: number, latencies: number[]) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) await job(next++, latencies);
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), wallMs: performance.now() - started };
}

/** p99 of the apply-lag histogram of the enrollment read models: the upper bound of its bucket. */
async function projectionLagP99Ms(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('projection_apply_lag_seconds')?.get();
  const buckets = new Map<number, number>();
  let total = 0;
  for (const value of (metric?.values ?? []) as Array<{
    value: number;
    labels: Record<string, string | number>;
    metricName?: string;
  }>) {
    if (!['enrollment-table', 'site-occupancy'].includes(String(value.labels.projection))) continue;
    if (value.metricName?.endsWith('_bucket'))
      buckets.set(Number(value.labels.le), (buckets.get(Number(value.labels.le)) ?? 0) + value.value);
    if (value.metricName?.endsWith('_count')) total += value.value;
  }
  for (const [le, count] of [...buckets].sort((a, b) => a[0] - b[0])) if (count >= 0.99 * total) return le * 1000;
  return Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-enroll-'));
  const app = await createApp({
    env: {
      APP_ENV: 'test',
      REGISTRATIONS_PER_IP_PER_HOUR: '0', // every bench candidate registers from 127.0.0.1
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      CAPTCHA_MODE: 'test',
      SEED_CATALOG_FILE: writeSeed(dataDir),
      PROJECTION_THREAD: process.env.PROJECTION_THREAD ?? 'true', // as in production (test apps default to false)
      SQLITE_SYNCHRONOUS: SETTINGS.sqliteSynchronous,
    },
    logDestination: { write: () => undefined },
    imports: [NoopModule],
  });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const store = app.get<EventStore>(EVENT_STORE);
  const call = async (method: string, path: string, body?: object, who?: { cookie: string; csrf: string }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) Object.assign(headers, { cookie: who.cookie, 'x-csrf-token': who.csrf });
    const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    return { res, text: await res.text() };
  };
  try {
    // Candidates: registered and signed in through HTTP, profile events appended to their streams.
    const sessions: Array<{ cookie: string; csrf: string }> = [];
    await load(SETTINGS.candidates + SETTINGS.warmupCandidates, 8, async (i) => {
      const username = `bench_enroll_${i}`;
      const password = `bench secret ${i} phrase`;
      const registered = await call(
        'POST',
        '/api/accounts/register',
        syntheticRegistration(i, username, password, `考生${NAME_CHARS[i % 10]}${NAME_CHARS[Math.floor(i / 10) % 10]}`),
      );
      if (registered.res.status !== 201) throw new Error(`register ${registered.res.status} ${registered.text}`);
      const candidateId = (JSON.parse(registered.text) as { candidateId: string }).candidateId;
      const stream = `candidate-${candidateId}`;
      const revision = BigInt((await store.readStream(stream)).length - 1);
      const context = {
        actor: { id: candidateId, role: 'candidate' as const },
        correlationId: `bench-${i}`,
        now: new Date(),
      };
      await store.append(
        stream,
        toNewEvents(
          [
            {
              type: 'EmploymentChanged',
              data: {
                employer: { name: '某医院（示例）', inDirectory: false },
                department: '内科',
                position: '医师',
                title: '住院医师',
                startMonth: '2020-09',
              },
            },
            {
              type: 'EducationAdded',
              data: {
                id: 'edu-1',
                school: { name: '某医学院（示例）', inDirectory: false },
                major: '临床医学',
                level: '大学本科',
                degree: '学士',
                studyForm: '全日制',
                from: '2014-09',
                to: '2019-07',
              },
            },
            {
              type: 'TrainingAdded',
              data: { id: 'tr-1', kind: '试用期', institution: '某医院（示例）', from: '2019-08', to: '2020-08' },
            },
          ],
          context,
        ),
        revision,
      );
      const captcha = JSON.parse((await call('POST', '/api/accounts/captcha')).text) as { captchaId: string };
      const login = await fetch(`${base}/api/accounts/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, captchaId: captcha.captchaId, captcha: TEST_CAPTCHA_ANSWER }),
      });
      const sid = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('sid='))!
        .split(';')[0];
      const csrfRes = await fetch(`${base}/api/csrf`, { headers: { cookie: sid } });
      const csrfCookie = csrfRes.headers
        .getSetCookie()
        .find((c) => c.startsWith('csrf='))!
        .split(';')[0];
      sessions[i] = {
        cookie: `${sid}; ${csrfCookie}`,
        csrf: ((await csrfRes.json()) as { csrfToken: string }).csrfToken,
      };
    });

    const port = Number(new URL(base).port);
    const noopJourneys = (count: number) =>
      Array.from({ length: count }, (): LoadRequest[] => [{ method: 'GET', path: '/bench/noop' }]);
    const noopCommandJourneys = (candidates: typeof sessions) =>
      candidates.map((who) =>
        Array.from({ length: 7 }, () => ({
          method: 'PUT',
          path: '/bench/noop-command',
          body: { siteCode: '1101' },
          headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
        })),
      );
    // Each candidate: start, steps 2–6 and 提交, one after another, then the list; 50 candidates at a time.
    const journeyOf = (who: { cookie: string; csrf: string }, site: string): LoadRequest[] => {
      const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
      return (
        [
          { method: 'POST', path: '/api/enrollment/2027/start', body: { pledgeVersion: 'v1', categoryCode: '110' } },
          { method: 'PUT', path: '/api/enrollment/2027/basic-info' },
          { method: 'PUT', path: '/api/enrollment/2027/employment' },
          {
            method: 'PUT',
            path: '/api/enrollment/2027/qualifications',
            body: { educationIds: ['edu-1'], trainingIds: ['tr-1'] },
          },
          { method: 'PUT', path: '/api/enrollment/2027/certificates', body: { certificateIds: [] } },
          // Step 6 offers only sites with free seats: a candidate refused the full one takes the large one.
          { method: 'PUT', path: '/api/enrollment/2027/site', body: { siteCode: site }, accept: [200, 422] },
          { method: 'PUT', path: '/api/enrollment/2027/site', body: { siteCode: '1102' }, ifPreviousStatus: 422 },
          { method: 'POST', path: '/api/enrollment/2027/submit', accept: [200, 422] },
        ]
          .map((request): LoadRequest => ({ ...request, label: request.path.slice(request.path.lastIndexOf('/') + 1) }))
          // Then the list, as the page after 提交 shows it: it waits for the candidate's own events.
          .concat(
            SETTINGS.listAfterSubmit ? [{ method: 'GET', path: '/api/enrollment', untimed: true, label: 'list' }] : [],
          )
          .map((request) => ({ ...request, headers }))
      );
    };
    const measured = sessions.slice(0, SETTINGS.candidates);
    const warmup = sessions.slice(SETTINGS.candidates);

    // Warm-up, not measured: every route of the run, the warm-up candidates all on the large site.
    await runLoad({ port, clients: SETTINGS.clients, journeys: noopJourneys(7 * warmup.length) });
    await runLoad({ port, clients: SETTINGS.clients, journeys: noopCommandJourneys(warmup) });
    const warmupSteps = await runLoad({
      port,
      clients: SETTINGS.clients,
      journeys: warmup.map((who) => journeyOf(who, '1102')),
    });

    // The lag is measured over the step commands: setting up the accounts (argon2 on both cores) is not the run.
    const runner = app.get(ProjectionRunner);
    const caughtUp = async () => runner.waitFor(await store.headPosition(), runner.names(), 60_000);
    await caughtUp();
    metricsRegistry.getSingleMetric('projection_apply_lag_seconds')?.reset();

    const noop = await runLoad({ port, clients: SETTINGS.clients, journeys: noopJourneys(SETTINGS.noopRequests) });
    const noopCommand = await runLoad({ port, clients: SETTINGS.clients, journeys: noopCommandJourneys(measured) });
    const journeys = measured.map((who, i) => journeyOf(who, i % 2 === 0 ? '1101' : '1102'));
    const steps = await runLoad({ port, clients: SETTINGS.clients, journeys }, ['SITE_FULL']);
    await caughtUp();
    const full = steps.counted.SITE_FULL;
    if ((steps.statuses[422] ?? 0) !== full)
      throw new Error(`422 answers other than SITE_FULL: ${JSON.stringify(steps)}`);

    let oversold = 0;
    for (const [site, capacity] of [
      ['1101', SETTINGS.smallSiteCapacity],
      ['1102', SETTINGS.candidates + SETTINGS.warmupCandidates],
    ] as const) {
      const state = fold(seatDecider, (await store.readStream(siteStream('2027', site))) as unknown as SeatEvent[]);
      oversold += Math.max(0, state.held - (state.capacity ?? capacity));
    }
    const commands = steps.latencies.length;
    const figures = {
      stepCommandsPerSec: round(requestsPerSecond(steps)),
      noopPerSec: round(requestsPerSecond(noop)),
      ratio: round(requestsPerSecond(steps) / requestsPerSecond(noop), 2),
      p50Ms: round(percentile(steps.latencies, 50)),
      p99Ms: round(percentile(steps.latencies, 99)),
      noopP99Ms: round(percentile(noop.latencies, 99)),
      noopCommandPerSec: round(requestsPerSecond(noopCommand)),
      ratioToNoopCommand: round(requestsPerSecond(steps) / requestsPerSecond(noopCommand), 2),
      noopCommandP99Ms: round(percentile(noopCommand.latencies, 99)),
      // How busy the app's request thread was in each run: near 1, it alone bounds the rate.
      appThreadBusy: {
        noop: round(noop.callerThreadBusy, 2),
        noopCommand: round(noopCommand.callerThreadBusy, 2),
        steps: round(steps.callerThreadBusy, 2),
      },
      processCpuMsPerRequest: {
        noop: round(noop.processCpuMs / noop.latencies.length, 3),
        noopCommand: round(noopCommand.processCpuMs / noopCommand.latencies.length, 3),
        steps: round(steps.processCpuMs / commands, 3),
      },
      // Were every thread's work of a step spread evenly over all cores, never idle: the most it allows.
      ratioIfEveryCoreBusy: round(
        (cpus().length * 1000) / (steps.processCpuMs / commands) / requestsPerSecond(noop),
        2,
      ),
      byStep: Object.fromEntries(
        Object.entries(steps.byLabel).map(([step, latencies]) => [
          step,
          { p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) },
        ]),
      ),
      projectionLagP99Ms: await projectionLagP99Ms(),
      oversold,
      siteFullAnswers: full,
      commands,
      // The same journeys in a process that had not run them yet: what warming up changes.
      warmup: warmup.length
        ? {
            stepCommandsPerSec: round(requestsPerSecond(warmupSteps)),
            p50Ms: round(percentile(warmupSteps.latencies, 50)),
            p99Ms: round(percentile(warmupSteps.latencies, 99)),
          }
        : null,
      settings: {
        ...SETTINGS,
        note: 'Commands answer from their own streams without waiting for the read models; read-your-writes is paid by the reads: each journey ends with the list of the candidate’s enrollments (GET /api/enrollment, byStep.list), which waits for the candidate’s own events; it is not a step command, but its time is in the wall time of stepCommandsPerSec (settings.listAfterSubmit false: BENCH_LIST=false left it out). The load comes from a worker thread (bench/support/http-load.ts) on raw keep-alive sockets. Before the measured runs, warmupCandidates other candidates go through the same journeys (on the large site) and as many no-op requests and no-op commands are sent, unmeasured, so that the figures are of a process that has run its code before (warmup: the figures of those first journeys). projectionLagP99Ms is the upper bound of the apply-lag histogram bucket holding the 99th percentile (enrollment-table and site-occupancy), over the step commands only (the histogram is reset once setup has been projected). Projections run in the projection thread unless PROJECTION_THREAD=false. noopCommand is a second baseline: a PUT through the same session, role, CSRF and body validation as a step, doing nothing (the framework’s share of a step). appThreadBusy is the event-loop utilisation of the app’s request thread during each measured run, from the load’s first request to its last answer (1: never idle). processCpuMsPerRequest is the CPU time of the whole process (app thread, projection thread, load worker, SQLite’s threads) over each run divided by its requests; ratioIfEveryCoreBusy is the step rate every core busy with nothing but that work would allow, over noopPerSec: the ratio no spreading of the same work over threads could pass. Half the candidates choose site 1101 (capacity smallSiteCapacity): once it is full, step 6 answers 名额已满 (siteFullAnswers) and they choose site 1102 with a second step-6 request (a step command like the others); those whose seat went between their step 6 and 提交 get 名额已满 at 提交.',
      },
    };
    const file = writeBenchReport('enroll', figures);
    console.log(JSON.stringify(figures, null, 2));
    console.log(`written to ${file}`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
