// A real reverse proxy in front of Ecoute, as in production, that can fail the way proxies do
// while it keeps serving the widget's script (a CDN or cache in front of /embed.js).
import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Failure =
  /** 502 with the proxy's HTML page and no CORS headers, as nginx answers when the app is down. */
  | 'bad-gateway'
  /** The connection is reset before any answer. */
  | 'reset'
  /** Nothing listens at all: the connection is refused (the script is not served either). */
  | 'refused'
  /** The request is accepted and never answered. */
  | 'hang'
  /** 429 with Retry-After, readable by the page (CORS headers). */
  | 'rate-limited'
  /** A 200 whose body is not JSON, readable by the page. */
  | 'garbage';

export interface FailingProxy {
  url: string;
  /** From now on, everything but /embed.js fails this way. */
  fail(failure: Failure): Promise<void>;
  /** Passes everything through to Ecoute again. */
  recover(): Promise<void>;
  close(): Promise<void>;
}

const readableByAnyPage = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' };

export async function startFailingProxy(upstream: string): Promise<FailingProxy> {
  let failure: Failure | undefined;
  const hung = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const readable = failure === 'rate-limited' || failure === 'garbage';
    const passes =
      !failure ||
      new URL(request.url ?? '/', 'http://x').pathname === '/embed.js' ||
      // A readable failure comes from behind CORS: Ecoute answers the preflights, the proxy the rest.
      (readable && request.method === 'OPTIONS');
    if (passes) {
      const forwarded = httpRequest(
        `${upstream}${request.url}`,
        { method: request.method, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on('error', () => response.destroy());
      return void request.pipe(forwarded);
    }
    request.resume();
    if (failure === 'bad-gateway')
      return void response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
    if (failure === 'rate-limited')
      return void response
        .writeHead(429, { ...readableByAnyPage, 'retry-after': '3', 'content-type': 'text/plain' })
        .end('Too Many Requests');
    if (failure === 'garbage')
      return void response.writeHead(200, { ...readableByAnyPage, 'content-type': 'text/html' }).end('<html>{oops');
    if (failure === 'hang') return void hung.add(response);
    request.socket.resetAndDestroy();
  });
  const listen = (port = 0) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = () => {
    for (const response of hung) response.destroy();
    hung.clear();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async fail(next) {
      failure = next;
      if (next === 'refused') await stop();
    },
    async recover() {
      if (failure === 'refused') await listen(port);
      failure = undefined;
      for (const response of hung) response.destroy();
      hung.clear();
    },
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
