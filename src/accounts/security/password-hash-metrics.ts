import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../../infrastructure/metrics/metrics-registry';
import type { PasswordHashQueueObserver } from './password-hash-queue';

const admitted = new Gauge({
  name: 'password_hash_admitted_requests',
  help: 'logins, registrations and password changes in progress that hash a password (PASSWORD_HASH_CONCURRENCY + PASSWORD_HASH_QUEUE bounds it)',
  registers: [metricsRegistry],
});

const refusals = new Counter({
  name: 'password_hash_refusals_total',
  help: 'logins, registrations and password changes answered 503 SERVER_BUSY because every place was taken',
  registers: [metricsRegistry],
});

/** What /metrics shows of the hashing queue: how full it is, and how often it turned people away. */
export const passwordHashMetrics: PasswordHashQueueObserver = {
  admitted: (requests) => admitted.set(requests),
  refused: () => refusals.inc(),
};
