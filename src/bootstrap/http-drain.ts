import type { Server } from 'node:http';

/**
 * Stops accepting connections and waits for in-flight requests to finish. Idle keep-alive
 * connections close at once (Node ≥ 19); requests still running after `graceMs` are cut off.
 */
export function drainHttpServer(server: Server, graceMs: number): Promise<'drained' | 'forced'> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve('drained');
      return;
    }
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve('forced');
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve('drained');
    });
    server.closeIdleConnections();
  });
}
