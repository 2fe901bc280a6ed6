import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry for the process, served at /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
