/** The worker side of http-load.ts: one keep-alive raw socket per client (RawHttpClient). */
import { parentPort, workerData } from 'node:worker_threads';
import { LOAD_STARTED, type LoadPlan, type LoadRequest, type LoadResult } from './http-load';
import { RawHttpClient } from './raw-http-client';

const { plan, countText } = workerData as { plan: LoadPlan; countText: string[] };

const fill = (text: string, vars: Map<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => vars.get(name) ?? '');

async function runJourney(client: RawHttpClient, journey: LoadRequest[], result: LoadResult): Promise<void> {
  const vars = new Map<string, string>();
  let previousStatus = 0;
  for (const step of journey) {
    if (step.ifPreviousStatus !== undefined && step.ifPreviousStatus !== previousStatus) continue;
    const body = step.body === undefined ? undefined : fill(JSON.stringify(step.body), vars);
    const headers: Record<string, string> = { ...step.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const answer = await client.request(step.method, fill(step.path, vars), headers, body);
    const ms = performance.now() - started;
    previousStatus = answer.status;
    if (!(step.accept ?? [200]).includes(answer.status))
      throw new Error(`${step.method} ${step.path} → ${answer.status} ${answer.text.slice(0, 300)}`);
    for (const text of countText) if (answer.text.includes(text)) result.counted[text] += 1;
    if (step.capture) {
      const json = JSON.parse(answer.text) as Record<string, unknown>;
      for (const [name, field] of Object.entries(step.capture)) vars.set(name, String(json[field]));
    }
    if (step.label) (result.byLabel[step.label] ??= []).push(ms);
    if (step.untimed) continue;
    result.latencies.push(ms);
    result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
  }
}

async function main(): Promise<void> {
  const result: LoadResult = {
    latencies: [],
    wallMs: 0,
    statuses: {},
    counted: Object.fromEntries(countText.map((text) => [text, 0])),
    byLabel: {},
    callerThreadBusy: Number.NaN,
    processCpuMs: Number.NaN,
  };
  let next = 0;
  parentPort?.postMessage(LOAD_STARTED);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      const client = new RawHttpClient('127.0.0.1', plan.port);
      while (next < plan.journeys.length) await runJourney(client, plan.journeys[next++], result);
      client.close();
    }),
  );
  result.wallMs = performance.now() - started;
  result.latencies.sort((a, b) => a - b);
  for (const latencies of Object.values(result.byLabel)) latencies.sort((a, b) => a - b);
  parentPort?.postMessage(result);
}

void main();
