import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { request as httpRequest } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { bootApp, TestApp } from '../harness/app';

const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const TRICKLE_EVERY_MS = 200;
const SOCKETS_PER_KIND = 50;
/** every socket must be closed by then, far beyond the 2 s deadline plus the 250 ms check interval */
const CLOSED_WITHIN_MS = 10_000;
/** timer and clock granularity: the server cannot have started its clock before our connect */
const EARLY_SLACK_MS = 50;

interface SlowSocket {
  /** ms from connect to the server closing the socket */
  closedAfterMs: number;
  received: string;
}

/**
 * A client that sends `head` at once, then `trickle` one byte every 200 ms, until the server
 * closes the connection (or the test's bound passes, then it is reported as never closed).
 */
function slowSocket(port: number, head: string, trickle: string): Promise<SlowSocket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let opened = 0;
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    const bound = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, CLOSED_WITHIN_MS);
    socket.on('connect', () => {
      opened = Date.now();
      if (head) socket.write(head);
      timer = setInterval(() => {
        if (sent < trickle.length && socket.writable) socket.write(trickle[sent++]);
      }, TRICKLE_EVERY_MS);
    });
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(bound);
      resolve({ closedAfterMs: gaveUp ? Infinity : Date.now() - opened, received });
    });
  });
}

function ping(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest({ port, host: '127.0.0.1', path: '/api/method/ping', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

describe('slow clients: header and body deadlines', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await bootApp({ HEADERS_TIMEOUT_SECONDS: String(HEADERS_TIMEOUT_MS / 1000), REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_MS / 1000) });
    const app = t.app as NestFastifyApplication;
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('closes sockets that trickle headers or a body, or send nothing, while normal requests are served', async () => {
    const headers = Array.from({ length: SOCKETS_PER_KIND }, () => slowSocket(port, '', `GET /api/method/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`));
    const bodyHead = 'POST /api/method/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const bodies = Array.from({ length: SOCKETS_PER_KIND }, () => slowSocket(port, bodyHead, ' '.repeat(1000)));
    const silent = Array.from({ length: 10 }, () => slowSocket(port, '', ''));
    // Served while all of them hold a connection open.
    await expect(ping(port)).resolves.toBe(200);

    const [h, b, s] = await Promise.all([Promise.all(headers), Promise.all(bodies), Promise.all(silent)]);
    const header408 = h.filter((x) => x.received.startsWith('HTTP/1.1 408')).length;
    const body408 = b.filter((x) => x.received.startsWith('HTTP/1.1 408')).length;
    const closes = (xs: SlowSocket[]) => xs.map((x) => x.closedAfterMs).sort((p, q) => p - q);
    process.stdout.write(
      `slow clients closed after (ms): headers ${closes(h)[0]}..${closes(h).at(-1)}, body ${closes(b)[0]}..${closes(b).at(-1)}, silent ${closes(s)[0]}..${closes(s).at(-1)}; 408 answers ${header408}/${h.length} headers, ${body408}/${b.length} body\n`,
    );

    expect(h).toHaveLength(SOCKETS_PER_KIND);
    expect(b).toHaveLength(SOCKETS_PER_KIND);
    for (const x of [...h, ...s]) expect(x.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - EARLY_SLACK_MS);
    for (const x of b) expect(x.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - EARLY_SLACK_MS);
    for (const x of [...h, ...b, ...s]) expect(x.closedAfterMs).toBeLessThan(CLOSED_WITHIN_MS);
    // The body was never complete: no handler answered, only the timeout did.
    for (const x of b) expect(x.received).not.toContain('pong');
    expect(body408).toBe(SOCKETS_PER_KIND);
    await expect(ping(port)).resolves.toBe(200);
  }, 30_000);
});
