/**
 * A keep-alive HTTP/1.1 client on one raw socket, for load generation: a request is one write of
 * pre-built bytes, an answer is parsed only as far as its status, headers and body. node:http's
 * client costs several times more CPU per request, and on a 2-core machine the load generator's
 * CPU is taken from the server under test.
 */
import { Socket, connect } from 'node:net';

export interface RawAnswer {
  status: number;
  text: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One connection; requests are sent one at a time (a journey's steps follow each other). */
export class RawHttpClient {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
    if (this.waiting) return Promise.reject(new Error('RawHttpClient: one request at a time'));
    const payload = body === undefined ? '' : body;
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'content-length') head += `${name}: ${value}\r\n`;
    }
    if (body !== undefined || method !== 'GET') head += `content-length: ${Buffer.byteLength(payload)}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.connection().write(head + '\r\n' + payload);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connection(): Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    // A socket this client has already left (closed after an answer) fails nothing.
    socket.on('data', (chunk: Buffer) => this.socket === socket && this.received(chunk));
    socket.on('error', (error) => this.socket === socket && this.fail(error));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.fail(new Error('connection closed before the answer'));
    });
    this.buffered = Buffer.alloc(0);
    this.socket = socket;
    return socket;
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private received(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const answer = parseAnswer(this.buffered);
    if (!answer) return;
    this.buffered = this.buffered.subarray(answer.length);
    if (answer.close) this.close();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ status: answer.status, text: answer.text });
  }
}

interface ParsedAnswer extends RawAnswer {
  /** Bytes the answer took in the buffer. */
  length: number;
  close: boolean;
}

/** A whole answer at the start of `data`, or undefined while its bytes have not all arrived. */
export function parseAnswer(data: Buffer): ParsedAnswer | undefined {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const lines = data.toString('latin1', 0, headerEnd).split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const close = headers.get('connection')?.toLowerCase() === 'close';
  const bodyStart = headerEnd + HEADER_END.length;
  if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
    const chunked = dechunk(data, bodyStart);
    return chunked && { status, text: chunked.text, length: chunked.end, close };
  }
  const contentLength = Number(headers.get('content-length') ?? 0);
  if (data.length < bodyStart + contentLength) return undefined;
  const text = data.toString('utf8', bodyStart, bodyStart + contentLength);
  return { status, text, length: bodyStart + contentLength, close };
}

/** A chunked body from `start`: its text and where it ends, or undefined while incomplete. */
function dechunk(data: Buffer, start: number): { text: string; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    const chunkStart = lineEnd + 2;
    if (Number.isNaN(size)) throw new Error('malformed chunked answer');
    if (size > 0 && data.length < chunkStart + size + 2) return undefined;
    if (size === 0) {
      // The last chunk's line ends where the (usually empty) trailer section does: at a blank line.
      const trailerEnd = data.indexOf(HEADER_END, lineEnd);
      if (trailerEnd < 0) return undefined;
      return { text: Buffer.concat(parts).toString('utf8'), end: trailerEnd + HEADER_END.length };
    }
    parts.push(data.subarray(chunkStart, chunkStart + size));
    at = chunkStart + size + 2;
  }
}
