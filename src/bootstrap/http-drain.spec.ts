import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainHttpServer } from './http-drain';

/** A server whose only route answers after `delayMs`. */
function slowServer(delayMs: number): Promise<Server> {
  const server = createServer((_req, res) => setTimeout(() => res.end('done'), delayMs).unref());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function get(server: Server): Promise<{ status?: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('drainHttpServer', () => {
  it('lets a request in flight finish, then stops listening', async () => {
    const server = await slowServer(300);
    const inFlight = get(server);
    await tick();
    const drained = drainHttpServer(server, 5_000);
    await expect(inFlight).resolves.toEqual({ status: 200, body: 'done' });
    await expect(drained).resolves.toBe('drained');
    expect(server.listening).toBe(false);
  });

  it('cuts off a request that outlives the grace period', async () => {
    const server = await slowServer(5_000);
    const inFlight = get(server).catch((error: NodeJS.ErrnoException) => ({ code: error.code }));
    await tick();
    const started = Date.now();
    await expect(drainHttpServer(server, 200)).resolves.toBe('forced');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await inFlight).toEqual({ code: 'ECONNRESET' });
  });
});
