/** The worker side of http-load.ts: keep-alive sockets, one per client, on node:http. */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadPlan, LoadRequest, LoadResult } from './http-load';

const { plan, countText } = workerData as { plan: LoadPlan; countText: string[] };
const agent = new Agent({ keepAlive: true, maxSockets: plan.clients });

interface Answer {
  status: number;
  text: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: plan.port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const fill = (text: string, vars: Map<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => vars.get(name) ?? '');

async function runJourney(journey: LoadRequest[], result: LoadResult): Promise<void> {
  const vars = new Map<string, string>();
  for (const step of journey) {
    const body = step.body === undefined ? undefined : fill(JSON.stringify(step.body), vars);
    const headers: Record<string, string> = { ...step.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const started = performance.now();
    const answer = await send(step.method, fill(step.path, vars), headers, body);
    const ms = performance.now() - started;
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
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      while (next < plan.journeys.length) await runJourney(plan.journeys[next++], result);
    }),
  );
  result.wallMs = performance.now() - started;
  result.latencies.sort((a, b) => a - b);
  for (const latencies of Object.values(result.byLabel)) latencies.sort((a, b) => a - b);
  agent.destroy();
  parentPort?.postMessage(result);
}

void main();
