import { Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics-registry';

/** Request duration by route pattern (never the raw URL: ids would explode the label set). */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
