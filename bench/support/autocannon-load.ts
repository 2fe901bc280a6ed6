import autocannon from 'autocannon';

export interface CannonFigures {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers: a run with any is refused. */
  failures: number;
}

/**
 * GET load from autocannon (pre-encoded requests on raw keep-alive sockets): the client costs little
 * CPU, so on a 2-core machine the server keeps its core and the latencies are the server's.
 * Each connection cycles through `paths`. Latencies have 1 ms resolution.
 */
export async function cannon(port: number, paths: string[], amount: number, connections = 50): Promise<CannonFigures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`load run failed: ${failures} errors, timeouts or non-2xx answers`);
  return {
    requests: result.requests.total,
    requestsPerSec: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures,
  };
}
