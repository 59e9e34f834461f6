// A third-party website on another origin than Ecoute, serving the pages a test gives it.
import { createServer, type Server } from 'node:http';

export interface HostPage {
  url: string;
  /** Sets what GET {url}{path} answers. */
  page(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startHostPage(): Promise<HostPage> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const server: Server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!page) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    // "localhost", not 127.0.0.1: another origin than Ecoute even apart from the port.
    url: `http://localhost:${port}`,
    page: (path, html, headers = {}) => void pages.set(path, { html, headers }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
