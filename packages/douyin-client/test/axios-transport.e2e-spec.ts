import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AxiosTransport, DouyinTransportError, type TransportRequest } from '../src/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transportFor(base: string, connectTimeoutMs = 3000): AxiosTransport {
  return new AxiosTransport({ baseUrls: { apps: base, open: base, sandbox: base }, connectTimeoutMs });
}

const request = (over: Partial<TransportRequest> = {}): TransportRequest => ({
  operation: 'op',
  family: 'open',
  path: '/api/x/',
  headers: { 'access-token': 'clt.test' },
  body: '{"a":"中文"}',
  timeoutMs: 2000,
  ...over,
});

async function failure(p: Promise<unknown>): Promise<DouyinTransportError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DouyinTransportError);
  return err as DouyinTransportError;
}

describe('AxiosTransport over real sockets', () => {
  it('sends content-type: application/json exactly, the headers and the body untouched', async () => {
    let seen: { headers: IncomingHttpHeaders; body: string; method?: string; url?: string } | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), method: req.method, url: req.url };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"err_no":0}');
      });
    });
    const host = await listen(server);
    const res = await transportFor(`http://${host}`).send(request());
    expect(res).toEqual({ status: 200, body: '{"err_no":0}' });
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/x/');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['access-token']).toBe('clt.test');
    expect(seen?.body).toBe('{"a":"中文"}');
  });

  it('ignores HTTP_PROXY from the environment', async () => {
    const server = http.createServer((_req, res) => res.end('{}'));
    const host = await listen(server);
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = 'http://127.0.0.1:1';
    try {
      await expect(transportFor(`http://${host}`).send(request())).resolves.toMatchObject({ status: 200 });
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
  });

  it('passes non-2xx answers through for the sender to judge', async () => {
    const server = http.createServer((_req, res) => res.writeHead(503).end('busy'));
    const host = await listen(server);
    await expect(transportFor(`http://${host}`).send(request())).resolves.toEqual({ status: 503, body: 'busy' });
  });

  it('connection refused: network, never reached the server', async () => {
    const host = await listen(net.createServer());
    await closers.pop()!();
    const err = await failure(transportFor(`http://${host}`).send(request()));
    expect(err).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', mayHaveReachedServer: false, endpoint: '/api/x/' });
  });

  it('connection dropped after the request: network, may have reached the server', async () => {
    const server = http.createServer((req) => req.socket.destroy());
    const host = await listen(server);
    const err = await failure(transportFor(`http://${host}`).send(request()));
    expect(err).toMatchObject({ kind: 'network', mayHaveReachedServer: true });
  });

  it('no answer in time: timeout, may have reached the server', async () => {
    const server = http.createServer(() => undefined);
    const host = await listen(server);
    closers.unshift(async () => server.closeAllConnections());
    const err = await failure(transportFor(`http://${host}`).send(request({ timeoutMs: 200 })));
    expect(err).toMatchObject({ kind: 'timeout', mayHaveReachedServer: true });
  });

  it('TLS handshake that never completes: connect timeout, never reached the server', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s)); // accepts TCP, never speaks TLS
    const host = await listen(server);
    closers.unshift(async () => sockets.forEach((s) => s.destroy()));
    const err = await failure(transportFor(`https://${host}`, 150).send(request({ timeoutMs: 5000 })));
    expect(err).toMatchObject({ kind: 'timeout', code: 'ECONNECT_TIMEOUT', mayHaveReachedServer: false });
  });

  it('verifies TLS certificates (a self-signed server is refused before any request)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dy-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    let hits = 0;
    const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      hits++;
      res.end('{}');
    });
    const host = await listen(server);
    const err = await failure(transportFor(`https://${host}`).send(request()));
    expect(err).toMatchObject({ kind: 'network', mayHaveReachedServer: false });
    expect(err.code).toMatch(/SELF_SIGNED/);
    expect(hits).toBe(0);
  });
});
