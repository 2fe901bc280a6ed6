import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../../infrastructure/metrics/metrics-registry';
import type { PasswordHashQueueObserver } from './password-hash-queue';

const waiting = new Gauge({
  name: 'password_hash_queue_waiting',
  help: 'argon2 jobs waiting for a slot (PASSWORD_HASH_QUEUE bounds it)',
  registers: [metricsRegistry],
});

const refusals = new Counter({
  name: 'password_hash_refusals_total',
  help: 'logins, registrations and password changes answered 503 SERVER_BUSY because the hashing queue was full',
  registers: [metricsRegistry],
});

/** What /metrics shows of the hashing queue: how full it is, and how often it turned people away. */
export const passwordHashMetrics: PasswordHashQueueObserver = {
  waiting: (jobs) => waiting.set(jobs),
  refused: () => refusals.inc(),
};
