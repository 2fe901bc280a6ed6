import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RawHttpClient, parseAnswer } from './raw-http-client';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('parseAnswer', () => {
  it('reads status and body by content-length, and says how many bytes the answer took', () => {
    const body = '{"名":"值"}';
    const raw = `HTTP/1.1 201 Created\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}HTTP/1.1 200`;
    expect(parseAnswer(bytes(raw))).toEqual({
      status: 201,
      text: body,
      length: Buffer.byteLength(raw) - 'HTTP/1.1 200'.length,
      close: false,
    });
  });

  it('waits while the headers or the body are incomplete', () => {
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n'))).toBeUndefined();
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nabc'))).toBeUndefined();
  });

  it('joins a chunked body, and waits for its last chunk', () => {
    const raw =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
    expect(parseAnswer(bytes(raw))).toEqual({
      status: 200,
      text: 'abcde',
      length: Buffer.byteLength(raw),
      close: true,
    });
    expect(parseAnswer(bytes(raw.slice(0, -4)))).toBeUndefined();
  });
});

describe('RawHttpClient against node:http', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ method: string; url: string; body: string; socket: number; cookie?: string }> = [];
  const sockets = new Map<object, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
        seen.push({
          method: req.method!,
          url: req.url!,
          body,
          socket: sockets.get(req.socket)!,
          cookie: req.headers.cookie,
        });
        if (req.url === '/chunked') {
          res.write('部分一');
          res.end('部分二');
        } else if (req.url === '/close') {
          res.setHeader('connection', 'close');
          res.end('bye');
        } else {
          res.statusCode = req.method === 'POST' ? 201 : 200;
          res.end(JSON.stringify({ echo: body }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, path, headers and body on one kept-alive socket, and reconnects after a close', async () => {
    const client = new RawHttpClient('127.0.0.1', port);
    const posted = await client.request('POST', '/a', { cookie: 'sid=1' }, '{"考":1}');
    expect(posted).toEqual({ status: 201, text: JSON.stringify({ echo: '{"考":1}' }) });
    expect(await client.request('GET', '/chunked', {})).toEqual({ status: 200, text: '部分一部分二' });
    expect(await client.request('GET', '/close', {})).toEqual({ status: 200, text: 'bye' });
    expect((await client.request('PUT', '/b', {})).status).toBe(200);
    client.close();
    expect(seen.map(({ method, url, socket }) => [method, url, socket])).toEqual([
      ['POST', '/a', 0],
      ['GET', '/chunked', 0],
      ['GET', '/close', 0],
      ['PUT', '/b', 1],
    ]);
    expect(seen[0].cookie).toBe('sid=1');
  });

  it('refuses a second request while one is on its way', async () => {
    const client = new RawHttpClient('127.0.0.1', port);
    const first = client.request('GET', '/c', {});
    await expect(client.request('GET', '/d', {})).rejects.toThrow('one request at a time');
    expect((await first).status).toBe(200);
    client.close();
  });
});
